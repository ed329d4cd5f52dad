using System.Globalization;
using ScottPlot;

namespace Simulator.Reporting.Plots;

/// <summary>
/// ScottPlot's automatic numeric ticks, labelled with as few decimals as keep every label distinct and each within a
/// hundredth of a step of its tick: 0.0125 and 0.01 are not both "0.01".
/// </summary>
public sealed class DistinctTicks : ITickGenerator
{
    private readonly ScottPlot.TickGenerators.NumericAutomatic _inner = new();

    /// <summary>Whole numbers only (counts).</summary>
    public bool IntegerTicksOnly
    {
        get => _inner.IntegerTicksOnly;
        set => _inner.IntegerTicksOnly = value;
    }

    public Tick[] Ticks { get; set; } = [];

    public int MaxTickCount
    {
        get => _inner.MaxTickCount;
        set => _inner.MaxTickCount = value;
    }

    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        _inner.Regenerate(range, edge, size, paint, labelStyle);
        Ticks = Relabel(_inner.Ticks);
    }

    /// <summary>The ticks with their major labels rewritten (<see cref="Labels"/>); minor ticks keep theirs.</summary>
    internal static Tick[] Relabel(Tick[] ticks)
    {
        double[] major = [.. ticks.Where(t => t.IsMajor).Select(t => t.Position)];
        var labels = Labels(major);
        int k = 0;
        return [.. ticks.Select(t => t.IsMajor ? new Tick(t.Position, labels[k++], true) : t)];
    }

    /// <summary>
    /// Labels of tick positions: the fewest decimals (0 to 12) with which all are distinct and each is within 1 % of the
    /// smallest step of its position; thousands grouped with a comma in whole numbers of five digits or more.
    /// </summary>
    public static string[] Labels(IReadOnlyList<double> positions)
    {
        if (positions.Count == 0) return [];
        var sorted = positions.Order().ToArray();
        double step = double.PositiveInfinity;
        for (int i = 1; i < sorted.Length; i++)
            if (sorted[i] - sorted[i - 1] > 0) step = Math.Min(step, sorted[i] - sorted[i - 1]);
        double tolerance = double.IsFinite(step) ? step * 0.01 : Math.Abs(sorted[0]) * 1e-6;
        bool big = positions.Any(p => Math.Abs(p) >= 10_000);
        for (int decimals = 0; decimals <= 12; decimals++)
        {
            string format = (big ? "#,0" : "0") + (decimals > 0 ? "." + new string('0', decimals) : "");
            string[] labels = [.. positions.Select(p => Format(p, format))];
            bool close = positions.Select((p, i) => Math.Abs(double.Parse(labels[i].Replace(",", ""), CultureInfo.InvariantCulture) - p) <= tolerance).All(x => x);
            if (close && labels.Distinct().Count() == labels.Length) return labels;
        }
        return [.. positions.Select(p => p.ToString("G6", CultureInfo.InvariantCulture))];
    }

    /// <summary>"−0" is written "0".</summary>
    private static string Format(double value, string format)
    {
        string text = value.ToString(format, CultureInfo.InvariantCulture);
        return text.TrimStart('-').Trim('0', '.', ',').Length == 0 ? text.TrimStart('-') : text;
    }
}
