using System.Globalization;
using CsvHelper;
using ScottPlot;
using Simulator.Experiments;
using Simulator.Metrics;
using Simulator.Scenarios;

namespace Simulator.Reporting.Plots;

/// <summary>
/// A sweep folder's summary of one metric (peak or final) against one swept parameter, read from its
/// <c>points.csv</c> and <c>summary.csv</c>: at each point the median across replications with the 5–95 % band
/// (the mean alone with one replication), one line per scope and combination of the other parameters; over a
/// categorical parameter, points with 5–95 % bars instead of lines.
/// </summary>
internal static class SweepVsPlot
{
    /// <summary>The swept parameters' paths, from <c>points.csv</c>.</summary>
    public static IReadOnlyList<string> Parameters(string folder) => ReadPoints(folder).Header.Skip(1).ToList();

    /// <summary><c>points.csv</c> without the SI columns beside the values as written: the point, then one column per parameter.</summary>
    private static (List<string> Header, List<string[]> Rows) ReadPoints(string folder)
    {
        var (header, rows) = ReadTable(Path.Combine(folder, SweepCsv.PointsFileName));
        int[] keep = [.. Enumerable.Range(0, header.Count).Where(i => !SweepParameterValues.IsNumericColumn(header, header[i]))];
        return ([.. keep.Select(i => header[i])], [.. rows.Select(r => keep.Select(i => r[i]).ToArray())]);
    }

    public static Plot Build(string folder, MetricDefinition metric, string? scope, string vs, string stat)
    {
        var points = ReadPoints(folder);
        var paths = points.Header.Skip(1).ToList();
        var shortNames = SweepPlots.ShortNames(paths);
        int j = paths.IndexOf(vs);
        if (j < 0) j = shortNames.ToList().IndexOf(vs);
        if (j < 0)
            throw new PlotInputException($"{folder} did not sweep \"{vs}\"; it swept {string.Join(", ", paths)}" +
                DidYouMean.Hint(vs, paths.Concat(shortNames)));
        var valuesOf = points.Rows.ToDictionary(r => r[0], r => r.Skip(1).ToList());

        string summaryPath = Path.Combine(folder, RunFolder.SummaryFileName);
        var summary = ReadTable(summaryPath);
        int Column(string name) => summary.Header.IndexOf(name);
        int point = Column("point"), metricColumn = Column("metric"), scopeColumn = Column("scope");
        int median = Column(stat + "_p50") is >= 0 and var m ? m : Column(stat);
        int low = Column(stat + "_p5"), high = Column(stat + "_p95"), replications = Column("replications");
        if (point < 0 || metricColumn < 0 || scopeColumn < 0 || median < 0)
            throw new PlotInputException($"{summaryPath} is not a sweep's summary: it lacks point, metric, scope or {stat}");
        var rows = summary.Rows.Where(r => r[metricColumn] == metric.Name).ToList();
        if (rows.Count == 0)
            throw new PlotInputException($"{summaryPath} has no {metric.Name} rows: the sweep did not sample it");
        var scopes = rows.Select(r => r[scopeColumn]).Distinct().Order(StringComparer.Ordinal).ToList();
        if (scope is not null) scopes = [CustomPlot.ResolveScope(scope, scopes, metric.Name, summaryPath)];

        var axis = points.Rows.Select(r => ScenarioFields.AxisValue(paths[j], r[1 + j])).ToList();
        bool numeric = axis.All(a => double.IsFinite(a.Value));
        string unit = numeric ? axis.Select(a => a.Unit).FirstOrDefault(u => u.Length > 0) ?? "" : "";
        var categories = points.Rows.Select(r => r[1 + j]).Distinct().ToList();
        double X(string text) => numeric ? ScenarioFields.AxisValue(paths[j], text).Value : categories.IndexOf(text);

        int n = replications >= 0 ? rows.Max(r => Parse(r[replications]) is var v && double.IsFinite(v) ? (int)v : 1) : 1;
        string spread = n > 1 && low >= 0 && high >= 0 ? $"median and 5–95 % of {n} runs per point" : n > 1 ? $"mean of {n} runs per point" : "one run per point";
        var plot = PlotStyle.Create($"{metric.Name} {stat} vs {shortNames[j]} ({spread})",
            unit.Length > 0 ? $"{shortNames[j]} ({unit})" : shortNames[j], $"{metric.Name}, {stat} ({metric.Unit})");

        var lines = rows.Where(r => scopes.Contains(r[scopeColumn]) && valuesOf.ContainsKey(r[point]))
            .GroupBy(r => (Scope: r[scopeColumn], Others: string.Join(", ", valuesOf[r[point]].Select((v, k) => k == j ? null : $"{shortNames[k]}={v}")
                .Where(s => s is not null))))
            .OrderBy(g => scopes.IndexOf(g.Key.Scope)).ThenBy(g => g.Key.Others, StringComparer.Ordinal).ToList();
        bool fullNames = scopes.Select(s => MetricCatalog.KindOf(s)).Distinct().Count() > 1;
        double top = 0, bottom = 0;
        for (int g = 0; g < lines.Count; g++)
        {
            var ordered = lines[g].OrderBy(r => X(valuesOf[r[point]][j])).ToList();
            // Over categories, each line's points are set a little apart so that their bars do not overlap.
            double shift = numeric || lines.Count <= 1 ? 0 : (g - (lines.Count - 1) / 2.0) * Math.Min(0.08, 0.5 / lines.Count);
            double[] xs = [.. ordered.Select(r => X(valuesOf[r[point]][j]) + shift)];
            double[] mid = [.. ordered.Select(r => Parse(r[median]))];
            double[] p5 = low >= 0 ? [.. ordered.Select(r => Parse(r[low]))] : mid;
            double[] p95 = high >= 0 ? [.. ordered.Select(r => Parse(r[high]))] : mid;
            var band = new SeriesBand(xs, p5, mid, p95, [.. Enumerable.Range(0, low >= 0 ? n : 1).Select(_ => mid)]);
            string label = (fullNames ? lines[g].Key.Scope : PlotStyle.ScopeName(lines[g].Key.Scope)) + (lines[g].Key.Others.Length > 0 ? ", " + lines[g].Key.Others : "");
            var (color, shape) = PlotStyle.Series(g);
            if (numeric)
            {
                var line = PlotStyle.Curve(plot, band, label, color, drawRuns: false);
                line.MarkerSize = 8;
                line.MarkerShape = shape;
            }
            else
            {
                // Categories: points and 5–95 % bars, no line or band between values that have nothing between them.
                var bars = new ScottPlot.Plottables.ErrorBar(xs, mid, null, null,
                    [.. mid.Select((m, i) => double.IsFinite(p5[i]) ? m - p5[i] : 0)], [.. mid.Select((m, i) => double.IsFinite(p95[i]) ? p95[i] - m : 0)])
                { Color = color, LineWidth = 1.5f };
                plot.Add.Plottable(bars);
                var dots = plot.Add.ScatterPoints(xs, mid, color);
                dots.MarkerSize = 10;
                dots.MarkerShape = shape;
                dots.LegendText = label;
            }
            top = Math.Max(top, PlotStyle.MaxFinite(0, p95, mid));
            bottom = Math.Min(bottom, -PlotStyle.MaxFinite(0, [.. p5.Select(v => -v)]));
        }
        if (!numeric)
            plot.Axes.Bottom.SetTicks([.. categories.Select((_, i) => (double)i)], [.. categories]);
        double minX = points.Rows.Min(r => X(r[1 + j])), maxX = points.Rows.Max(r => X(r[1 + j]));
        double pad = !numeric ? 0.5 : maxX > minX ? (maxX - minX) * 0.05 : 1;
        plot.Axes.SetLimitsX(minX - pad, maxX + pad);
        plot.Axes.SetLimitsY(bottom < 0 ? bottom * 1.12 : 0, top > 0 ? top * 1.12 : 1);
        PlotStyle.LegendBelow(plot);
        return plot;
    }

    private static double Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;

    /// <summary>A small CSV file: its header and every row as strings (each as long as the header).</summary>
    private static (List<string> Header, List<string[]> Rows) ReadTable(string path)
    {
        try
        {
            using var reader = CsvReader.Create(File.OpenRead(path), new CsvReaderOptions
            {
                HasHeader = false,
                Separator = ',',
                FormatProvider = CultureInfo.InvariantCulture,
            }, leaveOpen: false);
            string first = File.ReadLines(path).FirstOrDefault() ?? "";
            int count = first.Split(',').Length;
            var rows = new List<string[]>();
            while (reader.Read())
                rows.Add([.. Enumerable.Range(0, count).Select(reader.GetString)]);
            if (rows.Count < 2) throw new PlotInputException($"{path} has no rows");
            return ([.. rows[0]], rows.Skip(1).ToList());
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException or IOException)
        {
            throw new PlotInputException($"cannot read {path}: {e.Message}");
        }
    }
}
