using System.Globalization;
using ScottPlot;
using Simulator.Experiments;

namespace Simulator.Reporting.Plots;

/// <summary>The common look of the run plots: sizes, fonts, palette, the time axis.</summary>
internal static class PlotStyle
{
    public const int WidthPx = 1200;
    public const int HeightPx = 700;

    /// <summary>A sans-serif family Debian ships with fontconfig (fonts-dejavu-core); ScottPlot falls back to its default when absent.</summary>
    private const string PreferredFont = "DejaVu Sans";

    /// <summary>Colour-blind-safe palette (Okabe–Ito) in the order lines are added.</summary>
    public static readonly Color[] Palette =
    [
        Color.FromHex("#D55E00"), Color.FromHex("#0072B2"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#000000"), Color.FromHex("#F0E442"),
    ];

    public static readonly Color MarkerColor = Color.FromHex("#555555");

    /// <summary>A new plot with title, axis labels and fonts set.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (FontAvailable(PreferredFont)) plot.Font.Set(PreferredFont);
        plot.Title(title, size: 20);
        plot.XLabel(xLabel, size: 16);
        plot.YLabel(yLabel, size: 16);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Legend.FontSize = 13;
        return plot;
    }

    /// <summary>Adds a line (no markers) and names it in the legend.</summary>
    public static ScottPlot.Plottables.Scatter Line(Plot plot, double[] xs, double[] ys, string legend, Color color,
        LinePattern? pattern = null)
    {
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LineWidth = 2.5f;
        line.LegendText = legend;
        if (pattern is { } p) line.LinePattern = p;
        return line;
    }

    /// <summary>Most replications drawn one by one (faint) under their median; above it only the band shows.</summary>
    public const int MaxRunsDrawn = 10;

    /// <summary>
    /// A curve across replications: with one replication, the line itself (as <see cref="Line"/>); with several, the
    /// 5–95 % band shaded, each run faint when there are at most <see cref="MaxRunsDrawn"/>, and the median on top.
    /// Returns the median line.
    /// </summary>
    public static ScottPlot.Plottables.Scatter Curve(Plot plot, SeriesBand band, string legend, Color color,
        LinePattern? pattern = null, IYAxis? yAxis = null, bool drawRuns = true)
    {
        bool aligned = band.P5.Length == band.TimesH.Length && band.P95.Length == band.TimesH.Length;
        if (band.Replications > 1 && aligned)
        {
            var fill = plot.Add.FillY(band.TimesH, band.P5, band.P95);
            fill.FillStyle.Color = color.WithAlpha(0.18);
            fill.LineStyle.Width = 0;
            if (yAxis is not null) fill.Axes.YAxis = yAxis;
            if (drawRuns && band.Replications <= MaxRunsDrawn)
                foreach (var run in band.Runs.Where(r => r.Length == band.TimesH.Length))
                {
                    var faint = plot.Add.ScatterLine(band.TimesH, run, color.WithAlpha(0.45));
                    faint.LineWidth = 1.2f;
                    if (yAxis is not null) faint.Axes.YAxis = yAxis;
                }
        }
        var line = Line(plot, band.TimesH, band.Median, legend, color, pattern);
        if (yAxis is not null) line.Axes.YAxis = yAxis;
        return line;
    }

    /// <summary>" (median of 20 runs, 5–95 % shaded)" for several replications, "" for one.</summary>
    public static string ReplicationsNote(int replications) => replications switch
    {
        <= 1 => "",
        <= MaxRunsDrawn => $" (median of {replications} runs, each run faint, 5–95 % shaded)",
        _ => $" (median of {replications} runs, 5–95 % shaded)",
    };

    /// <summary>"hours since 12:47 AM 21 Apr 2011 (UTC-07:00)" when the run has a real start, else "hours since start".</summary>
    public static string TimeAxisLabel(RunResult result) =>
        result.Start is { } start ? $"hours since {StartText(start)}" : "hours since start";

    /// <summary>"12:47 AM 21 Apr 2011 (UTC-07:00)": the clock time at time 0 with its UTC offset.</summary>
    public static string StartText(DateTimeOffset start)
    {
        string offset = start.Offset == TimeSpan.Zero ? "UTC" : "UTC" + start.ToString("zzz", CultureInfo.InvariantCulture);
        return start.ToString("h:mm tt d MMM yyyy", CultureInfo.InvariantCulture) + $" ({offset})";
    }

    /// <summary>Shows the time axis from 0 to the horizon (or the last sample, whichever is later).</summary>
    public static void SetTimeLimits(Plot plot, RunResult result, double lastSampleH)
    {
        double right = Math.Max(result.HorizonHours, lastSampleH);
        if (right <= 0) right = 1;
        plot.Axes.SetLimitsX(0, right);
    }

    /// <summary>Legend under the time axis, items wrapped into rows, so it never hides a curve.</summary>
    public static void LegendBelow(Plot plot)
    {
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
    }

    /// <summary>"us-east-1a" from "zone:us-east-1a".</summary>
    public static string ScopeName(string scope)
    {
        int colon = scope.IndexOf(':');
        return colon >= 0 ? scope[(colon + 1)..] : scope;
    }

    /// <summary>"peak 13.5 % at 0.5 h": the figure that matters, readable even when the curve hugs the axis.</summary>
    /// <param name="times">Sampled times, hours.</param>
    /// <param name="values">The values at those times.</param>
    /// <param name="unit">The values' unit, after a space ("%", "s").</param>
    public static string PeakText(double[] times, double[] values, string unit = "%")
    {
        int at = 0;
        for (int i = 1; i < values.Length; i++)
            if (double.IsNaN(values[at]) || values[i] > values[at]) at = i;
        return $"peak {values[at].ToString("0.0##", CultureInfo.InvariantCulture)} {unit} at {Hours(times[at])}";
    }

    /// <summary>"10.72 h".</summary>
    public static string Hours(double h) => h.ToString("0.0#", CultureInfo.InvariantCulture) + " h";

    /// <summary>Largest finite value of the arrays, or <paramref name="fallback"/> when there is none.</summary>
    public static double MaxFinite(double fallback, params double[][] arrays)
    {
        double max = double.NegativeInfinity;
        foreach (var array in arrays)
            foreach (var v in array)
                if (double.IsFinite(v) && v > max) max = v;
        return double.IsNegativeInfinity(max) ? fallback : max;
    }

    private static bool FontAvailable(string family) =>
        SkiaSharp.SKFontManager.Default.MatchFamily(family) is { } typeface &&
        typeface.FamilyName.Equals(family, StringComparison.OrdinalIgnoreCase);
}
