using System.Globalization;
using System.Text.Json.Nodes;

namespace Simulator.Scenarios;

/// <summary>
/// The value must lie between two bounds (inclusive). Bounds are compared with the value's number: the integer
/// or double itself, <c>Duration.Ticks</c> (µs), <c>ByteSize.Bytes</c>, <c>Bandwidth.BitsPerSecond</c>,
/// <c>Fraction.Value</c> or <c>Rate.PerSecond</c>. Unit types read better with text bounds:
/// <c>[Range("1GiB", "16TiB")]</c>, <c>[Range("1s", "1h")]</c>. A <c>Fraction</c> whose maximum is above 1
/// accepts values above 100 %.
/// </summary>
public sealed class RangeAttribute : ScenarioConstraintAttribute
{
    private readonly string? minText;
    private readonly string? maxText;
    private readonly double min;
    private readonly double max;

    /// <summary>Bounds as numbers compared with the value's number.</summary>
    public RangeAttribute(double min, double max)
    {
        this.min = min;
        this.max = max;
    }

    /// <summary>Bounds as the value type's own text ("1GiB", "90s", "10%").</summary>
    public RangeAttribute(string min, string max)
    {
        minText = min;
        maxText = max;
    }

    internal override bool AppliesTo(ValueKind kind) => LeafValues.IsNumeric(kind);

    internal double Min(ValueShape shape) => minText is null ? min : LeafValues.NumericFromText(minText, shape);

    internal double Max(ValueShape shape) => maxText is null ? max : LeafValues.NumericFromText(maxText, shape);

    internal override bool IsSatisfied(object value, ValueShape shape)
    {
        double x = LeafValues.Numeric(value);
        return x >= Min(shape) && x <= Max(shape);
    }

    internal override string Expectation(ValueShape shape) =>
        LeafValues.WithArticle($"{shape.Noun} from {LeafValues.FormatNumeric(Min(shape), shape)} to {LeafValues.FormatNumeric(Max(shape), shape)}");

    internal override void AddTo(JsonObject schema, ValueShape shape)
    {
        if (!LeafValues.IsJsonNumber(shape.Kind)) return;
        schema["minimum"] = Min(shape);
        schema["maximum"] = Max(shape);
    }

    internal override void CheckModel(ValueShape shape, string where)
    {
        try
        {
            if (Min(shape) > Max(shape))
                throw new InvalidOperationException($"{where}: [Range] minimum is above its maximum");
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"{where}: [Range] bound is not a {shape.Noun}: {ex.Message}", ex);
        }
    }

    /// <summary>Text of the bounds, for documentation.</summary>
    public override string ToString() => minText is null
        ? $"[{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]"
        : $"[{minText}, {maxText}]";
}
