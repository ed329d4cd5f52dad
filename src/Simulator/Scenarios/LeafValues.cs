using System.Globalization;
using System.Text.RegularExpressions;
using Simulator.Engine;
using Simulator.Units;

namespace Simulator.Scenarios;

/// <summary>
/// Reads leaf values (numbers, booleans, names, human units, dates) from YAML scalars. Plain scalars are typed
/// by the YAML 1.2 core schema, as the JSON Schema and editors see them: a number field refuses a quoted
/// "800", and a string field refuses a bare 2011 or true.
/// </summary>
internal static partial class LeafValues
{
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign;
    private const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public static bool IsNumeric(ValueKind kind) => kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double
        or ValueKind.Duration or ValueKind.ByteSize or ValueKind.Bandwidth or ValueKind.Fraction or ValueKind.Rate;

    /// <summary>Kinds whose YAML value may be a bare number, so numeric JSON Schema keywords describe them.</summary>
    public static bool IsJsonNumber(ValueKind kind) => kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double or ValueKind.Fraction;

    /// <summary>The number that constraints compare: the value itself, Ticks, Bytes, BitsPerSecond, Value or PerSecond.</summary>
    public static double Numeric(object value) => value switch
    {
        int i => i,
        long l => l,
        double d => d,
        Duration d => d.Ticks,
        ByteSize b => b.Bytes,
        Bandwidth b => b.BitsPerSecond,
        Fraction f => f.Value,
        Rate r => r.PerSecond,
        _ => throw new InvalidOperationException($"{value.GetType().Name} is not a numeric value"),
    };

    /// <summary>A constraint bound written as text ("1GiB", "90s"), as the number <see cref="Numeric"/> gives.</summary>
    public static double NumericFromText(string text, ValueShape shape)
    {
        string error;
        switch (shape.Kind)
        {
            case ValueKind.Duration when Duration.TryParse(text, out var d, out error): return d.Ticks;
            case ValueKind.ByteSize when ByteSize.TryParse(text, out var b, out error): return b.Bytes;
            case ValueKind.Bandwidth when Bandwidth.TryParse(text, out var b, out error): return b.BitsPerSecond;
            case ValueKind.Fraction when Fraction.TryParse(text, allowAboveOne: true, out var f, out error): return f.Value;
            case ValueKind.Rate when Rate.TryParse(text, out var r, out error): return r.PerSecond;
            case ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double
                when double.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out double x): return x;
            default: throw new FormatException($"\"{text}\" is not a {shape.Noun}");
        }
    }

    /// <summary>A number from <see cref="Numeric"/> written as the value type writes itself ("1GiB", "90s", "13%").</summary>
    public static string FormatNumeric(double x, ValueShape shape) => shape.Kind switch
    {
        ValueKind.Duration => new Duration((long)x).ToString(),
        ValueKind.ByteSize => new ByteSize((long)x).ToString(),
        ValueKind.Bandwidth => new Bandwidth(x).ToString(),
        ValueKind.Fraction => new Fraction(x).ToString(),
        ValueKind.Rate => new Rate(x).ToString(),
        _ => x.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string WithArticle(string phrase) =>
        (phrase.Length > 0 && "aeiou".Contains(phrase[0], StringComparison.Ordinal) ? "an " : "a ") + phrase;

    /// <summary>What a value of this shape must be, with its first constraint: "a positive integer", "one of a, b".</summary>
    public static string Expectation(ValueShape shape) => shape.Kind switch
    {
        _ when shape.Constraints.Count > 0 => shape.Constraints[0].Expectation(shape),
        ValueKind.Boolean => "true or false",
        ValueKind.Enum => "one of " + string.Join(", ", shape.EnumMembers.Select(m => m.Name)),
        _ => WithArticle(shape.Noun),
    };

    /// <summary>How YAML 1.2 (core schema) types a plain scalar.</summary>
    public static string? PlainType(SourceNode node)
    {
        if (!node.IsPlain) return null;
        if (node.IsNull) return "null";
        if (node.Text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE") return "boolean";
        if (CoreInteger().IsMatch(node.Text) || CoreFloat().IsMatch(node.Text)) return "number";
        return null;
    }

    /// <summary>Converts a non-null scalar to the leaf type of <paramref name="shape"/>; false with a full sentence otherwise.</summary>
    public static bool TryRead(SourceNode node, ValueShape shape, out object? value, out string error)
    {
        value = null;
        error = "";
        string text = node.Text;
        string Expected() => $"expected {Expectation(shape)}, found {node.Describe()}";
        string QuotedNumber() => $"expected {Expectation(shape)}, found \"{text}\" in quotes (remove the quotes)";
        switch (shape.Kind)
        {
            case ValueKind.String:
                if (PlainType(node) is { } type)
                { error = $"expected {Expectation(shape)}, found the {type} {text} (put it in quotes to make it text)"; return false; }
                value = text;
                return true;

            case ValueKind.Int32 or ValueKind.Int64:
                if (!node.IsPlain) { error = QuotedNumber(); return false; }
                if (!DecimalInteger().IsMatch(text)) { error = Expected(); return false; }
                bool fits = long.TryParse(text, IntegerStyle, CultureInfo.InvariantCulture, out long l);
                if (shape.Kind == ValueKind.Int32) fits = fits && l is >= int.MinValue and <= int.MaxValue;
                if (!fits)
                {
                    (long lo, long hi) = shape.Kind == ValueKind.Int32 ? (int.MinValue, int.MaxValue) : (long.MinValue, long.MaxValue);
                    error = $"expected an integer from {lo} to {hi}, found {node.Describe()}";
                    return false;
                }
                value = shape.Kind == ValueKind.Int32 ? (object)(int)l : l;
                return true;

            case ValueKind.Double:
                if (!node.IsPlain) { error = QuotedNumber(); return false; }
                if (!CoreFloat().IsMatch(text) && !DecimalInteger().IsMatch(text)) { error = Expected(); return false; }
                if (!double.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out double d) || !double.IsFinite(d))
                { error = $"expected a finite number, found {node.Describe()}"; return false; }
                value = d;
                return true;

            case ValueKind.Boolean:
                if (PlainType(node) != "boolean") { error = Expected(); return false; }
                value = text is "true" or "True" or "TRUE";
                return true;

            case ValueKind.Enum:
                foreach (var (name, member) in shape.EnumMembers)
                    if (name == text) { value = member; return true; }
                error = Expected() + DidYouMean.Hint(text, shape.EnumMembers.Select(m => m.Name));
                return false;

            case ValueKind.Duration:
                if (!Duration.TryParse(text, out var duration, out error)) return false;
                value = duration;
                return true;

            case ValueKind.ByteSize:
                if (!ByteSize.TryParse(text, out var size, out error)) return false;
                value = size;
                return true;

            case ValueKind.Bandwidth:
                if (!Bandwidth.TryParse(text, out var bandwidth, out error)) return false;
                value = bandwidth;
                return true;

            case ValueKind.Fraction:
                // As text, a fraction is digits, a point and "%": a sign or an exponent only in a plain YAML number.
                if (PlainType(node) != "number" && UnitText.TrySplit(text, out string amount, out _) && amount.AsSpan().ContainsAny("eE-"))
                { error = $"expected {Expectation(shape)}, found {node.Describe()} (no sign, and an exponent only in a plain number such as 5e-2)"; return false; }
                bool aboveOne = shape.Constraints.OfType<RangeAttribute>().Any(r => r.Max(shape) > 1);
                if (!Fraction.TryParse(text, aboveOne, out var fraction, out error)) return false;
                value = fraction;
                return true;

            case ValueKind.Rate:
                if (!Rate.TryParse(text, out var rate, out error)) return false;
                value = rate;
                return true;

            case ValueKind.DateTimeOffset:
                if (!IsoDateTime().IsMatch(text.Trim())
                    || !DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
                { error = $"expected a date and time such as \"2011-04-21T00:47:00-07:00\" (ISO 8601), found {node.Describe()}"; return false; }
                value = moment;
                return true;

            default:
                throw new InvalidOperationException($"{shape.Kind} is not a leaf");
        }
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")]
    private static partial Regex CoreInteger();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN)$")]
    private static partial Regex CoreFloat();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?$")]
    private static partial Regex IsoDateTime();

    /// <summary>The pattern <see cref="TryRead"/> accepts for dates, for the JSON Schema.</summary>
    public const string IsoDateTimePattern = @"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?$";
}
