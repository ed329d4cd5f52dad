using Simulator.Experiments;
using Simulator.Metrics;
using Simulator.Reporting.Plots;

namespace Simulator.Reporting;

/// <summary>
/// Makes an experiment's final files from its <c>units/</c>, reading the units in index order. It is a pure function
/// of the unit files and the plan: the one way final CSVs are written, whether the units were computed by one process
/// on any number of threads, by shards merged afterwards, or across an interruption and a resume.
/// <list type="bullet">
/// <item>run: <c>timeseries.csv</c> (the units' rows, replication after replication), <c>summary.csv</c>,
/// <c>replications.csv</c>, <c>failures.csv</c>, <c>events.csv</c>, <c>validation.csv</c> (when the scenario has
/// <c>validation:</c> figures), plots (median and 5–95 % band when there are several replications).</item>
/// <item>compare: <c>comparison.csv</c>, <c>figures.csv</c>, <c>summary.csv</c>, <c>replications.csv</c> and
/// <c>failures.csv</c> and <c>events.csv</c> (with a <c>variant</c> column), <c>outage-curves.csv</c>, plots of the stuck
/// and lost curves of every variant.</item>
/// <item>sweep: <c>points.csv</c>, <c>point-figures.csv</c>, <c>figures.csv</c>, <c>summary.csv</c>,
/// <c>replications.csv</c>, <c>failures.csv</c> and <c>events.csv</c> (with a <c>point</c> column), plots of each figure
/// against each parameter.</item>
/// </list>
/// </summary>
public static class ExperimentFinalizer
{
    public const string OutageCurvesFileName = "outage-curves.csv";
    /// <summary>The rows of <see cref="OutageCurvesFileName"/> as Parquet (<c>--format parquet</c>).</summary>
    public const string OutageCurvesParquetFileName = "outage-curves.parquet";

    /// <summary>Writes the final files into <paramref name="dir"/> (which must not hold them yet).</summary>
    /// <exception cref="ExperimentException">when a unit of the plan is missing.</exception>
    /// <exception cref="OperationCanceledException">when <paramref name="cancellation"/> stops it (checked unit by unit): the files are half written.</exception>
    public static ExperimentResults Write(string dir, string unitsDir, ExperimentPlan plan, bool includePlots = true,
        CancellationToken cancellation = default)
    {
        var done = UnitFiles.Done(unitsDir);
        var missing = Enumerable.Range(0, plan.UnitCount).Where(i => !done.Contains(i)).ToList();
        if (missing.Count > 0)
            throw new ExperimentException($"{missing.Count} of {plan.UnitCount} units are missing ({Sample(missing)})");
        var metas = Enumerable.Range(0, plan.UnitCount).Select(i => UnitFiles.ReadMeta(unitsDir, i)).ToList();
        return plan.Kind switch
        {
            ExperimentKind.Run => WriteRun(dir, unitsDir, plan, metas, includePlots, cancellation),
            ExperimentKind.Compare => WriteCompare(dir, unitsDir, plan, metas, includePlots, cancellation),
            _ => WriteSweep(dir, unitsDir, plan, metas, includePlots, cancellation),
        };
    }

    /// <summary>What a reader should know before trusting the figures of <paramref name="plan"/>.</summary>
    public static IReadOnlyList<string> Warnings(ExperimentPlan plan)
    {
        int n = plan.Replications;
        if (n >= SummaryStatistics.FewReplications) return [];
        string what = plan.Kind switch { ExperimentKind.Compare => " per variant", ExperimentKind.Sweep => " per point", _ => "" };
        return n == 1
            ? [$"1 replication{what}: no confidence intervals; run --replications {SummaryStatistics.FewReplications} or more to have them"]
            : [$"{n} replications{what}: the 95 % confidence intervals are wide (Student t quantile {MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, n - 1, 0.975):0.00} " +
               $"against 1.96 for many); {SummaryStatistics.FewReplications} or more narrow them"];
    }

    /// <summary>"4, 9, 17, …" of a list of unit indices.</summary>
    public static string Sample(IReadOnlyList<int> units) =>
        "unit" + (units.Count == 1 ? " " : "s ") + string.Join(", ", units.Take(5)) + (units.Count > 5 ? ", …" : "");

    private static ExperimentResults WriteRun(string dir, string unitsDir, ExperimentPlan plan, IReadOnlyList<UnitMeta> metas, bool includePlots,
        CancellationToken cancellation)
    {
        var files = new List<string>();
        string timeseries = Path.Combine(dir, RunFolder.TimeSeriesFileName);
        using (var stream = CsvText.CreateFile(timeseries))
        {
            TimeSeriesCsv.Write(stream, []);
            foreach (var meta in metas)
            {
                cancellation.ThrowIfCancellationRequested();
                UnitFiles.CopySeries(unitsDir, meta.Unit, stream);
            }
        }
        files.Add(timeseries);
        if (plan.SeriesFormat == ExperimentPlan.ParquetFormat)
            files.Add(WriteParquet(Path.Combine(dir, ParquetSeries.FileName), unitsDir, metas, [], _ => []));

        var perReplication = metas.SelectMany(m => UnitFiles.ReadSummary(unitsDir, m.Unit, m.Replication)).ToList();
        var summaries = RunSummary.Aggregate(perReplication);
        string summary = Path.Combine(dir, RunFolder.SummaryFileName);
        SummaryCsv.Write(summary, summaries);
        files.Add(summary);

        string replications = Path.Combine(dir, ReplicationsCsv.FileName);
        ReplicationsCsv.Write(replications, [], [([], perReplication)]);
        files.Add(replications);
        files.Add(WriteFailures(dir, unitsDir, metas, []));
        files.Add(WriteEvents(dir, metas, [], _ => []));
        if (plan.VolumesAt is not null) files.Add(WriteVolumes(dir, unitsDir, metas, []));

        // The published figures, read off each replication by its unit; every unit has them or none does.
        var validation = metas.Select(m => UnitFiles.ReadValidation(unitsDir, m.Unit)).ToList();
        IReadOnlyList<ValidationSummary>? figures = null;
        if (validation.All(v => v is not null))
        {
            figures = ValidationSummary.Of([.. validation.Select(v => v!)]);
            string validationPath = Path.Combine(dir, ValidationCsv.FileName);
            ValidationCsv.Write(validationPath, figures);
            files.Add(validationPath);
        }

        var first = metas[0];
        string zone = first.AffectedZoneScope;
        // The plots need a few metrics, not every row: reading back only those keeps 20 replications in little memory.
        // Read on every core, concatenated in unit order: the same rows whatever the core count.
        var series = metas.AsParallel().AsOrdered()
            .Select(m => UnitFiles.ReadSeries(unitsDir, m.Unit, 0, (scope, metric) => IsPlotted(scope, metric, zone)))
            .ToList().SelectMany(rows => rows).ToList();
        var result = new RunResult
        {
            ScenarioName = first.ScenarioName,
            AffectedZoneScope = zone,
            Start = first.Start,
            HorizonHours = first.HorizonH,
            VolumesTotal = first.VolumesTotal,
            EventsProcessed = metas.Sum(m => m.EventsProcessed),
            WallSeconds = metas.Sum(m => m.WallSeconds),
            PeakMemoryBytes = 0,
            Series = series,
            Overrides = plan.Overrides,
            Markers = first.Markers,
            FailureFigures = [.. perReplication.Where(r => CrossRegionMetrics.Figures.Any(f => f.Name == r.Metric))],
        };
        cancellation.ThrowIfCancellationRequested();
        if (includePlots) files.AddRange(RunPlots.Write(Path.Combine(dir, RunFolder.PlotsFolderName), result));
        return new ExperimentResults
        {
            Files = files,
            Run = result,
            Summaries = summaries,
            Validation = figures,
            EventsProcessed = result.EventsProcessed,
            First = first,
            Warnings = Warnings(plan),
        };
    }

    /// <summary>The metrics of the affected zone's outage curve, then those plotted for every scope of their kind.</summary>
    private static readonly string[] OutageCurveMetrics =
        [MetricCatalog.VolumesStuckPct.Name, MetricCatalog.VolumesUnavailablePct.Name, MetricCatalog.VolumesConsistencyUnknownPct.Name, MetricCatalog.VolumesLostPct.Name];
    private static readonly string[] EveryScopePlotted =
        [MetricCatalog.FreeCapacityPct.Name, MetricCatalog.NodesCrashedTotal.Name, MetricCatalog.NetworkUtilizationPct.Name];

    private static readonly string[] ReplicationPlotted =
    [
        CrossRegionMetrics.ReplicationLagMaxS.Name, CrossRegionMetrics.ReplicationLagMeanS.Name, CrossRegionMetrics.VolumesServingPct.Name,
        CrossRegionMetrics.VolumesFailedOverPct.Name,
    ];

    private static bool IsPlotted(string scope, string metric, string affectedZone) =>
        OutageCurveMetrics.Contains(metric) ? scope == affectedZone
        : ReplicationPlotted.Contains(metric) ? CrossRegionMetrics.Replication.Holds(scope)
        : MechanismPlot.ZoneMetrics.Contains(metric) ? MetricCatalog.Zone.Holds(scope)
        : MechanismPlot.ClusterMetrics.Contains(metric) ? MetricCatalog.Cluster.Holds(scope)
        : EveryScopePlotted.Contains(metric);

    private static ExperimentResults WriteCompare(string dir, string unitsDir, ExperimentPlan plan, IReadOnlyList<UnitMeta> metas, bool includePlots,
        CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var files = new List<string>();
        int n = plan.Replications;
        var variants = plan.Variants;
        // Units of a compare: variant-major, one point, replications in order.
        var summaries = metas.Select(m => UnitFiles.ReadSummary(unitsDir, m.Unit, m.Replication)).ToList();
        var figures = variants.Select((_, v) => (IReadOnlyList<double[]>)Enumerable.Range(0, n)
            .Select(r => ExperimentFigures.Compute(summaries[plan.IndexOf(v, 0, r)], metas[plan.IndexOf(v, 0, r)].AffectedZoneScope))
            .ToList()).ToList();

        var comparison = Comparison.Compute([.. variants.Select(v => (v.Label, v.Path))], figures);
        string comparisonPath = Path.Combine(dir, ComparisonCsv.FileName);
        ComparisonCsv.Write(comparisonPath, comparison);
        files.Add(comparisonPath);

        string figuresPath = Path.Combine(dir, FiguresCsv.FileName);
        FiguresCsv.Write(figuresPath, ["variant"], variants.SelectMany((variant, v) =>
            Enumerable.Range(0, n).Select(r => ((IReadOnlyList<string>)[variant.Label], r, figures[v][r]))));
        files.Add(figuresPath);

        string summaryPath = Path.Combine(dir, RunFolder.SummaryFileName);
        using (var stream = CsvText.CreateFile(summaryPath))
            SummaryCsv.Write(stream, ["variant"], [.. variants.Select((variant, v) =>
                ((IReadOnlyList<string>)[variant.Label], RunSummary.Aggregate(Enumerable.Range(0, n).SelectMany(r => summaries[plan.IndexOf(v, 0, r)]))))]);
        files.Add(summaryPath);

        string replicationsPath = Path.Combine(dir, ReplicationsCsv.FileName);
        ReplicationsCsv.Write(replicationsPath, ["variant"], [.. variants.Select((variant, v) =>
            ((IReadOnlyList<string>)[variant.Label], (IReadOnlyList<ReplicationSummary>)[.. Enumerable.Range(0, n).SelectMany(r => summaries[plan.IndexOf(v, 0, r)])]))]);
        files.Add(replicationsPath);
        files.Add(WriteFailures(dir, unitsDir, metas, ["variant"]));
        files.Add(WriteEvents(dir, metas, ["variant"], meta => [variants[meta.Variant].Label]));
        if (plan.VolumesAt is not null) files.Add(WriteVolumes(dir, unitsDir, metas, ["variant"]));

        string curvesPath = Path.Combine(dir, OutageCurvesFileName);
        using (var stream = CsvText.CreateFile(curvesPath))
        {
            using (var header = CsvText.CreateWriter(stream))
            {
                foreach (var field in TimeSeriesCsv.Header.Prepend("variant")) header.WriteField(field);
                header.EndRecord();
                header.Flush();
            }
            foreach (var meta in metas)
            {
                cancellation.ThrowIfCancellationRequested();
                UnitFiles.CopySeries(unitsDir, meta.Unit, stream);
            }
        }
        files.Add(curvesPath);
        if (plan.SeriesFormat == ExperimentPlan.ParquetFormat)
            files.Add(WriteParquet(Path.Combine(dir, OutageCurvesParquetFileName), unitsDir, metas, ["variant"],
                meta => [plan.Variants[meta.Variant].Label]));

        cancellation.ThrowIfCancellationRequested();
        if (includePlots)
        {
            var first = metas[0];
            var read = Enumerable.Range(0, plan.UnitCount).AsParallel().AsOrdered()
                .Select(unit => UnitFiles.ReadSeries(unitsDir, unit, 1, (_, _) => true)).ToList();
            var curves = variants.Select((variant, v) => (variant.Label, Rows: (IReadOnlyList<TimeSeriesRow>)[.. Enumerable.Range(0, n)
                .SelectMany(r => read[plan.IndexOf(v, 0, r)])], Meta: metas[plan.IndexOf(v, 0, 0)])).ToList();
            var plots = new List<Figure>();
            foreach (var (name, metric) in new[] { (ComparisonPlot.StuckName, MetricCatalog.VolumesStuckPct.Name), (ComparisonPlot.LostName, MetricCatalog.VolumesLostPct.Name) })
                if (ComparisonPlot.Build([.. curves.Select(c => new ComparisonPlot.Variant(c.Label, [.. c.Rows.Where(x => x.Metric == metric)], c.Meta.Markers, c.Meta.HorizonH))],
                        metric, first.AffectedZoneScope, first.Start, plan.Overrides) is { } plot)
                    plots.Add(plot);
            files.AddRange(FigureFiles.Save(Path.Combine(dir, RunFolder.PlotsFolderName), plots));
        }
        return new ExperimentResults
        {
            Files = files,
            Comparison = comparison,
            EventsProcessed = metas.Sum(m => m.EventsProcessed),
            First = metas[0],
            Warnings = Warnings(plan),
        };
    }

    private static ExperimentResults WriteSweep(string dir, string unitsDir, ExperimentPlan plan, IReadOnlyList<UnitMeta> metas, bool includePlots,
        CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var files = new List<string>();
        int n = plan.Replications;
        var summaries = metas.Select(m => UnitFiles.ReadSummary(unitsDir, m.Unit, m.Replication)).ToList();
        var figures = plan.Points.Select(point => Enumerable.Range(0, n)
            .Select(r => ExperimentFigures.Compute(summaries[plan.IndexOf(0, point.Id, r)], metas[plan.IndexOf(0, point.Id, r)].AffectedZoneScope))
            .ToList()).ToList();

        string pointsPath = Path.Combine(dir, SweepCsv.PointsFileName);
        SweepCsv.WritePoints(pointsPath, plan);
        files.Add(pointsPath);

        var pointFigures = plan.Points.SelectMany(point => ExperimentFigures.All.Select((figure, f) =>
            new PointFigure(point, figure, SummaryStatistics.Of(figures[point.Id].Select(x => x[f]))))).ToList();
        string pointFiguresPath = Path.Combine(dir, SweepCsv.PointFiguresFileName);
        SweepCsv.WritePointFigures(pointFiguresPath, plan, pointFigures);
        files.Add(pointFiguresPath);

        string figuresPath = Path.Combine(dir, FiguresCsv.FileName);
        FiguresCsv.Write(figuresPath, ["point"], plan.Points.SelectMany(point =>
            Enumerable.Range(0, n).Select(r => ((IReadOnlyList<string>)[Id(point)], r, figures[point.Id][r]))));
        files.Add(figuresPath);

        string summaryPath = Path.Combine(dir, RunFolder.SummaryFileName);
        using (var stream = CsvText.CreateFile(summaryPath))
            SummaryCsv.Write(stream, ["point"], [.. plan.Points.Select(point =>
                ((IReadOnlyList<string>)[Id(point)], RunSummary.Aggregate(Enumerable.Range(0, n).SelectMany(r => summaries[plan.IndexOf(0, point.Id, r)]))))]);
        files.Add(summaryPath);

        string replicationsPath = Path.Combine(dir, ReplicationsCsv.FileName);
        ReplicationsCsv.Write(replicationsPath, ["point"], [.. plan.Points.Select(point =>
            ((IReadOnlyList<string>)[Id(point)], (IReadOnlyList<ReplicationSummary>)[.. Enumerable.Range(0, n).SelectMany(r => summaries[plan.IndexOf(0, point.Id, r)])]))]);
        files.Add(replicationsPath);
        files.Add(WriteFailures(dir, unitsDir, metas, ["point"]));
        files.Add(WriteEvents(dir, metas, ["point"], meta => [CsvText.Integer(meta.Point)]));
        if (plan.VolumesAt is not null) files.Add(WriteVolumes(dir, unitsDir, metas, ["point"]));

        cancellation.ThrowIfCancellationRequested();
        if (includePlots)
            files.AddRange(RunPlots.Save(Path.Combine(dir, RunFolder.PlotsFolderName), SweepPlots.Build(plan, pointFigures)));
        return new ExperimentResults
        {
            Files = files,
            PointFigures = pointFigures,
            EventsProcessed = metas.Sum(m => m.EventsProcessed),
            First = metas[0],
            Warnings = Warnings(plan),
        };
    }

    /// <summary>
    /// The units' series rows as Parquet (<see cref="ParquetSeries"/>), one row group per unit in unit order, each row after
    /// its unit's <paramref name="keys"/>: the same rows, in the same order, as the CSV made of the same units.
    /// </summary>
    private static string WriteParquet(string path, string unitsDir, IReadOnlyList<UnitMeta> metas, IReadOnlyList<string> keyColumns,
        Func<UnitMeta, IReadOnlyList<string>> keys)
    {
        using var writer = new ParquetSeries.Writer(path, keyColumns);
        foreach (var meta in metas)
            writer.Append(keys(meta), UnitFiles.ReadSeries(unitsDir, meta.Unit, keyColumns.Count, (_, _) => true));
        return path;
    }

    private static string Id(PlanPoint point) => CsvText.Integer(point.Id);

    /// <summary><c>events.csv</c>: every unit's faults and operator actions, in unit order, after its key.</summary>
    private static string WriteEvents(string dir, IReadOnlyList<UnitMeta> metas, IReadOnlyList<string> keyColumns,
        Func<UnitMeta, IReadOnlyList<string>> keys)
    {
        string path = Path.Combine(dir, EventsCsv.FileName);
        EventsCsv.Write(path, keyColumns, metas.Select(m => (keys(m), m)));
        return path;
    }

    /// <summary><c>volumes.csv</c> (<c>--volumes</c>): every unit's volumes not healthy, after their key.</summary>
    private static string WriteVolumes(string dir, string unitsDir, IReadOnlyList<UnitMeta> metas, IReadOnlyList<string> keyColumns) =>
        WriteUnitRows(Path.Combine(dir, VolumesCsv.FileName), s => VolumesCsv.WriteHeader(s, keyColumns),
            metas.Select(m => UnitFiles.VolumesPath(unitsDir, m.Unit)));

    /// <summary><c>failures.csv</c>: every unit's failure events, after their key.</summary>
    private static string WriteFailures(string dir, string unitsDir, IReadOnlyList<UnitMeta> metas, IReadOnlyList<string> keyColumns) =>
        WriteUnitRows(Path.Combine(dir, FailuresCsv.FileName), s => FailuresCsv.WriteHeader(s, keyColumns),
            metas.Select(m => UnitFiles.FailuresPath(unitsDir, m.Unit)));

    /// <summary>
    /// A file of rows the units wrote with their key: the header, then each unit's file byte for byte, in unit order
    /// (variant, point, replication), so that the bytes do not depend on the thread count.
    /// </summary>
    private static string WriteUnitRows(string path, Action<Stream> writeHeader, IEnumerable<string> unitFiles)
    {
        using var stream = CsvText.CreateFile(path);
        writeHeader(stream);
        foreach (string unitFile in unitFiles)
        {
            using var input = File.OpenRead(unitFile);
            input.CopyTo(stream);
        }
        return path;
    }
}
