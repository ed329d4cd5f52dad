using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Simulator.Units;

namespace Simulator.Scenarios;

/// <summary>JSON Schema fragments for the human-unit value types: the same text the parsers accept, as a pattern.</summary>
internal static class UnitSchemas
{
    /// <summary>A non-negative decimal number as <c>Duration</c> reads it (no exponent).</summary>
    private const string PlainNumber = @"\+?([0-9]+\.?[0-9]*|\.[0-9]+)";

    /// <summary>A non-negative number as the Simulator.Units types read it (exponent allowed).</summary>
    private const string UnitNumber = PlainNumber + @"([eE][-+]?[0-9]+)?";

    /// <summary>Every unit <c>Duration.Parse</c> accepts, case-insensitively (Simulator.Engine's DurationText).</summary>
    internal static readonly string[] DurationUnits =
        ["y", "yr", "year", "years", "d", "day", "days", "h", "hr", "hour", "hours", "m", "min", "minute", "minutes",
         "s", "sec", "second", "seconds", "ms", "us", "µs"];

    public static JsonObject For(ValueKind kind) => kind switch
    {
        ValueKind.Duration => Unit(
            Pattern(PlainNumber, DurationUnits, ignoreCase: true),
            "A duration: a number and a unit (us, ms, s, m or min, h, d, y).",
            ["250ms", "90s", "15m", "96h", "7d"]),
        ValueKind.ByteSize => Unit(
            Pattern(UnitNumber, ByteSize.UnitNames, ignoreCase: false),
            "A size: a number and a unit, binary (KiB, MiB, GiB, TiB, PiB) or decimal (kB, MB, GB, TB, PB), or B.",
            ["500GiB", "1TiB", "1.5TiB", "10GB"]),
        ValueKind.Bandwidth => Unit(
            Pattern(UnitNumber, Bandwidth.UnitNames, ignoreCase: false),
            "A bandwidth: a number and a unit in bits (bps, Kbps, Mbps, Gbps, Tbps) or bytes (MB/s, GB/s, MiB/s) per second.",
            ["10Gbps", "400Mbps", "1.25GB/s"]),
        ValueKind.Rate => Unit(
            "^\\s*" + UnitNumber + "\\s*/\\s*(" + Alternatives(Rate.UnitNames, ignoreCase: true) + ")\\s*$",
            "A rate: a count per unit of time (s, min, h, d).",
            ["20/s", "1200/min", "3/h", "0.5/d"]),
        ValueKind.Fraction => Fraction(),
        ValueKind.DateTimeOffset => Unit(
            LeafValues.IsoDateTimePattern,
            "A date and time, ISO 8601.",
            ["2011-04-21T00:47:00-07:00", "2011-04-21T07:47:00Z"]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a unit type"),
    };

    /// <summary>
    /// Narrows the text spellings of a unit value to its constraints, which <c>minimum</c> and <c>maximum</c> cannot say
    /// of a string: [Positive] refuses a zero amount ("0s", "0GiB"); a fraction's text is bounded like its number (to
    /// 100 % unless a [Range] allows more, and within every [Range]), as a percentage and as a plain number. An exponent
    /// is not part of a fraction's text: it is read only in a plain YAML number (0.5e-1), which is a JSON number here.
    /// </summary>
    /// <exception cref="InvalidOperationException">for a [Range] on a unit type other than a fraction, which no pattern here says.</exception>
    public static void Constrain(JsonObject schema, ValueShape shape)
    {
        if (!Handles(shape.Kind) || shape.Kind == ValueKind.DateTimeOffset) return;
        bool positive = shape.Constraints.OfType<PositiveAttribute>().Any();
        var ranges = shape.Constraints.OfType<RangeAttribute>().ToList();
        if (shape.Kind == ValueKind.Fraction)
        {
            decimal min = ranges.Select(r => (decimal)r.Min(shape)).DefaultIfEmpty(0m).Max();
            decimal max = ranges.Select(r => (decimal)r.Max(shape)).DefaultIfEmpty(1m).Min();
            string nonZero = positive && min == 0 ? NonZeroAmount : "";
            schema["pattern"] = "^\\s*\\+?" + nonZero + "(?:"
                + DecimalRangePattern.Between(min * 100, max * 100, PercentEnd) + PercentEnd + "|"
                + DecimalRangePattern.Between(min, max, PlainEnd) + PlainEnd + ")";
            return;
        }
        if (ranges.Count > 0)
            throw new InvalidOperationException($"a [Range] on a {shape.Kind} cannot be written in the schema as a pattern; bound it in code");
        if (positive) schema["pattern"] = "^" + NonZeroAmount + schema["pattern"]!.GetValue<string>()[1..];
    }

    /// <summary>An amount with a digit other than 0 before its unit or exponent (no parser here reads digits in a unit).</summary>
    private const string NonZeroAmount = "(?=\\s*\\+?0*\\.?0*[1-9])";

    private const string PercentEnd = "\\s*%\\s*$";

    private const string PlainEnd = "\\s*$";

    public static bool Handles(ValueKind kind) =>
        kind is ValueKind.Duration or ValueKind.ByteSize or ValueKind.Bandwidth or ValueKind.Rate or ValueKind.Fraction or ValueKind.DateTimeOffset;

    private static JsonObject Fraction() => new()
    {
        ["type"] = new JsonArray("string", "number"),
        ["pattern"] = "^\\s*" + UnitNumber + "\\s*%?\\s*$",
        ["minimum"] = 0,
        ["maximum"] = 1,
        ["description"] = "A fraction: a percentage (\"13%\") or a number from 0 to 1 (0.13).",
        ["examples"] = new JsonArray("13%", "2.5%", 0.13),
    };

    private static JsonObject Unit(string pattern, string description, string[] examples) => new()
    {
        ["type"] = "string",
        ["pattern"] = pattern,
        ["description"] = description,
        ["examples"] = new JsonArray(examples.Select(e => (JsonNode)e).ToArray()),
    };

    private static string Pattern(string number, IEnumerable<string> units, bool ignoreCase) =>
        "^\\s*" + number + "\\s*(" + Alternatives(units, ignoreCase) + ")\\s*$";

    /// <summary>Longest first, so that "ms" is tried before "m"; ECMA-262 has no inline (?i), so letters become [xX].</summary>
    private static string Alternatives(IEnumerable<string> units, bool ignoreCase) =>
        string.Join("|", units.Distinct(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)
            .OrderByDescending(u => u.Length).ThenBy(u => u, StringComparer.Ordinal)
            .Select(u => ignoreCase ? CaseInsensitive(u) : Regex.Escape(u)));

    private static string CaseInsensitive(string unit)
    {
        var sb = new StringBuilder();
        foreach (char c in unit)
        {
            char upper = char.ToUpperInvariant(c);
            if (char.IsLetter(c) && upper != c) sb.Append('[').Append(c).Append(upper).Append(']');
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return sb.ToString();
    }
}
