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

    /// <summary>The family the plots' text is drawn in: <see cref="PreferredFont"/> when installed, else ScottPlot's default.</summary>
    public static string FontFamily => FontAvailable(PreferredFont) ? PreferredFont : Fonts.Default;

    /// <summary>Colour-blind-safe palette (Okabe–Ito) in the order lines are added.</summary>
    public static readonly Color[] Palette =
    [
        Color.FromHex("#D55E00"), Color.FromHex("#0072B2"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#000000"), Color.FromHex("#F0E442"),
    ];

    /// <summary>Marker shapes, in the order series get them with <see cref="Series"/>.</summary>
    private static readonly MarkerShape[] Shapes =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle, MarkerShape.OpenSquare];

    /// <summary>
    /// The colour and marker shape of the <paramref name="index"/>-th series: colours cycle through the palette, shapes
    /// change with each cycle, so no two of the first 48 series look alike.
    /// </summary>
    public static (Color Color, MarkerShape Shape) Series(int index) =>
        (Palette[index % Palette.Length], Shapes[index / Palette.Length % Shapes.Length]);

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
        plot.Axes.Left.TickGenerator = new DistinctTicks();
        plot.Axes.Right.TickGenerator = new DistinctTicks();
        plot.Legend.FontSize = 13;
        return plot;
    }

    /// <summary>
    /// A figure of one plot over the run's time: the title "SCENARIO: WHAT, 21–25 Apr 2011" and the subtitle (replications,
    /// overrides) above it, the plot's own title hidden.
    /// </summary>
    public static PanelFigure Single(string name, RunResult result, string what, Plot plot)
    {
        plot.Axes.Title.IsVisible = false;
        string title = $"{result.ScenarioName}: {what}";
        if (result.Start is { } start) title += ", " + DateSpan(start, result.HorizonHours);
        return new PanelFigure(name, title, Subtitle(SeriesView.ReplicationCount(result.Series), result.Overrides), [new(plot, 1)], []);
    }

    /// <summary>A panel of a <see cref="PanelFigure"/>: no title of its own (the figure has one), a y label, the fonts.</summary>
    public static Plot Panel(string yLabel, string xLabel = "")
    {
        var plot = Create("", xLabel, yLabel);
        plot.Axes.Title.IsVisible = false;
        plot.YLabel(yLabel, size: 15);
        return plot;
    }

    /// <summary>Legend inside the data area, in a corner, a little transparent: for panels with few curves.</summary>
    public static void LegendInside(Plot plot, Alignment corner = Alignment.UpperRight)
    {
        plot.ShowLegend(corner);
        plot.Legend.FontSize = 12;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
    }

    /// <summary>"21 Apr 2011", or the days the run covers: "21–25 Apr 2011", "30 Apr – 4 May 2011".</summary>
    public static string DateSpan(DateTimeOffset start, double horizonH)
    {
        var end = start.AddHours(horizonH);
        var c = CultureInfo.InvariantCulture;
        if (end.Date == start.Date || horizonH <= 0) return start.ToString("d MMM yyyy", c);
        if (end.Year != start.Year) return $"{start.ToString("d MMM yyyy", c)} – {end.ToString("d MMM yyyy", c)}";
        if (end.Month != start.Month) return $"{start.ToString("d MMM", c)} – {end.ToString("d MMM yyyy", c)}";
        return $"{start.ToString("%d", c)}–{end.ToString("d MMM yyyy", c)}";
    }

    /// <summary>"--set a=1 b=2" for a run with command-line overrides, or null for none.</summary>
    public static string? OverridesText(IReadOnlyList<string> overrides) =>
        overrides.Count == 0 ? null : "with --set " + string.Join(", ", overrides);

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
        LinePattern? pattern = null, IYAxis? yAxis = null, bool drawRuns = true, bool drawBand = true)
    {
        bool aligned = band.P5.Length == band.TimesH.Length && band.P95.Length == band.TimesH.Length;
        if (band.Replications > 1 && aligned && drawBand)
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

    /// <summary>
    /// The figure's subtitle: how replications are drawn ("median of 4 runs, each run faint, 5–95 % shaded") and the
    /// command line's overrides ("with --set replication.retry.interval=10s"); null when there is neither.
    /// </summary>
    public static string? Subtitle(int replications, IReadOnlyList<string> overrides)
    {
        var parts = new List<string>();
        if (ReplicationsNote(replications) is { Length: > 0 } note) parts.Add(note.Trim().TrimStart('(').TrimEnd(')'));
        if (OverridesText(overrides) is { } set) parts.Add(set);
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    /// <summary>Above this many samples a curve is drawn as means over time bins (<see cref="Binned"/>).</summary>
    public const int MaxPointsPerLine = 500;

    /// <summary>
    /// The band averaged over time bins when it has more than <see cref="MaxPointsPerLine"/> samples (a rate sampled every
    /// minute is noise at the scale of days): median, percentiles and each run alike. Returns the bin in minutes, 0 when
    /// the band is drawn as sampled.
    /// </summary>
    public static (SeriesBand Band, int BinMinutes) Binned(SeriesBand band)
    {
        var (times, median, bin) = SeriesView.BinMeans(band.TimesH, band.Median, MaxPointsPerLine);
        if (bin == 0) return (band, 0);
        double[] Mean(double[] values) => SeriesView.BinMeans(band.TimesH, values, MaxPointsPerLine).Values;
        return (new SeriesBand(times, Mean(band.P5), median, Mean(band.P95), [.. band.Runs.Select(Mean)]), bin);
    }

    /// <summary>"0.044", "12.6", "1,950": a figure for a legend, to three significant digits or so.</summary>
    public static string Number(double v) => v == 0 ? "0" :
        v.ToString(Math.Abs(v) >= 1000 ? "#,0" : Math.Abs(v) >= 10 ? "0.#" : Math.Abs(v) >= 1 ? "0.0#" : "0.0##", CultureInfo.InvariantCulture);

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

    /// <summary>"peak 13.5 % at 0.5 h" of the values drawn: the figure that matters, readable even when the curve hugs the axis.</summary>
    /// <param name="times">Sampled times, hours.</param>
    /// <param name="values">The values at those times.</param>
    /// <param name="unit">The values' unit, after a space ("%", "s").</param>
    public static string PeakText(double[] times, double[] values, string unit = "%")
    {
        int at = 0;
        for (int i = 1; i < values.Length; i++)
            if (double.IsNaN(values[at]) || values[i] > values[at]) at = i;
        return $"peak {Number(values[at])} {unit} at {Hours(times[at])}";
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
