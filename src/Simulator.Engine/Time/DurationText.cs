using System.Globalization;

namespace Simulator.Engine;

/// <summary>Parsing and printing of durations in human units.</summary>
internal static class DurationText
{
    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("y", Duration.TicksPerYear), ("d", Duration.TicksPerDay), ("h", Duration.TicksPerHour),
        ("m", Duration.TicksPerMinute), ("s", Duration.TicksPerSecond), ("ms", Duration.TicksPerMillisecond),
        ("us", Duration.TicksPerMicrosecond),
    ];

    private static readonly Dictionary<string, long> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["y"] = Duration.TicksPerYear, ["yr"] = Duration.TicksPerYear, ["year"] = Duration.TicksPerYear, ["years"] = Duration.TicksPerYear,
        ["d"] = Duration.TicksPerDay, ["day"] = Duration.TicksPerDay, ["days"] = Duration.TicksPerDay,
        ["h"] = Duration.TicksPerHour, ["hr"] = Duration.TicksPerHour, ["hour"] = Duration.TicksPerHour, ["hours"] = Duration.TicksPerHour,
        ["m"] = Duration.TicksPerMinute, ["min"] = Duration.TicksPerMinute, ["minute"] = Duration.TicksPerMinute, ["minutes"] = Duration.TicksPerMinute,
        ["s"] = Duration.TicksPerSecond, ["sec"] = Duration.TicksPerSecond, ["second"] = Duration.TicksPerSecond, ["seconds"] = Duration.TicksPerSecond,
        ["ms"] = Duration.TicksPerMillisecond, ["us"] = Duration.TicksPerMicrosecond, ["µs"] = Duration.TicksPerMicrosecond,
    };

    public static string Format(Duration d)
    {
        if (d.Ticks == 0) return "0s";
        foreach (var (unit, ticks) in Units)
            if (d.Ticks % ticks == 0)
                return (d.Ticks / ticks).ToString(CultureInfo.InvariantCulture) + unit;
        return d.Ticks.ToString(CultureInfo.InvariantCulture) + "us";
    }

    public static bool TryParse(string? text, out Duration value, out string error)
    {
        value = Duration.Zero;
        const string expected = "expected a duration such as \"250ms\", \"90s\", \"15m\", \"96h\", \"7d\" or \"1y\"";
        if (string.IsNullOrWhiteSpace(text)) { error = $"{expected}, found an empty value"; return false; }
        string s = text.Trim();
        int i = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.' || s[i] == '-' || s[i] == '+')) i++;
        string number = s[..i];
        string unit = s[i..].Trim();
        if (number.Length == 0 || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out decimal amount))
        {
            // A well-formed number that decimal cannot hold (beyond ~7.9e28) is out of range, not malformed.
            bool wellFormed = number.Length > 0 && double.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            error = wellFormed
                ? $"duration \"{text}\" is out of range (at most {long.MaxValue / Duration.TicksPerYear} years)"
                : $"{expected}, found \"{text}\"";
            return false;
        }
        if (unit.Length == 0) { error = $"{expected}, found \"{text}\" (no unit)"; return false; }
        if (!Aliases.TryGetValue(unit, out long ticksPerUnit)) { error = $"{expected}, found unknown unit \"{unit}\" in \"{text}\""; return false; }
        if (amount < 0 || number.StartsWith('-')) { error = $"expected a non-negative duration, found \"{text}\""; return false; }
        decimal ticks;
        try { ticks = decimal.Round(amount * ticksPerUnit); }
        catch (OverflowException) { error = $"duration \"{text}\" is out of range (at most {long.MaxValue / Duration.TicksPerYear} years)"; return false; }
        if (ticks > long.MaxValue) { error = $"duration \"{text}\" is out of range (at most {long.MaxValue / Duration.TicksPerYear} years)"; return false; }
        if (ticks == 0 && amount > 0) ticks = 1; // a positive duration stays positive: at least the resolution, 1 µs
        value = new Duration((long)ticks);
        error = "";
        return true;
    }
}
