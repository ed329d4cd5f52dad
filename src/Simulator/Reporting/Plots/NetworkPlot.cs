using ScottPlot;
using Simulator.Experiments;
using Simulator.Metrics;

namespace Simulator.Reporting.Plots;

/// <summary>Utilization of every network over time, one line per network, with the 100 % capacity line.</summary>
public static class NetworkPlot
{
    /// <summary>File name without extension.</summary>
    public const string Name = "network";

    /// <summary>The plot, or null when no network has <c>network_utilization_pct</c>.</summary>
    public static PanelFigure? Build(RunResult result)
    {
        var networks = SeriesView.Scopes(result.Series, MetricCatalog.NetworkUtilizationPct.Name, MetricCatalog.Network.Prefix);
        if (networks.Count == 0) return null;

        var plot = PlotStyle.Create("",
            PlotStyle.TimeAxisLabel(result), "% of network capacity offered");
        double lastH = 0, max = 0;
        for (int i = 0; i < networks.Count; i++)
        {
            var band = SeriesView.Band(result.Series, networks[i], MetricCatalog.NetworkUtilizationPct.Name);
            PlotStyle.Curve(plot, band, $"{PlotStyle.ScopeName(networks[i])} ({PlotStyle.PeakText(band.TimesH, band.Median)})",
                PlotStyle.Palette[i % PlotStyle.Palette.Length]);
            lastH = Math.Max(lastH, band.TimesH[^1]);
            max = Math.Max(max, PlotStyle.MaxFinite(0, band.P95));
        }
        var capacity = plot.Add.HorizontalLine(100, 1, PlotStyle.MarkerColor, LinePattern.Dotted);
        capacity.LegendText = "capacity";
        PlotStyle.SetTimeLimits(plot, result, lastH);
        plot.Axes.SetLimitsY(0, Math.Max(110, max * 1.1));
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Single(Name, result, "network utilization", plot);
    }
}
