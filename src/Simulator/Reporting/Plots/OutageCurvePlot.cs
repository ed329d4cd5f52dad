using System.Globalization;
using ScottPlot;
using Simulator.Experiments;
using Simulator.Metrics;

namespace Simulator.Reporting.Plots;

/// <summary>
/// The outage curve: stuck, lost (and unavailable, when sampled) volumes of the affected zone over time, with every
/// timeline marker as a numbered vertical line and the numbers explained in the legend.
/// </summary>
public static class OutageCurvePlot
{
    /// <summary>File name without extension.</summary>
    public const string Name = "outage-curve";

    /// <summary>Markers closer than this share of the time axis get their numbers on different rows.</summary>
    private const double MinLabelGapFraction = 0.035;

    /// <summary>The plot, or null when the affected zone has none of the volume-state metrics.</summary>
    public static Plot? Build(RunResult result)
    {
        string zone = result.AffectedZoneScope;
        // Consistency unknown is drawn only when some volume was in it (a power loss), so other plots keep their key.
        var curves = new (string Metric, string Legend, Color Color, LinePattern Pattern, bool OnlyIfSeen)[]
        {
            (MetricCatalog.VolumesStuckPct.Name, "stuck", PlotStyle.Palette[0], LinePattern.Solid, false),
            (MetricCatalog.VolumesUnavailablePct.Name, "unavailable", PlotStyle.Palette[1], LinePattern.Dashed, false),
            (MetricCatalog.VolumesConsistencyUnknownPct.Name, "consistency unknown (awaiting a recovery snapshot)", PlotStyle.Palette[2], LinePattern.Dotted, true),
            (MetricCatalog.VolumesLostPct.Name, "lost for good", PlotStyle.Palette[6], LinePattern.Solid, false),
        };
        var present = curves
            .Select(c => (c, Data: SeriesView.Band(result.Series, zone, c.Metric)))
            .Where(x => x.Data.TimesH.Length > 0 && (!x.c.OnlyIfSeen || x.Data.Median.Any(v => v > 0)))
            .ToList();
        if (present.Count == 0) return null;

        string title = $"{result.ScenarioName}: volumes in {PlotStyle.ScopeName(zone)}";
        if (result.Start is { } start)
            title += ", " + start.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        title += PlotStyle.ReplicationsNote(present.Max(p => p.Data.Replications));
        var plot = PlotStyle.Create(title, PlotStyle.TimeAxisLabel(result), "% of zone's volumes");

        double lastH = 0;
        foreach (var (curve, band) in present)
        {
            PlotStyle.Curve(plot, band, $"{curve.Legend} ({PlotStyle.PeakText(band.TimesH, band.Median)})", curve.Color, curve.Pattern);
            lastH = Math.Max(lastH, band.TimesH[^1]);
        }
        PlotStyle.SetTimeLimits(plot, result, lastH);

        double dataMax = Math.Max(1, PlotStyle.MaxFinite(1, [.. present.Select(p => p.Data.P95)]));
        AddMarkers(plot, result.Markers, result.Start, dataMax, plot.Axes.GetLimits().Right);
        // Below the plot: the marker key is long, and the time axis needs the width more than the height.
        PlotStyle.LegendBelow(plot);
        return plot;
    }

    private static void AddMarkers(Plot plot, IReadOnlyList<TimelineMarker> markers, DateTimeOffset? start,
        double dataMax, double rightH)
    {
        var ordered = markers.OrderBy(m => m.TimeH).ToList();
        // Assign each number to the first row where it does not crowd the previous number on that row.
        var rows = new List<double>();
        var rowOf = new int[ordered.Count];
        double minGap = MinLabelGapFraction * rightH;
        for (int i = 0; i < ordered.Count; i++)
        {
            int row = rows.FindIndex(lastX => ordered[i].TimeH - lastX >= minGap);
            if (row < 0) { rows.Add(ordered[i].TimeH); row = rows.Count - 1; }
            else rows[row] = ordered[i].TimeH;
            rowOf[i] = row;
        }

        // Head room above the data for the rows of numbers.
        double rowHeight = 0.07 * dataMax;
        double top = dataMax * 1.08 + rowHeight * Math.Max(1, rows.Count);
        plot.Axes.SetLimitsY(0, top);

        for (int i = 0; i < ordered.Count; i++)
        {
            var marker = ordered[i];
            string number = (i + 1).ToString(CultureInfo.InvariantCulture);
            var line = plot.Add.VerticalLine(marker.TimeH, 1.5f, PlotStyle.MarkerColor, LinePattern.Dashed);
            string clock = start is { } t0
                ? " (" + t0.AddHours(marker.TimeH).ToString("ddd h:mm tt", CultureInfo.InvariantCulture) + ")"
                : "";
            line.LegendText = $"{number}: {Hours(marker.TimeH)}{clock} {marker.Label}";

            var text = plot.Add.Text(number, marker.TimeH, top - rowHeight * (rowOf[i] + 0.5));
            // The number sits just right of its line (left of it near the right edge), so it is never cut off.
            text.LabelAlignment = marker.TimeH > rightH * (1 - MinLabelGapFraction) ? Alignment.MiddleRight : Alignment.MiddleLeft;
            text.LabelOffsetX = text.LabelAlignment == Alignment.MiddleLeft ? 2 : -2;
            text.LabelFontSize = 13;
            text.LabelBold = true;
            text.LabelFontColor = Colors.White;
            text.LabelBackgroundColor = PlotStyle.MarkerColor;
            text.LabelPadding = 3;
        }
    }

    private static string Hours(double h) => PlotStyle.Hours(h);
}
