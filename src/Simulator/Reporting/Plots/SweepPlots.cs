using System.Globalization;
using ScottPlot;
using Simulator.Experiments;

namespace Simulator.Reporting.Plots;

/// <summary>
/// One plot per headline figure and varied parameter: the figure's mean at each point against the parameter, with
/// 95 % CI error bars. In a grid over a numeric parameter, points that share the other parameters' values are joined by
/// a line (one line per combination); over a categorical parameter (a policy, a placement) and in a Latin hypercube,
/// points stand alone — a line between categories would draw values that do not exist. Each combination has its own
/// colour and marker shape, so that more combinations than colours stay apart.
/// </summary>
public static class SweepPlots
{
    /// <summary>Each plot with its file name without extension (<c>stuck_peak_pct-vs-free_capacity</c>).</summary>
    public static IReadOnlyList<(string Name, Plot Plot)> Build(ExperimentPlan plan, IReadOnlyList<PointFigure> rows)
    {
        var plots = new List<(string, Plot)>();
        var names = ShortNames(plan.Parameters.Select(p => p.Path).ToList());
        foreach (var figure in ExperimentFigures.All)
        {
            var ofFigure = rows.Where(r => r.Figure.Id == figure.Id).ToList();
            if (ofFigure.All(r => double.IsNaN(r.Values.Mean))) continue;
            for (int j = 0; j < plan.Parameters.Count; j++)
                plots.Add(($"{figure.Id}-vs-{FileSafe(names[j])}", BuildOne(plan, ofFigure, figure, j, names)));
        }
        return plots;
    }

    private static Plot BuildOne(ExperimentPlan plan, IReadOnlyList<PointFigure> rows, FigureDefinition figure, int j,
        IReadOnlyList<string> names)
    {
        string path = plan.Parameters[j].Path;
        var axis = rows.Select(r => ScenarioFields.AxisValue(path, r.Point.Values[j])).ToList();
        bool numeric = axis.All(a => double.IsFinite(a.Value));
        string unit = numeric ? axis.Select(a => a.Unit).FirstOrDefault(u => u.Length > 0) ?? "" : "";
        var categories = numeric ? [] : rows.Select(r => r.Point.Values[j]).Distinct().ToList();
        double X(int i) => numeric ? axis[i].Value : categories.IndexOf(rows[i].Point.Values[j]);

        int n = rows.Max(r => r.Values.Count);
        var plot = PlotStyle.Create($"{figure.Label} vs {names[j]} (mean ± 95 % CI, {n} runs per point)",
            unit.Length > 0 ? $"{names[j]} ({unit})" : names[j], $"{figure.Label} ({figure.Unit})");

        // Grid: one line per combination of the other parameters; Latin hypercube: one set of loose points.
        bool grid = plan.Design == SweepDesignKind.Grid;
        var groups = Enumerable.Range(0, rows.Count)
            .GroupBy(i => grid ? string.Join(", ", plan.Parameters.Select((p, k) => k == j ? null : $"{ShortOf(names, k)}={rows[i].Point.Values[k]}")
                .Where(s => s is not null)) : "")
            .ToList();
        double minX = Enumerable.Range(0, rows.Count).Min(X), maxX = Enumerable.Range(0, rows.Count).Max(X);
        // Points of different combinations at one value are set a little apart: more between categories, which have room.
        double dodge = groups.Count <= 1 ? 0 : numeric ? (maxX - minX) * 0.008 : Math.Min(0.08, 0.5 / groups.Count);
        double top = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            var idx = groups[g].OrderBy(X).ToList();
            double shift = (g - (groups.Count - 1) / 2.0) * dodge;
            double[] xs = [.. idx.Select(i => X(i) + shift)];
            double[] ys = [.. idx.Select(i => rows[i].Values.Mean)];
            double[] errors = [.. idx.Select(i => double.IsNaN(rows[i].Values.Ci95High) ? 0 : rows[i].Values.Ci95High - rows[i].Values.Mean)];
            var (color, shape) = PlotStyle.Series(g);
            var bars = plot.Add.ErrorBar(xs, ys, errors);
            bars.LineWidth = 1.5f;
            bars.Color = color;
            var scatter = plot.Add.Scatter(xs, ys, color);
            scatter.LineWidth = grid && numeric ? 2 : 0;
            scatter.MarkerSize = 9;
            scatter.MarkerShape = shape;
            scatter.LegendText = groups[g].Key;
            top = Math.Max(top, PlotStyle.MaxFinite(0, [.. ys.Zip(errors, (y, e) => y + e)]));
        }
        if (!numeric)
            plot.Axes.Bottom.SetTicks([.. categories.Select((_, i) => (double)i)], [.. categories]);
        double pad = !numeric ? 0.5 : maxX > minX ? (maxX - minX) * 0.05 : 1;
        plot.Axes.SetLimitsX(minX - pad, maxX + pad);
        plot.Axes.SetLimitsY(0, top > 0 ? top * 1.12 : 1);
        if (groups.Count > 1 || groups[0].Key.Length > 0) PlotStyle.LegendBelow(plot);
        return plot;
    }

    /// <summary>The shortest tail of each path (names only, indices dropped) that tells the parameters apart.</summary>
    public static IReadOnlyList<string> ShortNames(IReadOnlyList<string> paths)
    {
        var parts = paths.Select(p => System.Text.RegularExpressions.Regex.Replace(p, @"\[[^\]]*\]", "").Split('.')).ToList();
        for (int take = 1; ; take++)
        {
            var names = parts.Select(p => string.Join('.', p.Skip(Math.Max(0, p.Length - take)))).ToList();
            if (names.Distinct().Count() == names.Count || parts.All(p => p.Length <= take)) return names;
        }
    }

    private static string ShortOf(IReadOnlyList<string> names, int k) => names[k];

    private static string FileSafe(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-')]);

    /// <summary>"12.3" for tables.</summary>
    internal static string Number(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
