using ScottPlot;
using Simulator.Experiments;

namespace Simulator.Reporting.Plots;

/// <summary>The API error rate of every zone over time, one line per zone, with the 1 % threshold of the summary.</summary>
public static class ApiErrorsPlot
{
    /// <summary>File name without extension.</summary>
    public const string Name = "api-errors";

    /// <summary>The plot, or null when no zone has <c>api_error_rate_pct</c>.</summary>
    public static Plot? Build(RunResult result)
    {
        var zones = SeriesView.Scopes(result.Series, ReportedMetrics.ApiErrorRatePct, ReportedMetrics.ZoneScopePrefix);
        if (zones.Count == 0) return null;

        var plot = PlotStyle.Create($"{result.ScenarioName}: control-plane API errors by zone",
            PlotStyle.TimeAxisLabel(result), "% of API requests failing");
        double lastH = 0, max = 0;
        for (int i = 0; i < zones.Count; i++)
        {
            var (times, values) = SeriesView.Curve(result.Series, zones[i], ReportedMetrics.ApiErrorRatePct);
            string legend = PlotStyle.ScopeName(zones[i]);
            if (zones[i] == result.AffectedZoneScope) legend += ", affected";
            legend += $" ({PlotStyle.PeakText(times, values)})";
            PlotStyle.Line(plot, times, values, legend, PlotStyle.Palette[i % PlotStyle.Palette.Length]);
            lastH = Math.Max(lastH, times[^1]);
            max = Math.Max(max, PlotStyle.MaxFinite(0, values));
        }
        var threshold = plot.Add.HorizontalLine(ReportedMetrics.ApiErrorThresholdPct, 1, PlotStyle.MarkerColor, LinePattern.Dotted);
        threshold.LegendText = "1 % (summary threshold)";
        PlotStyle.SetTimeLimits(plot, result, lastH);
        plot.Axes.SetLimitsY(0, Math.Max(2, max * 1.1));
        PlotStyle.LegendBelow(plot);
        return plot;
    }
}
