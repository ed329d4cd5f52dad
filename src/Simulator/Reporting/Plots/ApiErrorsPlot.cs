using ScottPlot;
using Simulator.Experiments;
using Simulator.Metrics;

namespace Simulator.Reporting.Plots;

/// <summary>The API error rate of every zone over time, one line per zone, with the 1 % threshold of the summary.</summary>
public static class ApiErrorsPlot
{
    /// <summary>File name without extension.</summary>
    public const string Name = "api-errors";

    /// <summary>Above this many samples per zone the line shows means over time bins: error rates are noisy.</summary>
    private const int MaxPointsPerLine = 500;

    /// <summary>The plot, or null when no zone has <c>api_error_rate_pct</c>.</summary>
    public static Plot? Build(RunResult result)
    {
        var zones = SeriesView.Scopes(result.Series, MetricCatalog.ApiErrorRatePct.Name, MetricCatalog.Zone.Prefix);
        if (zones.Count == 0) return null;

        var plot = PlotStyle.Create($"{result.ScenarioName}: control-plane API errors by zone{PlotStyle.ReplicationsNote(SeriesView.ReplicationCount(result.Series))}",
            PlotStyle.TimeAxisLabel(result), "% of API requests failing");
        double lastH = 0, max = 0;
        int binMinutes = 0;
        // The affected zone is drawn last, on top: it is the one the reader looks for.
        var order = zones.Select((zone, colour) => (zone, colour)).OrderBy(z => z.zone == result.AffectedZoneScope);
        foreach (var (zone, colour) in order)
        {
            var band = SeriesView.Band(result.Series, zone, MetricCatalog.ApiErrorRatePct.Name);
            var (times, values) = (band.TimesH, band.Median);
            string legend = PlotStyle.ScopeName(zone);
            if (zone == result.AffectedZoneScope) legend += ", affected";
            // The peak in the legend is the sampled one; the line may show means over bins.
            legend += $" ({PlotStyle.PeakText(times, values)})";
            var (binTimes, binValues, bin) = SeriesView.BinMeans(times, values, MaxPointsPerLine);
            binMinutes = Math.Max(binMinutes, bin);
            // The band and the runs are binned like the median, or they would be a blur of noise.
            var binned = new SeriesBand(binTimes, SeriesView.BinMeans(times, band.P5, MaxPointsPerLine).Values, binValues,
                SeriesView.BinMeans(times, band.P95, MaxPointsPerLine).Values,
                [.. band.Runs.Select(run => SeriesView.BinMeans(times, run, MaxPointsPerLine).Values)]);
            PlotStyle.Curve(plot, binned, legend, PlotStyle.Palette[colour % PlotStyle.Palette.Length]);
            lastH = Math.Max(lastH, times[^1]);
            max = Math.Max(max, PlotStyle.MaxFinite(0, binValues));
        }
        if (binMinutes > 0)
            plot.YLabel($"% of API requests failing ({binMinutes}-min mean)", size: 16);
        var threshold = plot.Add.HorizontalLine(RunSummary.ApiErrorThresholdPct, 1, PlotStyle.MarkerColor, LinePattern.Dotted);
        threshold.LegendText = "1 % (summary threshold)";
        PlotStyle.SetTimeLimits(plot, result, lastH);
        plot.Axes.SetLimitsY(0, Math.Max(2, max * 1.1));
        PlotStyle.LegendBelow(plot);
        return plot;
    }
}
