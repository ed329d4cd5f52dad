using System.Diagnostics;
using Simulator.Metrics;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;

namespace Simulator.Experiments;

/// <summary>Loads, runs and validates scenarios: the library's front door for the command line.</summary>
public static class ScenarioRunner
{
    /// <summary>Reads a scenario file, applies overrides; throws <see cref="Scenarios.ScenarioException"/> listing every problem.</summary>
    public static LoadedScenario Load(string path, IReadOnlyList<string>? overrides = null)
    {
        var sets = overrides ?? [];
        var model = ScenarioFile.Load<Scenario>(path, sets);
        return new LoadedScenario(model, path, ScenarioFile.Sha256(path, sets), sets);
    }

    /// <summary>
    /// Runs one replication of the scenario (<see cref="RunOptions.Replication"/>) to its horizon. A replication is a pure
    /// function of (scenario, seed, index, scale, interval): experiments run many of them, on any thread or machine.
    /// <paramref name="cancellation"/> abandons it, while the model is built or runs, with an <see cref="OperationCanceledException"/>.
    /// Volumes that cannot be placed as drawn are a <see cref="ScenarioException"/> at the cluster's <c>volumes</c> line.
    /// </summary>
    public static RunResult Run(LoadedScenario scenario, RunOptions options, IProgress<RunProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        var model = scenario.Model;
        var clock = Stopwatch.StartNew();
        SimulationRun run;
        try
        {
            run = new SimulationRun(model, options.Seed, options.Replication, options.Scale, cancellation) { VolumeSnapshotTimes = options.VolumesAt };
        }
        catch (Storage.PlacementFailedException e)
        {
            throw new ScenarioException([ScenarioFile.Locate(scenario.Path, scenario.Overrides, VolumesPath(model, e.Cluster),
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"at seed {options.Seed}, replication {options.Replication}, scale {options.Scale:G}: {e.Message}"))]);
        }
        run.Run(options.SampleInterval ?? model.SampleInterval, progress, cancellation);
        clock.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var failures = run.Failures();
        return new RunResult
        {
            ScenarioName = model.Name,
            AffectedZoneScope = MetricCatalog.Zone.Prefix + run.AffectedZone,
            Start = model.Start,
            HorizonHours = model.Horizon.TotalHours,
            VolumesTotal = run.VolumesTotal,
            EventsProcessed = run.EventsProcessed,
            WallSeconds = clock.Elapsed.TotalSeconds,
            PeakMemoryBytes = process.PeakWorkingSet64,
            Series = run.Rows,
            Markers = run.Markers,
            Failures = failures,
            Volumes = options.VolumesAt is null ? null : run.VolumeRecords(),
            FailureFigures = [.. Reporting.FailureSummary.Of(options.Replication, failures, run.Clusters.Select(c => (c.ZoneName, c.Name))),
                .. Reporting.FailoverSummary.Of(options.Replication, run.CrossRegion),
                .. Reporting.OutageSummary.Of(options.Replication, run.Rows, run.VolumesByScope())],
        };
    }

    /// <summary>The field path of the <c>volumes</c> of the cluster named <paramref name="cluster"/>.</summary>
    private static string VolumesPath(Scenario model, string cluster)
    {
        var regions = model.Topology.Regions;
        for (int i = 0; i < regions.Count; i++)
            for (int j = 0; j < regions[i].Zones.Count; j++)
                for (int k = 0; k < regions[i].Zones[j].Clusters.Count; k++)
                    if (regions[i].Zones[j].Clusters[k].Name == cluster)
                        return $"topology.regions[{i}].zones[{j}].clusters[{k}].volumes";
        return "topology";
    }

    /// <summary>Compares one replication of a run with the scenario's `validation:` figures, in the scenario's order.</summary>
    /// <param name="scenario">The scenario, whose `validation:` figures are read.</param>
    /// <param name="result">The run.</param>
    /// <param name="replication">The replication whose rows are read (a unit's rows carry its replication index).</param>
    public static IReadOnlyList<ValidationRow> Validate(LoadedScenario scenario, RunResult result, int replication = 0) =>
        scenario.Model.Validation.Select(f => Evaluate(f, result.Series, replication)).ToList();

    /// <summary>Reads one figure off the rows of one replication of the series.</summary>
    public static ValidationRow Evaluate(ValidationFigureSpec f, IReadOnlyList<TimeSeriesRow> series, int replication = 0)
    {
        var points = series.Where(r => r.Replication == replication && r.Metric == f.Metric && r.Scope == f.Scope).ToList();
        double simulated = double.NaN;
        double? atH = null;
        if (points.Count > 0)
        {
            switch (f.Stat)
            {
                case ValidationStat.At:
                    atH = f.At?.TotalHours ?? 0;
                    simulated = points.LastOrDefault(p => p.TimeH <= atH + 1e-9, points[0]).Value;
                    break;
                case ValidationStat.Peak:
                    simulated = points.Max(p => p.Value);
                    break;
                case ValidationStat.Final:
                    simulated = points[^1].Value;
                    break;
                case ValidationStat.MaxBetween:
                case ValidationStat.MinBetween:
                {
                    double from = f.From?.TotalHours ?? 0, to = f.To?.TotalHours ?? double.MaxValue;
                    var window = points.Where(p => p.TimeH >= from - 1e-9 && p.TimeH <= to + 1e-9).Select(p => p.Value).ToList();
                    if (window.Count > 0) simulated = f.Stat == ValidationStat.MaxBetween ? window.Max() : window.Min();
                    break;
                }
                case ValidationStat.Onset:
                {
                    double from = f.From?.TotalHours ?? 0, to = f.To?.TotalHours ?? points[^1].TimeH;
                    int first = points.FindIndex(p => p.TimeH >= from - 1e-9 && p.TimeH <= to + 1e-9 && p.Value >= f.Threshold);
                    simulated = first < 0 ? to : points[first].TimeH;
                    break;
                }
            }
        }
        string when = f.Stat switch
        {
            ValidationStat.At => FormattableString.Invariant($"{atH:0.0#} h"),
            ValidationStat.Peak => "peak",
            ValidationStat.Final => "end",
            ValidationStat.Onset => FormattableString.Invariant($"first ≥ {f.Threshold} in {f.From?.TotalHours ?? 0:0.0#}–{f.To?.TotalHours:0.0#} h"),
            _ => FormattableString.Invariant($"{f.From?.TotalHours ?? 0:0.0#}–{f.To?.TotalHours:0.0#} h"),
        };
        return new ValidationRow(f.Figure, f.Source, atH, f.Expected, simulated, f.Tolerance, f.Comparison) { When = when };
    }
}
