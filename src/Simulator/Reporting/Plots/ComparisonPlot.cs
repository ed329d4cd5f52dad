using ScottPlot;
using Simulator.Metrics;

namespace Simulator.Reporting.Plots;

/// <summary>
/// The outage curves of every variant of a comparison on one time axis: the median across replications, 5–95 % shaded,
/// with the faults and operator actions of every variant numbered; an action only some variants have is drawn in their
/// colour and its key names them.
/// </summary>
public static class ComparisonPlot
{
    /// <summary>File name without extension of the stuck-volume overlay.</summary>
    public const string StuckName = "outage-curves";
    /// <summary>File name without extension of the lost-volume overlay.</summary>
    public const string LostName = "lost-curves";

    /// <summary>One variant: its label, its rows of the metric (all replications), its timeline and horizon.</summary>
    public sealed record Variant(string Label, IReadOnlyList<TimeSeriesRow> Rows, IReadOnlyList<TimelineMarker> Markers, double HorizonH);

    /// <summary>The overlay of one metric of the affected zone, or null when no variant has it.</summary>
    /// <param name="variants">The variants, the baseline first.</param>
    /// <param name="metric"><c>volumes_stuck_pct</c> or <c>volumes_lost_pct</c>.</param>
    /// <param name="zoneScope">The affected zone.</param>
    /// <param name="start">Time 0 as a real instant, for the axis label and the key's clock times.</param>
    /// <param name="overrides">The command line's overrides, said in the subtitle.</param>
    public static PanelFigure? Build(IReadOnlyList<Variant> variants, string metric, string zoneScope, DateTimeOffset? start,
        IReadOnlyList<string> overrides)
    {
        var bands = variants.Select((v, i) => (v.Label, Index: i, Band: SeriesView.Band(v.Rows, zoneScope, metric)))
            .Where(b => b.Band.TimesH.Length > 0).ToList();
        if (bands.Count == 0) return null;
        string what = metric == MetricCatalog.VolumesLostPct.Name ? "lost" : "stuck";
        int n = bands.Max(b => b.Band.Replications);
        double horizon = variants.Max(v => v.HorizonH);
        var plot = PlotStyle.Create("", start is { } t0 ? $"hours since {PlotStyle.StartText(t0)}" : "hours since start",
            $"% of the zone's volumes {what}");

        var marks = Marks(variants, start);
        TimelineMarks.Lines(plot, marks);
        double lastH = horizon, max = 0;
        foreach (var (label, i, band) in bands)
        {
            var color = Colour(i);
            // Lost volumes only accumulate: their figure is the end's.
            string figure = what == "lost" ? $"{PlotStyle.Number(band.Median[^1])} % at the end" : PlotStyle.PeakText(band.TimesH, band.Median);
            PlotStyle.Curve(plot, band, $"{label} ({figure})", color, drawRuns: false);
            lastH = Math.Max(lastH, band.TimesH[^1]);
            max = Math.Max(max, PlotStyle.MaxFinite(0, band.P95));
        }
        plot.Axes.SetLimitsX(0, lastH > 0 ? lastH : 1);
        TimelineMarks.Badges(plot, marks, Math.Max(what == "lost" ? 0.01 : 1, max), lastH);
        PlotStyle.LegendBelow(plot);

        string title = $"volumes {what} in {PlotStyle.ScopeName(zoneScope)}, by variant";
        if (start is { } s) title += ", " + PlotStyle.DateSpan(s, horizon);
        string subtitle = n > 1 ? $"median of {n} runs each, 5–95 % shaded" : "one run each";
        if (PlotStyle.OverridesText(overrides) is { } set) subtitle += "; " + set;
        return new PanelFigure(what == "lost" ? LostName : StuckName, title, subtitle, [new(plot, 1)], TimelineMarks.Key(marks));
    }

    private static Color Colour(int variant) => PlotStyle.Palette[variant % PlotStyle.Palette.Length];

    /// <summary>
    /// The variants' markers within their horizons, numbered in time order: one shared by every variant (same time, same
    /// label) once, in the marker colour; one only some variants have in the first one's colour, its key naming them
    /// ("[rollback-5min only]", or "[all but rollback-5min]" when that is shorter).
    /// </summary>
    internal static IReadOnlyList<TimelineMarks.Mark> Marks(IReadOnlyList<Variant> variants, DateTimeOffset? start)
    {
        var owners = new Dictionary<(long, string), (TimelineMarker Marker, List<int> Variants)>();
        var order = new List<(long, string)>();
        for (int v = 0; v < variants.Count; v++)
            foreach (var marker in TimelineMarks.Within(variants[v].Markers, variants[v].HorizonH))
            {
                var key = ((long)Math.Round(marker.TimeH * 3600), marker.Label);
                if (!owners.TryGetValue(key, out var entry))
                {
                    owners[key] = entry = (marker, []);
                    order.Add(key);
                }
                if (!entry.Variants.Contains(v)) entry.Variants.Add(v);
            }
        var marks = new List<TimelineMarks.Mark>();
        foreach (var key in order.OrderBy(k => k.Item1))
        {
            var (marker, of) = owners[key];
            bool all = of.Count == variants.Count;
            var others = Enumerable.Range(0, variants.Count).Where(v => !of.Contains(v)).ToList();
            string which = all ? "" : others.Count < of.Count
                ? $" [all but {string.Join(", ", others.Select(v => variants[v].Label))}]"
                : $" [{string.Join(", ", of.Select(v => variants[v].Label))} only]";
            string text = TimelineMarks.KeyText(marker, start) + which;
            marks.Add(new TimelineMarks.Mark(marker, (marks.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                all ? PlotStyle.MarkerColor : Colour(of[0]), text));
        }
        return marks;
    }
}
