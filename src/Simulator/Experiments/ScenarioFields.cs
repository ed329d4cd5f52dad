using System.Globalization;
using Simulator.Engine;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;
using Simulator.Units;

namespace Simulator.Experiments;

/// <summary>What the scenario model says about a field path: whether it is an integer, and how to read its values as numbers for a plot axis.</summary>
internal static class ScenarioFields
{
    private static readonly Lazy<ValueShape> Root = new(() => ModelShapes.ForRoot(typeof(Scenario)));

    /// <summary>The shape of the value at <paramref name="path"/>, or null when the path does not name a field (loading reports why).</summary>
    public static ValueShape? Find(string path)
    {
        var segments = FieldPath.Parse(path);
        if (segments is null) return null;
        ValueShape? shape = Root.Value;
        foreach (var segment in segments)
        {
            if (shape is null) return null;
            if (segment.IsIndex)
                shape = shape.Kind == ValueKind.List ? shape.Element : null;
            else if (shape.Kind == ValueKind.Record)
                shape = shape.Record!.Find(segment.Name!)?.Shape;
            else if (shape.Kind == ValueKind.Dictionary)
                shape = shape.Element;
            else if (shape.Kind == ValueKind.Union)
                shape = shape.Union!.Kinds.Select(k => k.Record.Find(segment.Name!)?.Shape).FirstOrDefault(s => s is not null);
            else
                return null;
        }
        return shape;
    }

    /// <summary>True when the field holds an integer (node counts, workers): ranges are rounded to whole numbers.</summary>
    public static bool IsInteger(string path) => Find(path)?.Kind is ValueKind.Int32 or ValueKind.Int64;

    /// <summary>True when the field holds a number, with or without a unit: ranges can be interpolated.</summary>
    public static bool IsNumeric(string path) => Find(path) is { } shape && LeafValues.IsNumeric(shape.Kind);

    /// <summary>
    /// The value as a number in the unit an axis shows (seconds, %, GiB, Gbps, per second, or the number itself),
    /// with that unit's name; NaN when the field is not numeric or the text does not read.
    /// </summary>
    public static (double Value, string Unit) AxisValue(string path, string text)
    {
        var shape = Find(path);
        string t = text.Trim();
        try
        {
            switch (shape?.Kind)
            {
                case ValueKind.Duration when Duration.TryParse(t, out var d, out _): return (d.TotalSeconds, "s");
                case ValueKind.Fraction when Fraction.TryParse(t, allowAboveOne: true, out var f, out _): return (f.Value * 100, "%");
                case ValueKind.ByteSize when ByteSize.TryParse(t, out var b, out _): return (b.Bytes / (double)(1L << 30), "GiB");
                case ValueKind.Bandwidth when Bandwidth.TryParse(t, out var b, out _): return (b.BitsPerSecond / 1e9, "Gbps");
                case ValueKind.Rate when Rate.TryParse(t, out var r, out _): return (r.PerSecond, "per s");
                case ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double
                    when double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double x): return (x, "");
            }
        }
        catch (FormatException)
        {
        }
        return (double.NaN, "");
    }
}
