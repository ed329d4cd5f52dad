using System.Globalization;
using ScottPlot;
using PlotStyle = Simulator.Reporting.Plots.PlotStyle;
using static Simulator.Durability.DurabilityRow;

namespace Simulator.Durability;

/// <summary>
/// The plots of a durability folder, in the style of the run plots (<see cref="PlotStyle"/>): P(loss within t) for an
/// MTTDL, P(loss) by method and the lost chunks per trial for simultaneous failures, and for a compare or a sweep
/// each quantity by variant or against each varied field. Exact values and approximations are lines (or hollow
/// marks), Monte Carlo estimates are points with their 95 % intervals.
/// </summary>
public static class DurabilityPlots
{
    /// <summary>The plots of one analysis, each with its file name without extension.</summary>
    public static IReadOnlyList<(string Name, Plot Plot)> Single(string title, DurabilityResult result) =>
        result.Kind == "mttdl" ? [("loss-probability", LossCurve(title, result))]
        : [("p-loss", ByMethod($"{title}: P(at least one chunk lost)", result)), ("lost-chunks", LostHistogram(title, result))];

    private static Plot LossCurve(string title, DurabilityResult result)
    {
        var plot = PlotStyle.Create($"{title}: P(data lost within t)", "t (years)", "probability");
        if (result.ExactCurve.Count > 0)
            PlotStyle.Line(plot, [0, .. result.ExactCurve.Select(p => p.Years)], [0, .. result.ExactCurve.Select(p => p.Probability)], "exact (chain)", PlotStyle.Palette[1]);
        if (result.SimulatedCurve.Count > 0)
            PlotStyle.Line(plot, [0, .. result.SimulatedCurve.Select(p => p.Years)], [0, .. result.SimulatedCurve.Select(p => p.Probability)],
                "Monte Carlo (share of histories lost)", PlotStyle.Palette[0]);
        if (result.Find(Quantities.PLossWithinHorizon, Methods.MonteCarlo) is { } mc && result.Facts.TryGetValue("horizon_hours", out double horizon))
            Point(plot, horizon / (24 * 365), mc, "Monte Carlo at the horizon (95 % CI)", PlotStyle.Palette[0]);
        PlotStyle.LegendBelow(plot);
        return plot;
    }

    private static Plot ByMethod(string title, DurabilityResult result)
    {
        var rows = result.Rows.Where(r => r.Quantity == Quantities.PLoss).ToList();
        var plot = PlotStyle.Create(title, "method", "probability");
        for (int i = 0; i < rows.Count; i++)
        {
            var color = PlotStyle.Palette[i % PlotStyle.Palette.Length];
            if (rows[i].Method == Methods.MonteCarlo) Point(plot, i, rows[i], Label(rows[i]), color);
            else Mark(plot, i, rows[i].Estimate, Label(rows[i]), color);
        }
        plot.Axes.Bottom.SetTicks([.. rows.Select((_, i) => (double)i)], [.. rows.Select(r => r.Method)]);
        plot.Axes.SetLimitsX(-0.5, rows.Count - 0.5);
        PlotStyle.LegendBelow(plot);
        return plot;
    }

    /// <summary>
    /// The share of trials that lost at least x chunks, against x, on a log scale: the rare large losses of copyset
    /// placement and the frequent small ones of random placement show side by side with the common "no loss".
    /// </summary>
    private static Plot LostHistogram(string title, DurabilityResult result)
    {
        var plot = PlotStyle.Create($"{title}: share of trials losing at least x chunks", "chunks lost (x)", "share of trials (log scale)");
        var lossy = result.LostHistogram.Where(h => h.Lost > 0).ToList();
        long trials = result.LostHistogram.Sum(h => h.Trials);
        if (lossy.Count == 0 || trials == 0) return plot;
        long atLeast = lossy.Sum(h => h.Trials);
        var xs = new List<double> { 1 };
        var ys = new List<double> { Math.Log10((double)atLeast / trials) }; // at least one chunk: P(loss)
        foreach (var (lost, count) in lossy)
        {
            xs.Add(lost);
            ys.Add(Math.Log10((double)atLeast / trials));
            atLeast -= count;
        }
        var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), PlotStyle.Palette[1]);
        line.ConnectStyle = ConnectStyle.StepVertical;
        line.LineWidth = 2.5f;
        line.MarkerSize = 6;
        int low = (int)Math.Floor(ys.Min()), high = (int)Math.Ceiling(ys.Max());
        if (high == low) high++;
        var ticks = Enumerable.Range(low, high - low + 1).Select(k => (double)k).ToArray();
        plot.Axes.Left.SetTicks(ticks, [.. ticks.Select(k => k == 0 ? "1" : $"1e{k:0}")]);
        plot.Axes.SetLimitsY(low - 0.1, high + 0.1);
        plot.Axes.SetLimitsX(0, xs.Max() * 1.05 + 1);
        return plot;
    }

    /// <summary>Each quantity by variant: one column per variant, exact/approximate marks and Monte Carlo points.</summary>
    public static IReadOnlyList<(string Name, Plot Plot)> Compare(string title, IReadOnlyList<string> labels, IReadOnlyList<DurabilityResult> results)
    {
        var plots = new List<(string, Plot)>();
        foreach (var (quantity, unit) in Quantity(results))
        {
            var plot = PlotStyle.Create($"{title}: {Title(quantity)} by variant", "variant", unit);
            var methods = new HashSet<string>();
            var all = results.SelectMany(r => r.Rows).Where(r => r.Quantity == quantity && r.Unit == unit).ToList();
            bool log = LogScale(all);
            for (int v = 0; v < results.Count; v++)
                foreach (var row in results[v].Rows.Where(r => r.Quantity == quantity && r.Unit == unit))
                {
                    int m = Array.IndexOf(MethodOrder, row.Method);
                    bool first = methods.Add(row.Method);
                    double x = v + (m - 1) * 0.12;
                    if (row.Method == Methods.MonteCarlo) Point(plot, x, row, first ? Label(row) : "", PlotStyle.Palette[m], log);
                    else Mark(plot, x, row.Estimate, first ? Label(row) : "", PlotStyle.Palette[m], log);
                }
            if (log) PowersOfTen(plot, unit, all.SelectMany(r => new[] { Y(r.Estimate, true), Y(r.CiLow, true), Y(r.CiHigh, true) }));
            plot.Axes.Bottom.SetTicks([.. labels.Select((_, i) => (double)i)], [.. labels]);
            plot.Axes.SetLimitsX(-0.5, labels.Count - 0.5);
            PlotStyle.LegendBelow(plot);
            plots.Add(($"{quantity}-by-variant", plot));
        }
        return plots;
    }

    /// <summary>
    /// Each quantity against each varied field: one colour per combination of the other fields, the exact value (or
    /// else the approximation) as a line (as points over a categorical field) and the Monte Carlo estimates as points
    /// with 95 % CI bars.
    /// </summary>
    public static IReadOnlyList<(string Name, Plot Plot)> Sweep(string title, IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<string>> points,
        IReadOnlyList<DurabilityResult> results)
    {
        var plots = new List<(string, Plot)>();
        foreach (var (quantity, unit) in Quantity(results))
            for (int j = 0; j < names.Count; j++)
            {
                bool numeric = points.All(p => double.TryParse(p[j], NumberStyles.Float, CultureInfo.InvariantCulture, out _));
                var categories = points.Select(p => p[j]).Distinct().ToList();
                double X(int i) => numeric ? double.Parse(points[i][j], CultureInfo.InvariantCulture) : categories.IndexOf(points[i][j]);
                var plot = PlotStyle.Create($"{title}: {Title(quantity)} vs {names[j]}", names[j], unit);
                var all = results.SelectMany(r => r.Rows).Where(r => r.Quantity == quantity && r.Unit == unit).ToList();
                bool log = quantity != Quantities.PLoss && LogScale(all);
                var groups = Enumerable.Range(0, points.Count)
                    .GroupBy(i => string.Join(", ", names.Select((n, k) => k == j ? null : $"{n}={points[i][k]}").Where(s => s is not null)))
                    .ToList();
                for (int g = 0; g < groups.Count; g++)
                {
                    var (color, shape) = PlotStyle.Series(g);
                    var idx = groups[g].OrderBy(X).ToList();
                    string name = groups[g].Key.Length > 0 ? groups[g].Key : quantity;
                    var line = idx.Select(i => (X: X(i), Row: Best(results[i], quantity, unit))).Where(p => p.Row is not null).ToList();
                    if (line.Count > 0 && numeric)
                        PlotStyle.Line(plot, [.. line.Select(p => p.X)], [.. line.Select(p => Y(p.Row!.Estimate, log))], $"{name} ({line[0].Row!.Method})", color);
                    else if (line.Count > 0)
                    {
                        // Categories (placements): no line between values that have nothing between them.
                        var dots = plot.Add.ScatterPoints(line.Select(p => p.X).ToArray(), line.Select(p => Y(p.Row!.Estimate, log)).ToArray(), color);
                        dots.MarkerShape = shape;
                        dots.MarkerSize = 10;
                        dots.LegendText = $"{name} ({line[0].Row!.Method})";
                    }
                    bool first = true;
                    foreach (int i in idx)
                        if (results[i].Find(quantity, Methods.MonteCarlo, unit) is { } mc)
                        {
                            Point(plot, X(i), mc, first ? $"{name} (Monte Carlo, 95 % CI)" : "", color, log);
                            first = false;
                        }
                }
                if (!numeric) plot.Axes.Bottom.SetTicks([.. categories.Select((_, i) => (double)i)], [.. categories]);
                if (log) PowersOfTen(plot, unit, all.SelectMany(r => new[] { Y(r.Estimate, true), Y(r.CiLow, true), Y(r.CiHigh, true) }));
                PlotStyle.LegendBelow(plot);
                plots.Add(($"{quantity}-vs-{FileSafe(names[j])}", plot));
            }
        return plots;
    }

    private static readonly string[] MethodOrder = [Methods.Exact, Methods.Approximation, Methods.MonteCarlo];

    /// <summary>The quantities to plot and their units: probabilities, lost chunks, and the MTTDL in the rates' unit.</summary>
    private static IEnumerable<(string Quantity, string Unit)> Quantity(IReadOnlyList<DurabilityResult> results) =>
        results.SelectMany(r => r.Rows).Where(r => r.Quantity != Quantities.ExpectedLostBytes && !(r.Quantity == Quantities.Mttdl && r.Unit == "hours"))
            .Select(r => (r.Quantity, r.Unit)).Distinct();

    private static DurabilityRow? Best(DurabilityResult result, string quantity, string unit) =>
        result.Find(quantity, Methods.Exact, unit) ?? result.Find(quantity, Methods.Approximation, unit);

    private static void Point(Plot plot, double x, DurabilityRow row, string legend, Color color, bool log = false)
    {
        double value = Y(row.Estimate, log);
        if (double.IsNaN(value)) return;
        double low = Y(row.CiLow, log), high = Y(row.CiHigh, log);
        var bar = plot.Add.ErrorBar([x], [value], [0.0]);
        bar.YErrorNegative = [double.IsFinite(low) ? value - low : 0];
        bar.YErrorPositive = [double.IsFinite(high) ? high - value : 0];
        bar.Color = color;
        bar.LineWidth = 1.5f;
        var marker = plot.Add.Marker(x, value, MarkerShape.FilledCircle, 9, color);
        marker.LegendText = legend;
    }

    private static void Mark(Plot plot, double x, double value, string legend, Color color, bool log = false)
    {
        value = Y(value, log);
        if (!double.IsFinite(value)) return;
        var marker = plot.Add.Marker(x, value, MarkerShape.OpenDiamond, 14, color);
        marker.LegendText = legend;
    }

    /// <summary>The plotted y of a value: itself, or its log10 on a log axis (NaN where it has none).</summary>
    private static double Y(double v, bool log) => !double.IsFinite(v) ? double.NaN : !log ? v : v > 0 ? Math.Log10(v) : double.NaN;

    /// <summary>MTTDLs and rare probabilities span orders of magnitude: a log axis when the values do.</summary>
    private static bool LogScale(IEnumerable<DurabilityRow> rows)
    {
        var values = rows.Select(r => r.Estimate).Where(v => double.IsFinite(v) && v > 0).ToList();
        return values.Count > 1 && values.Max() / values.Min() > 100;
    }

    /// <summary>Labels the y axis of log10 values with powers of ten.</summary>
    private static void PowersOfTen(Plot plot, string unit, IEnumerable<double> ys)
    {
        var finite = ys.Where(double.IsFinite).ToList();
        if (finite.Count == 0) return;
        int low = (int)Math.Floor(finite.Min()), high = (int)Math.Ceiling(finite.Max());
        if (high == low) high++;
        var ticks = Enumerable.Range(low, high - low + 1).Select(k => (double)k).ToArray();
        plot.Axes.Left.SetTicks(ticks, [.. ticks.Select(k => k == 0 ? "1" : $"1e{k:0}")]);
        plot.Axes.SetLimitsY(low - 0.2, high + 0.2);
        plot.YLabel($"{unit} (log scale)");
    }

    private static string Label(DurabilityRow row) => row.Method switch
    {
        Methods.MonteCarlo => "Monte Carlo (95 % CI)",
        _ => row.Method,
    };

    private static string Title(string quantity) => quantity switch
    {
        Quantities.PLoss => "P(at least one chunk lost)",
        Quantities.ExpectedLostChunks => "expected chunks lost",
        Quantities.Mttdl => "MTTDL",
        Quantities.PLossWithinHorizon => "P(loss within the horizon)",
        _ => quantity,
    };

    private static string FileSafe(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-')]);
}
