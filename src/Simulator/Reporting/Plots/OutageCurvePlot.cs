using ScottPlot;
using Simulator.Experiments;
using Simulator.Metrics;

namespace Simulator.Reporting.Plots;

/// <summary>
/// The outage curve: stuck and unavailable volumes (and those of unknown consistency, when some were) of the affected
/// zone over time in the top panel, volumes lost for good in a panel of their own below (a hundredth of a percent
/// would vanish on the stuck volumes' axis), every fault and operator action as a numbered vertical line with its key
/// below the figure.
/// </summary>
public static class OutageCurvePlot
{
    /// <summary>File name without extension.</summary>
    public const string Name = "outage-curve";

    /// <summary>The figure, or null when the affected zone has none of the volume-state metrics.</summary>
    public static PanelFigure? Build(RunResult result)
    {
        string zone = result.AffectedZoneScope;
        // Consistency unknown is drawn only when some volume was in it (a power loss), so other plots keep their key.
        var curves = new (string Metric, string Legend, Color Color, LinePattern Pattern, bool OnlyIfSeen)[]
        {
            (MetricCatalog.VolumesStuckPct.Name, "stuck", PlotStyle.Palette[0], LinePattern.Solid, false),
            (MetricCatalog.VolumesUnavailablePct.Name, "unavailable (no reachable copy)", PlotStyle.Palette[1], LinePattern.Dashed, false),
            (MetricCatalog.VolumesConsistencyUnknownPct.Name, "consistency unknown (awaiting a recovery snapshot)", PlotStyle.Palette[2], LinePattern.Dotted, true),
        };
        var present = curves
            .Select(c => (c, Data: SeriesView.Band(result.Series, zone, c.Metric)))
            .Where(x => x.Data.TimesH.Length > 0 && (!x.c.OnlyIfSeen || x.Data.Median.Any(v => v > 0)))
            .ToList();
        var lost = SeriesView.Band(result.Series, zone, MetricCatalog.VolumesLostPct.Name);
        if (present.Count == 0 && lost.TimesH.Length == 0) return null;

        int replications = Math.Max(lost.Replications, present.Count > 0 ? present.Max(p => p.Data.Replications) : 0);
        string timeLabel = PlotStyle.TimeAxisLabel(result);
        var marks = TimelineMarks.Number(result.Markers, result.Start, result.HorizonHours);
        double lastH = Math.Max(lost.TimesH.Length > 0 ? lost.TimesH[^1] : 0, present.Count > 0 ? present.Max(p => p.Data.TimesH[^1]) : 0);
        double rightH = Math.Max(result.HorizonHours, lastH);

        var panels = new List<PanelFigure.Panel>();
        if (present.Count > 0)
        {
            var top = PlotStyle.Panel("% of the zone's volumes");
            foreach (var (curve, band) in present)
                PlotStyle.Curve(top, band, $"{curve.Legend} ({PlotStyle.PeakText(band.TimesH, band.Median)})", curve.Color, curve.Pattern);
            PlotStyle.SetTimeLimits(top, result, lastH);
            TimelineMarks.Lines(top, marks);
            double dataMax = Math.Max(1, PlotStyle.MaxFinite(1, [.. present.Select(p => p.Data.P95)]));
            TimelineMarks.Badges(top, marks, dataMax, rightH);
            PlotStyle.LegendInside(top, Alignment.MiddleRight);
            panels.Add(new PanelFigure.Panel(top, 3));
        }
        if (lost.TimesH.Length > 0)
        {
            var bottom = PlotStyle.Panel("lost, % of the zone", timeLabel);
            string legend = PlotStyle.MaxFinite(0, lost.P95) > 0
                ? $"lost for good (cumulative; {PlotStyle.Number(lost.Median[^1])} % at the end)"
                : "lost for good: none";
            PlotStyle.Curve(bottom, lost, legend, PlotStyle.Palette[6]);
            PlotStyle.SetTimeLimits(bottom, result, lastH);
            TimelineMarks.Lines(bottom, marks);
            bottom.Axes.SetLimitsY(0, Math.Max(0.01, PlotStyle.MaxFinite(0, lost.P95) * 1.25));
            PlotStyle.LegendInside(bottom, Alignment.UpperLeft);
            panels.Add(new PanelFigure.Panel(bottom, 1.2));
        }
        else panels[^1].Plot.XLabel(timeLabel, size: 16);

        string title = $"{result.ScenarioName}: volumes in {PlotStyle.ScopeName(zone)}";
        if (result.Start is { } start) title += ", " + PlotStyle.DateSpan(start, result.HorizonHours);
        return new PanelFigure(Name, title, PlotStyle.Subtitle(replications, result.Overrides), panels, TimelineMarks.Key(marks));
    }
}
