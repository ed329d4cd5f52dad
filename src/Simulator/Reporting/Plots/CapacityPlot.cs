using ScottPlot;
using Simulator.Experiments;
using Simulator.Metrics;

namespace Simulator.Reporting.Plots;

/// <summary>
/// Free capacity of every cluster (left axis, %) and crashed nodes (right axis, count) over time: the space the
/// re-mirroring storm eats and the crashes it provokes.
/// </summary>
public static class CapacityPlot
{
    /// <summary>File name without extension.</summary>
    public const string Name = "capacity";

    /// <summary>The plot, or null when neither <c>free_capacity_pct</c> nor <c>nodes_crashed_total</c> is sampled.</summary>
    public static PanelFigure? Build(RunResult result)
    {
        var clusters = SeriesView.Scopes(result.Series, MetricCatalog.FreeCapacityPct.Name, MetricCatalog.Cluster.Prefix);
        var crashScopes = CrashScopes(result);
        if (clusters.Count == 0 && crashScopes.Count == 0) return null;

        var plot = PlotStyle.Create("", PlotStyle.TimeAxisLabel(result), "% of cluster capacity free");
        // Free capacity in the first colours of the palette, crashes (on the right axis) in the last ones: a cluster's two
        // lines never share a colour, and the dash tells the axis.
        var freeColours = new Dictionary<string, Color>();
        Color FreeColour(string scope) => freeColours.TryGetValue(scope, out var c) ? c
            : freeColours[scope] = PlotStyle.Palette[freeColours.Count % 4];
        int crashIndex = 0;
        double lastH = 0, crashMax = 0, freeMax = 0;
        foreach (var cluster in clusters)
        {
            var band = SeriesView.Band(result.Series, cluster, MetricCatalog.FreeCapacityPct.Name);
            PlotStyle.Curve(plot, band, $"free capacity: {PlotStyle.ScopeName(cluster)} (left axis)", FreeColour(cluster));
            lastH = Math.Max(lastH, band.TimesH[^1]);
            freeMax = Math.Max(freeMax, PlotStyle.MaxFinite(0, band.P95));
        }
        foreach (var scope in crashScopes)
        {
            var band = SeriesView.Band(result.Series, scope, MetricCatalog.NodesCrashedTotal.Name);
            var colour = crashScopes.Count == 1 ? Colors.Black : PlotStyle.Palette[4 + crashIndex % 4];
            crashIndex++;
            PlotStyle.Curve(plot, band, $"nodes crashed: {PlotStyle.ScopeName(scope)} (right axis)",
                colour, LinePattern.Dashed, plot.Axes.Right);
            lastH = Math.Max(lastH, band.TimesH[^1]);
            crashMax = Math.Max(crashMax, PlotStyle.MaxFinite(0, band.P95));
        }
        PlotStyle.SetTimeLimits(plot, result, lastH);
        plot.Axes.SetLimitsY(0, Math.Min(105, Math.Max(10, freeMax * 1.2)), plot.Axes.Left);
        if (crashScopes.Count > 0)
        {
            plot.Axes.Right.Label.Text = "nodes crashed (cumulative)";
            plot.Axes.Right.Label.FontSize = 16;
            plot.Axes.Right.TickLabelStyle.FontSize = 14;
            plot.Axes.Right.TickGenerator = new DistinctTicks { IntegerTicksOnly = true };
            plot.Axes.SetLimitsY(0, Math.Max(5, crashMax * 1.1), plot.Axes.Right);
        }
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Single(Name, result, "free capacity and crashed nodes", plot);
    }

    /// <summary>Crash counts at the coarsest level sampled: the region's if there is one, else each cluster's, else each zone's.</summary>
    private static IReadOnlyList<string> CrashScopes(RunResult result)
    {
        foreach (var kind in new[] { MetricCatalog.Region, MetricCatalog.Cluster, MetricCatalog.Zone })
        {
            var scopes = SeriesView.Scopes(result.Series, MetricCatalog.NodesCrashedTotal.Name, kind.Prefix);
            if (scopes.Count > 0) return scopes;
        }
        return [];
    }
}
