using System.Globalization;
using ScottPlot;
using Simulator.Metrics;

namespace Simulator.Reporting.Plots;

/// <summary>The outage curves of every variant of a comparison on one time axis: the median across replications, 5–95 % shaded.</summary>
public static class ComparisonPlot
{
    /// <summary>File name without extension of the stuck-volume overlay.</summary>
    public const string StuckName = "outage-curves";
    /// <summary>File name without extension of the lost-volume overlay.</summary>
    public const string LostName = "lost-curves";

    /// <summary>The overlay of one metric of the affected zone, or null when no variant has it.</summary>
    /// <param name="curves">Each variant's label and its rows of the metric (all replications).</param>
    /// <param name="metric"><c>volumes_stuck_pct</c> or <c>volumes_lost_pct</c>.</param>
    /// <param name="zoneScope">The affected zone.</param>
    /// <param name="start">Time 0 as a real instant, for the axis label.</param>
    /// <param name="horizonH">Longest horizon of the variants.</param>
    /// <param name="markers">The baseline's timeline, as thin vertical lines.</param>
    public static Plot? Build(IReadOnlyList<(string Label, IReadOnlyList<TimeSeriesRow> Rows)> curves, string metric,
        string zoneScope, DateTimeOffset? start, double horizonH, IReadOnlyList<TimelineMarker> markers)
    {
        var bands = curves.Select(c => (c.Label, Band: SeriesView.Band(c.Rows, zoneScope, metric)))
            .Where(b => b.Band.TimesH.Length > 0).ToList();
        if (bands.Count == 0) return null;
        string what = metric == MetricCatalog.VolumesLostPct.Name ? "lost" : "stuck";
        int n = bands.Max(b => b.Band.Replications);
        string note = n > 1 ? $" (median of {n} runs each, 5–95 % shaded)" : "";
        var plot = PlotStyle.Create($"volumes {what} in {PlotStyle.ScopeName(zoneScope)}, by variant{note}",
            start is { } t0 ? $"hours since {PlotStyle.StartText(t0)}" : "hours since start", $"% of zone's volumes {what}");

        foreach (var marker in markers)
        {
            var line = plot.Add.VerticalLine(marker.TimeH, 1, PlotStyle.MarkerColor.WithAlpha(0.35), LinePattern.Dotted);
            line.LegendText = "";
        }
        double lastH = horizonH, max = 0;
        for (int i = 0; i < bands.Count; i++)
        {
            var (label, band) = bands[i];
            var color = PlotStyle.Palette[i % PlotStyle.Palette.Length];
            PlotStyle.Curve(plot, band, $"{label} ({PlotStyle.PeakText(band.TimesH, band.Median)})", color,
                i == 0 ? null : LinePattern.Solid, drawRuns: false);
            lastH = Math.Max(lastH, band.TimesH[^1]);
            max = Math.Max(max, PlotStyle.MaxFinite(0, band.P95));
        }
        plot.Axes.SetLimitsX(0, lastH > 0 ? lastH : 1);
        plot.Axes.SetLimitsY(0, Math.Max(what == "lost" ? 0.01 : 1, max * 1.1));
        if (what == "lost")
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                LabelFormatter = v => v.ToString("0.###", CultureInfo.InvariantCulture),
            };
        PlotStyle.LegendBelow(plot);
        return plot;
    }
}
