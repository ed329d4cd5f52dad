using ScottPlot;
using Simulator.Experiments;
using Simulator.Metrics;

namespace Simulator.Reporting.Plots;

/// <summary>
/// The plots of cross-region replication: how far behind each class's remote copy is over time
/// (<see cref="LagName"/>), and where its volumes serve from, with the recovery points and times of its failovers
/// (<see cref="FailoverName"/>).
/// </summary>
public static class ReplicationPlots
{
    /// <summary>File names without extension.</summary>
    public const string LagName = "replication-lag", FailoverName = "failover";

    /// <summary>Lag of each class's volumes serving at home: the worst (solid) and the mean (dashed), seconds.</summary>
    public static PanelFigure? BuildLag(RunResult result)
    {
        var classes = SeriesView.Scopes(result.Series, CrossRegionMetrics.ReplicationLagMaxS.Name, CrossRegionMetrics.Replication.Prefix);
        if (classes.Count == 0) return null;
        var plot = PlotStyle.Create("",
            PlotStyle.TimeAxisLabel(result), "seconds of writes the remote copy lacks");
        double lastH = 0, max = 0;
        for (int i = 0; i < classes.Count; i++)
        {
            var color = PlotStyle.Palette[i % 4];
            var worst = SeriesView.Band(result.Series, classes[i], CrossRegionMetrics.ReplicationLagMaxS.Name);
            var mean = SeriesView.Band(result.Series, classes[i], CrossRegionMetrics.ReplicationLagMeanS.Name);
            PlotStyle.Curve(plot, worst, $"{PlotStyle.ScopeName(classes[i])}, worst volume ({PlotStyle.PeakText(worst.TimesH, worst.Median, "s")})", color);
            // The mean in another colour, thinner, on top: where it equals the worst (one stream) it still shows.
            var meanLine = PlotStyle.Curve(plot, mean, $"{PlotStyle.ScopeName(classes[i])}, mean", i == 0 ? Colors.Black : PlotStyle.Palette[4 + i % 4], LinePattern.Dashed, drawRuns: false);
            meanLine.LineWidth = 1.5f;
            lastH = Math.Max(lastH, worst.TimesH[^1]);
            max = Math.Max(max, PlotStyle.MaxFinite(0, worst.P95));
        }
        PlotStyle.SetTimeLimits(plot, result, lastH);
        plot.Axes.SetLimitsY(0, Math.Max(1, max * 1.1));
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Single(LagName, result, "replication lag", plot);
    }

    /// <summary>
    /// Volumes serving (at home or from their remote copy) and failed over, per class, in percent of its volumes; the
    /// legend gives the class's recovery points and times (medians over replications of each one's p50, p99 and max).
    /// </summary>
    public static PanelFigure? BuildFailover(RunResult result)
    {
        var classes = SeriesView.Scopes(result.Series, CrossRegionMetrics.VolumesServingPct.Name, CrossRegionMetrics.Replication.Prefix);
        if (classes.Count == 0) return null;
        var plot = PlotStyle.Create("",
            PlotStyle.TimeAxisLabel(result), "% of the class's volumes");
        double lastH = 0;
        for (int i = 0; i < classes.Count; i++)
        {
            // Serving and failed over in different colours (and dashes): two quantities, not one.
            var color = PlotStyle.Palette[i % 4];
            var failedColor = PlotStyle.Palette[4 + i % 4];
            var serving = SeriesView.Band(result.Series, classes[i], CrossRegionMetrics.VolumesServingPct.Name);
            var failed = SeriesView.Band(result.Series, classes[i], CrossRegionMetrics.VolumesFailedOverPct.Name);
            string name = PlotStyle.ScopeName(classes[i]);
            PlotStyle.Curve(plot, serving, $"{name}, serving", color);
            PlotStyle.Curve(plot, failed, $"{name}, failed over — {Recovery(result, classes[i])}", failedColor, LinePattern.Dashed);
            lastH = Math.Max(lastH, serving.TimesH[^1]);
        }
        PlotStyle.SetTimeLimits(plot, result, lastH);
        plot.Axes.SetLimitsY(-2, 105);
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Single(FailoverName, result, "where replicated volumes serve", plot);
    }

    /// <summary>"RPO p50/p99/max 0.04/0.04/0.04 s, RTO … s", medians over the replications; "no interruption" when none.</summary>
    private static string Recovery(RunResult result, string scope)
    {
        double Median(MetricDefinition figure)
        {
            var values = result.FailureFigures.Where(f => f.Scope == scope && f.Metric == figure.Name && !double.IsNaN(f.Final))
                .Select(f => f.Final).Order().ToArray();
            return values.Length == 0 ? double.NaN : values[values.Length / 2];
        }
        string Three(MetricDefinition p50, MetricDefinition p99, MetricDefinition max) =>
            string.Join("/", new[] { Median(p50), Median(p99), Median(max) }.Select(v => double.IsNaN(v) ? "–" : Seconds(v)));
        if (double.IsNaN(Median(CrossRegionMetrics.RtoP50S))) return "no interruption";
        return $"RPO p50/p99/max {Three(CrossRegionMetrics.RpoP50S, CrossRegionMetrics.RpoP99S, CrossRegionMetrics.RpoMaxS)} s, " +
               $"RTO {Three(CrossRegionMetrics.RtoP50S, CrossRegionMetrics.RtoP99S, CrossRegionMetrics.RtoMaxS)} s";
    }

    private static string Seconds(double s) => s.ToString(s < 10 ? "0.###" : "0", System.Globalization.CultureInfo.InvariantCulture);
}
