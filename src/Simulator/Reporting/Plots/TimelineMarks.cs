using System.Globalization;
using ScottPlot;
using Simulator.Metrics;

namespace Simulator.Reporting.Plots;

/// <summary>
/// The faults and operator actions on a time plot: a dashed vertical line each, a numbered badge above the data of
/// the top panel, and a key line "4  7.55 h (Thu 8:20 AM) ebs-1a cut off the control plane" below the figure.
/// Markers after the horizon did not happen in the run and are left out.
/// </summary>
internal static class TimelineMarks
{
    /// <summary>Badges closer than this share of the time axis go on different rows.</summary>
    private const double MinLabelGapFraction = 0.035;

    /// <summary>One marker as drawn: its number, colour and the text of its key line.</summary>
    public sealed record Mark(TimelineMarker Marker, string Number, Color Color, string KeyText);

    /// <summary>The markers at or before the horizon, in time order (stable: ties keep their order).</summary>
    public static IReadOnlyList<TimelineMarker> Within(IReadOnlyList<TimelineMarker> markers, double horizonH) =>
        [.. markers.Where(m => m.TimeH <= horizonH + 1e-9).OrderBy(m => m.TimeH)];

    /// <summary>"Thu 8:20 AM": the clock time <paramref name="hours"/> after <paramref name="start"/>, to the nearest minute.</summary>
    public static string Clock(DateTimeOffset start, double hours) =>
        start.AddMinutes(Math.Round(hours * 60, MidpointRounding.AwayFromZero)).ToString("ddd h:mm tt", CultureInfo.InvariantCulture);

    /// <summary>Numbers the markers within the horizon 1, 2, … in time order, all in the marker colour.</summary>
    public static IReadOnlyList<Mark> Number(IReadOnlyList<TimelineMarker> markers, DateTimeOffset? start, double horizonH) =>
        [.. Within(markers, horizonH).Select((m, i) => new Mark(m, (i + 1).ToString(CultureInfo.InvariantCulture), PlotStyle.MarkerColor, KeyText(m, start)))];

    /// <summary>"7.55 h (Thu 8:20 AM) ebs-1a cut off the control plane".</summary>
    public static string KeyText(TimelineMarker marker, DateTimeOffset? start) =>
        $"{PlotStyle.Hours(marker.TimeH)}{(start is { } t0 ? " (" + Clock(t0, marker.TimeH) + ")" : "")} {marker.Label}";

    /// <summary>The key of the figure, one item per mark.</summary>
    public static IReadOnlyList<PanelFigure.KeyItem> Key(IReadOnlyList<Mark> marks) =>
        [.. marks.Select(m => new PanelFigure.KeyItem(m.Number, m.KeyText, m.Color))];

    /// <summary>A dashed vertical line per mark, not in the legend.</summary>
    public static void Lines(Plot plot, IReadOnlyList<Mark> marks)
    {
        foreach (var mark in marks)
        {
            var line = plot.Add.VerticalLine(mark.Marker.TimeH, 1.5f, mark.Color.WithAlpha(0.8), LinePattern.Dashed);
            line.LegendText = "";
        }
    }

    /// <summary>
    /// The number badges above the data of <paramref name="plot"/>: sets its vertical limits to 0 … the data's top plus
    /// the rows of badges, and puts each badge just right of its line (left of it near the right edge).
    /// </summary>
    public static void Badges(Plot plot, IReadOnlyList<Mark> marks, double dataMax, double rightH)
    {
        var rows = new List<double>();
        var rowOf = new int[marks.Count];
        double minGap = MinLabelGapFraction * rightH;
        for (int i = 0; i < marks.Count; i++)
        {
            double t = marks[i].Marker.TimeH;
            int row = rows.FindIndex(lastX => t - lastX >= minGap);
            if (row < 0) { rows.Add(t); row = rows.Count - 1; }
            else rows[row] = t;
            rowOf[i] = row;
        }
        double rowHeight = 0.08 * dataMax;
        double top = dataMax * 1.05 + rowHeight * Math.Max(1, rows.Count);
        plot.Axes.SetLimitsY(0, top);
        for (int i = 0; i < marks.Count; i++)
        {
            double t = marks[i].Marker.TimeH;
            var text = plot.Add.Text(marks[i].Number, t, top - rowHeight * (rowOf[i] + 0.5));
            text.LabelAlignment = t > rightH * (1 - MinLabelGapFraction) ? Alignment.MiddleRight : Alignment.MiddleLeft;
            text.LabelOffsetX = text.LabelAlignment == Alignment.MiddleLeft ? 2 : -2;
            text.LabelFontSize = 13;
            text.LabelBold = true;
            text.LabelFontColor = Colors.White;
            text.LabelBackgroundColor = marks[i].Color;
            text.LabelPadding = 3;
        }
    }
}
