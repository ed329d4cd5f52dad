using System.Globalization;

namespace Simulator.Units;

/// <summary>Shared number handling for the human-unit value types: invariant culture, no signs, no NaN.</summary>
internal static class UnitText
{
    private const NumberStyles NumberStyle = NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent;

    /// <summary>Splits "1.5 TiB" into "1.5" and "TiB" (the unit may be empty).</summary>
    public static bool TrySplit(string? text, out string number, out string unit)
    {
        number = unit = "";
        if (string.IsNullOrWhiteSpace(text)) return false;
        string s = text.Trim();
        int i = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is '.' or '-' or '+'
               || ((s[i] is 'e' or 'E') && i > 0 && i + 1 < s.Length && (char.IsAsciiDigit(s[i + 1]) || s[i + 1] is '-' or '+'))))
            i++;
        number = s[..i];
        unit = s[i..].Trim();
        return number.Length > 0;
    }

    public static bool TryParseDecimal(string number, out decimal value) =>
        decimal.TryParse(number, NumberStyle, CultureInfo.InvariantCulture, out value);

    public static bool TryParseDouble(string number, out double value) =>
        double.TryParse(number, NumberStyle, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Text of a non-empty value for error messages.</summary>
    public static string Found(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "an empty value" : $"\"{text}\"";

    /// <summary>Short form first (12 significant digits hides 13.000000000000002), exact round-trip form second.</summary>
    public static IEnumerable<string> Candidates(double value)
    {
        string shortForm = value.ToString("G12", CultureInfo.InvariantCulture);
        yield return shortForm;
        string exact = value.ToString("R", CultureInfo.InvariantCulture);
        if (exact != shortForm) yield return exact;
    }

    public static bool IsWholeNumber(string formatted) =>
        formatted.All(c => char.IsAsciiDigit(c));
}
