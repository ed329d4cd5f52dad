using ScottPlot;
using Simulator.Experiments;
using Simulator.Metrics;

namespace Simulator.Reporting.Plots;

/// <summary>
/// How the storm works, on one time axis: the re-mirroring searches and negotiations the stuck volumes make per
/// second (top), what that does to the control plane — its workers' busy share, the share of API calls and of
/// negotiations failing, the share of negotiations operators cut off (middle) — and the free capacity the searches
/// look for (bottom), with the faults and operator actions numbered as on the outage curve.
/// </summary>
public static class MechanismPlot
{
    /// <summary>File name without extension.</summary>
    public const string Name = "mechanism";

    /// <summary>The metrics the figure reads: the finalizer keeps them when it reads the series back for the plots.</summary>
    public static readonly IReadOnlyList<string> ClusterMetrics =
    [
        MetricCatalog.RemirrorAttemptsPerS.Name, MetricCatalog.NegotiationsPerS.Name, MetricCatalog.NegotiationErrorRatePct.Name,
        MetricCatalog.ControlPlaneCutPct.Name, MetricCatalog.FreeCapacityPct.Name,
    ];

    /// <summary>The zone metrics the figure reads (the affected zone's, and the API errors of every zone).</summary>
    public static readonly IReadOnlyList<string> ZoneMetrics = [MetricCatalog.ControlPlaneUtilizationPct.Name, MetricCatalog.ApiErrorRatePct.Name];

    /// <summary>The figure, or null when no cluster re-mirrored (no searches and no negotiations sampled, or all zero).</summary>
    public static PanelFigure? Build(RunResult result)
    {
        var clusters = SeriesView.Scopes(result.Series, MetricCatalog.RemirrorAttemptsPerS.Name, MetricCatalog.Cluster.Prefix)
            .Where(c => SeriesView.Band(result.Series, c, MetricCatalog.RemirrorAttemptsPerS.Name).Median.Any(v => v > 0))
            .ToList();
        if (clusters.Count == 0) return null;

        var marks = TimelineMarks.Number(result.Markers, result.Start, result.HorizonHours);
        double lastH = 0;
        int binMinutes = 0, replications = 0;
        SeriesBand Read(string scope, string metric)
        {
            var (band, bin) = PlotStyle.Binned(SeriesView.Band(result.Series, scope, metric));
            binMinutes = Math.Max(binMinutes, bin);
            replications = Math.Max(replications, band.Replications);
            if (band.TimesH.Length > 0) lastH = Math.Max(lastH, band.TimesH[^1]);
            return band;
        }
        bool several = clusters.Count > 1;
        string Of(string cluster) => several ? $", {PlotStyle.ScopeName(cluster)}" : "";

        // Searches and negotiations: a colour per cluster, solid searches, dashed negotiations.
        var load = PlotStyle.Panel("per second");
        double loadMax = 0;
        for (int i = 0; i < clusters.Count; i++)
        {
            var color = PlotStyle.Palette[i % PlotStyle.Palette.Length];
            var searches = Read(clusters[i], MetricCatalog.RemirrorAttemptsPerS.Name);
            var negotiations = Read(clusters[i], MetricCatalog.NegotiationsPerS.Name);
            PlotStyle.Curve(load, searches, $"re-mirror searches{Of(clusters[i])} ({PlotStyle.PeakText(searches.TimesH, searches.Median, "/s")})", color);
            if (negotiations.TimesH.Length > 0)
                PlotStyle.Curve(load, negotiations, $"negotiations with the control plane{Of(clusters[i])} ({PlotStyle.PeakText(negotiations.TimesH, negotiations.Median, "/s")})",
                    several ? color : PlotStyle.Palette[1], LinePattern.Dashed, drawRuns: false);
            loadMax = Math.Max(loadMax, PlotStyle.MaxFinite(0, searches.P95, negotiations.P95));
        }

        // The control plane: busy workers of the pool serving the affected zone, calls failing, negotiations cut off.
        var control = PlotStyle.Panel("% (control plane)");
        string zone = result.AffectedZoneScope;
        if (Has(result, zone, MetricCatalog.ControlPlaneUtilizationPct.Name))
        {
            var busy = Read(zone, MetricCatalog.ControlPlaneUtilizationPct.Name);
            PlotStyle.Curve(control, busy, "workers busy", Colors.Black, drawRuns: false);
        }
        var otherZones = SeriesView.Scopes(result.Series, MetricCatalog.ApiErrorRatePct.Name, MetricCatalog.Zone.Prefix).Where(z => z != zone).ToList();
        if (otherZones.Count > 0)
        {
            var other = Read(otherZones[0], MetricCatalog.ApiErrorRatePct.Name);
            PlotStyle.Curve(control, other, $"API calls failing in {PlotStyle.ScopeName(otherZones[0])} ({PlotStyle.PeakText(other.TimesH, other.Median)})",
                PlotStyle.Palette[0], drawRuns: false);
        }
        if (Has(result, zone, MetricCatalog.ApiErrorRatePct.Name))
        {
            var affected = Read(zone, MetricCatalog.ApiErrorRatePct.Name);
            PlotStyle.Curve(control, affected, $"API calls failing in {PlotStyle.ScopeName(zone)} (affected)", PlotStyle.Palette[4], LinePattern.Dotted, drawRuns: false);
        }
        for (int i = 0; i < clusters.Count; i++)
        {
            var failing = Read(clusters[i], MetricCatalog.NegotiationErrorRatePct.Name);
            if (failing.TimesH.Length > 0)
                PlotStyle.Curve(control, failing, $"negotiations failing{Of(clusters[i])}", several ? PlotStyle.Palette[i % PlotStyle.Palette.Length] : PlotStyle.Palette[1],
                    LinePattern.Dashed, drawRuns: false);
            var cut = Read(clusters[i], MetricCatalog.ControlPlaneCutPct.Name);
            if (cut.Median.Any(v => v > 0))
                PlotStyle.Curve(control, cut, $"negotiations cut off by operators{Of(clusters[i])}", several ? PlotStyle.Palette[i % PlotStyle.Palette.Length] : PlotStyle.Palette[2],
                    LinePattern.DenselyDashed, drawRuns: false);
        }

        // What the searches look for.
        var space = PlotStyle.Panel("% free capacity", PlotStyle.TimeAxisLabel(result));
        double freeMax = 0;
        for (int i = 0; i < clusters.Count; i++)
        {
            var free = Read(clusters[i], MetricCatalog.FreeCapacityPct.Name);
            if (free.TimesH.Length == 0) continue;
            PlotStyle.Curve(space, free, $"free capacity{(several ? ", " + PlotStyle.ScopeName(clusters[i]) : "")}", several ? PlotStyle.Palette[i % PlotStyle.Palette.Length] : PlotStyle.Palette[2]);
            freeMax = Math.Max(freeMax, PlotStyle.MaxFinite(0, free.P95));
        }

        double rightH = Math.Max(result.HorizonHours, lastH);
        foreach (var plot in new[] { load, control, space })
        {
            PlotStyle.SetTimeLimits(plot, result, lastH);
            TimelineMarks.Lines(plot, marks);
        }
        TimelineMarks.Badges(load, marks, Math.Max(1, loadMax), rightH);
        control.Axes.SetLimitsY(0, 105);
        space.Axes.SetLimitsY(0, Math.Max(1, freeMax * 1.15));
        PlotStyle.LegendInside(load, Alignment.MiddleRight);
        PlotStyle.LegendInside(control, Alignment.MiddleRight);
        PlotStyle.LegendInside(space, Alignment.MiddleRight);

        string title = $"{result.ScenarioName}: re-mirroring, the control plane, free capacity";
        if (result.Start is { } start) title += ", " + PlotStyle.DateSpan(start, result.HorizonHours);
        string means = binMinutes > 0 ? $"{binMinutes}-min means" : "";
        string? subtitle = PlotStyle.Subtitle(replications, result.Overrides);
        subtitle = string.Join("; ", new[] { means, subtitle }.Where(s => !string.IsNullOrEmpty(s)));
        return new PanelFigure(Name, title, subtitle.Length > 0 ? subtitle : null,
            [new(load, 1.3), new(control, 1.1), new(space, 0.9)], TimelineMarks.Key(marks));
    }

    private static bool Has(RunResult result, string scope, string metric) => SeriesView.Has(result.Series, scope, metric);
}
