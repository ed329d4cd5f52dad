using ScottPlot;
using Simulator.Experiments;
using Simulator.Metrics;

namespace Simulator.Reporting.Plots;

/// <summary>
/// The API error rate of every zone over time, one line per zone, with the 1 % threshold of the summary. Zones often
/// fail together (one regional control plane), so their lines would hide each other: each has its own colour, dash
/// pattern and width, the widest drawn first, so that coinciding lines show as nested strokes.
/// </summary>
public static class ApiErrorsPlot
{
    /// <summary>File name without extension.</summary>
    public const string Name = "api-errors";

    /// <summary>Dash patterns in the order zones get them.</summary>
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>The figure, or null when no zone has <c>api_error_rate_pct</c>.</summary>
    public static PanelFigure? Build(RunResult result)
    {
        var zones = SeriesView.Scopes(result.Series, MetricCatalog.ApiErrorRatePct.Name, MetricCatalog.Zone.Prefix);
        if (zones.Count == 0) return null;
        // The affected zone first (the one the reader looks for), then the others by name.
        var ordered = zones.OrderBy(z => z != result.AffectedZoneScope).ThenBy(z => z, StringComparer.Ordinal).ToList();

        var plot = PlotStyle.Create("", PlotStyle.TimeAxisLabel(result), "% of API requests failing");
        double lastH = 0, max = 0;
        int binMinutes = 0;
        for (int i = 0; i < ordered.Count; i++)
        {
            var (band, bin) = PlotStyle.Binned(SeriesView.Band(result.Series, ordered[i], MetricCatalog.ApiErrorRatePct.Name));
            binMinutes = Math.Max(binMinutes, bin);
            string legend = PlotStyle.ScopeName(ordered[i]) + (ordered[i] == result.AffectedZoneScope ? ", affected" : "");
            // The peak in the legend is the drawn curve's: the mean over the bin when the line shows bin means.
            legend += $" ({PlotStyle.PeakText(band.TimesH, band.Median)})";
            var line = PlotStyle.Curve(plot, band, legend, PlotStyle.Palette[i % PlotStyle.Palette.Length], Patterns[i % Patterns.Length],
                drawRuns: ordered.Count <= 2, drawBand: i == 0 || ordered.Count <= 2);
            line.LineWidth = Math.Max(1.2f, 5f - 3.5f * i / Math.Max(1, ordered.Count - 1));
            lastH = Math.Max(lastH, band.TimesH[^1]);
            max = Math.Max(max, PlotStyle.MaxFinite(0, band.Median));
        }
        if (binMinutes > 0)
            plot.YLabel($"% of API requests failing ({binMinutes}-min mean)", size: 16);
        var threshold = plot.Add.HorizontalLine(RunSummary.ApiErrorThresholdPct, 1, PlotStyle.MarkerColor, LinePattern.Dotted);
        threshold.LegendText = "1 % (summary threshold)";
        PlotStyle.SetTimeLimits(plot, result, lastH);
        plot.Axes.SetLimitsY(0, Math.Max(2, max * 1.1));
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Single(Name, result, "control-plane API errors by zone", plot);
    }
}
