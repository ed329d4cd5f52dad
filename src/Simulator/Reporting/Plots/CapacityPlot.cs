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
    public static Plot? Build(RunResult result)
    {
        var clusters = SeriesView.Scopes(result.Series, MetricCatalog.FreeCapacityPct.Name, MetricCatalog.Cluster.Prefix);
        var crashScopes = CrashScopes(result);
        if (clusters.Count == 0 && crashScopes.Count == 0) return null;

        var plot = PlotStyle.Create($"{result.ScenarioName}: free capacity and crashed nodes{PlotStyle.ReplicationsNote(SeriesView.ReplicationCount(result.Series))}",
            PlotStyle.TimeAxisLabel(result), "% of cluster capacity free");
        // One colour per scope: a cluster's free capacity (solid) and its crashes (dashed) share it.
        var colours = new Dictionary<string, Color>();
        Color ColourOf(string scope) => colours.TryGetValue(scope, out var c) ? c
            : colours[scope] = PlotStyle.Palette[colours.Count % PlotStyle.Palette.Length];
        double lastH = 0, crashMax = 0, freeMax = 0;
        foreach (var cluster in clusters)
        {
            var band = SeriesView.Band(result.Series, cluster, MetricCatalog.FreeCapacityPct.Name);
            PlotStyle.Curve(plot, band, $"free: {PlotStyle.ScopeName(cluster)}", ColourOf(cluster));
            lastH = Math.Max(lastH, band.TimesH[^1]);
            freeMax = Math.Max(freeMax, PlotStyle.MaxFinite(0, band.P95));
        }
        foreach (var scope in crashScopes)
        {
            var band = SeriesView.Band(result.Series, scope, MetricCatalog.NodesCrashedTotal.Name);
            PlotStyle.Curve(plot, band, $"crashed: {PlotStyle.ScopeName(scope)} (right)",
                ColourOf(scope), LinePattern.Dashed, plot.Axes.Right);
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
            plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.SetLimitsY(0, Math.Max(5, crashMax * 1.1), plot.Axes.Right);
        }
        PlotStyle.LegendBelow(plot);
        return plot;
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
