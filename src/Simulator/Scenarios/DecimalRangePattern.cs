using System.Globalization;
using System.Text;

namespace Simulator.Scenarios;

/// <summary>
/// Regular expressions (ECMA-262 and .NET alike) matching exactly the plain decimal numbers — digits, an optional
/// decimal point, more digits, no sign and no exponent, leading and trailing zeros allowed ("007.50") — whose value
/// lies within inclusive bounds. They let a JSON Schema say "from 1 % to 90 %" of a value written as text, which its
/// <c>minimum</c> and <c>maximum</c> cannot, so that a schema refuses every spelling the loader refuses.
/// </summary>
internal static class DecimalRangePattern
{
    /// <summary>The syntax alone: "12", "12.", "12.5", ".5".</summary>
    public const string Syntax = "(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)";

    /// <summary>
    /// A pattern (no anchors, no sign) matching a plain decimal in [<paramref name="min"/>, <paramref name="max"/>];
    /// either bound may be null (unbounded). The caller anchors it and adds what follows (a unit).
    /// </summary>
    /// <param name="end">What must follow the number for the bound checks to apply (a unit and the end of the text).</param>
    public static string Between(decimal? min, decimal? max, string end)
    {
        if (min < 0 || max < 0) throw new ArgumentOutOfRangeException(nameof(min), "bounds must be non-negative");
        var sb = new StringBuilder("(?=").Append(Syntax).Append(end).Append(')');
        if (max is { } hi) sb.Append("(?=").Append(AtMost(hi)).Append(end).Append(')');
        if (min is { } lo && lo > 0) sb.Append("(?=").Append(AtLeast(lo)).Append(end).Append(')');
        return sb.Append(Syntax).ToString();
    }

    /// <summary>Plain decimals ≤ <paramref name="bound"/>: a smaller integer part, or the same one and a fraction no larger.</summary>
    public static string AtMost(decimal bound)
    {
        var (whole, fraction) = Digits(bound);
        string equal = EqualWhole(whole) + "(?:\\." + FractionAtMost(fraction, 0) + ")?"; // no point: a fraction of 0
        return LessWhole(whole) is { } less ? "(?:" + less + "(?:\\.[0-9]*)?|" + equal + ")" : "(?:" + equal + ")";
    }

    /// <summary>Plain decimals ≥ <paramref name="bound"/>: a larger integer part, or the same one and a fraction no smaller.</summary>
    public static string AtLeast(decimal bound)
    {
        var (whole, fraction) = Digits(bound);
        string equal = EqualWhole(whole) + (fraction.Length == 0 ? "(?:\\.[0-9]*)?" : "\\." + FractionAtLeast(fraction, 0));
        return "(?:" + GreaterWhole(whole) + "(?:\\.[0-9]*)?|" + equal + ")";
    }

    /// <summary>The integer digits without leading zeros ("" for 0) and the fraction's without trailing zeros.</summary>
    private static (string Whole, string Fraction) Digits(decimal bound)
    {
        string text = bound.ToString("0.############################", CultureInfo.InvariantCulture);
        int point = text.IndexOf('.', StringComparison.Ordinal);
        string whole = point < 0 ? text : text[..point];
        string fraction = point < 0 ? "" : text[(point + 1)..].TrimEnd('0');
        return (whole.TrimStart('0'), fraction);
    }

    /// <summary>An integer part (leading zeros allowed, empty for 0) equal to <paramref name="whole"/>.</summary>
    private static string EqualWhole(string whole) => "0*" + whole;

    /// <summary>An integer part below <paramref name="whole"/>, or null when there is none (the bound's is 0).</summary>
    private static string? LessWhole(string whole)
    {
        if (whole.Length == 0) return null;
        var alternatives = new List<string> { "" }; // zero: no digit after the leading zeros
        if (whole.Length > 1) alternatives.Add("[1-9][0-9]{0," + (whole.Length - 2) + "}");
        for (int i = 0; i < whole.Length; i++)
        {
            int lowest = i == 0 ? 1 : 0, digit = whole[i] - '0';
            if (digit - 1 < lowest) continue;
            alternatives.Add(whole[..i] + Range(lowest, digit - 1) + Repeat(whole.Length - i - 1));
        }
        return "0*(?:" + string.Join("|", alternatives) + ")";
    }

    /// <summary>An integer part above <paramref name="whole"/>: more digits, or as many and larger at the first difference.</summary>
    private static string GreaterWhole(string whole)
    {
        var alternatives = new List<string> { "[1-9][0-9]{" + whole.Length + ",}" };
        for (int i = 0; i < whole.Length; i++)
        {
            int digit = whole[i] - '0';
            if (digit == 9) continue;
            alternatives.Add(whole[..i] + Range(digit + 1, 9) + Repeat(whole.Length - i - 1));
        }
        return "0*(?:" + string.Join("|", alternatives) + ")";
    }

    /// <summary>Fraction digits (after the point, possibly none) no larger than 0.<paramref name="bound"/> from position <paramref name="i"/>.</summary>
    private static string FractionAtMost(string bound, int i)
    {
        if (i == bound.Length) return "0*";
        int digit = bound[i] - '0';
        string smaller = digit > 0 ? "|" + Range(0, digit - 1) + "[0-9]*" : "";
        return "(?:" + smaller + "|" + bound[i] + FractionAtMost(bound, i + 1) + ")"; // "" first: the digits may end here
    }

    /// <summary>Fraction digits no smaller than 0.<paramref name="bound"/> from position <paramref name="i"/>.</summary>
    private static string FractionAtLeast(string bound, int i)
    {
        if (i == bound.Length) return "[0-9]*";
        int digit = bound[i] - '0';
        string larger = digit < 9 ? Range(digit + 1, 9) + "[0-9]*|" : "";
        return "(?:" + larger + bound[i] + FractionAtLeast(bound, i + 1) + ")";
    }

    private static string Range(int from, int to) => from == to ? from.ToString(CultureInfo.InvariantCulture) : $"[{from}-{to}]";

    private static string Repeat(int count) => count switch { 0 => "", 1 => "[0-9]", _ => "[0-9]{" + count + "}" };
}
