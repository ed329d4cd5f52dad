using System.Globalization;

namespace Simulator.Units;

/// <summary>
/// Events per unit of time. Text is "count/unit" with unit s, min (or m), h or d: "20/s", "1200/min", "3/h", "0.5/d".
/// </summary>
public readonly record struct Rate(double PerSecond) : IComparable<Rate>
{
    private const string Expected = "expected a rate such as \"20/s\", \"1200/min\", \"3/h\" or \"0.5/d\"";

    private static readonly Dictionary<string, double> UnitSeconds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["s"] = 1, ["sec"] = 1, ["second"] = 1,
        ["m"] = 60, ["min"] = 60, ["minute"] = 60,
        ["h"] = 3600, ["hr"] = 3600, ["hour"] = 3600,
        ["d"] = 86400, ["day"] = 86400,
    };

    private static readonly (string Unit, double Seconds)[] PrintUnits = [("s", 1), ("min", 60), ("h", 3600), ("d", 86400)];

    /// <summary>Every unit the parser accepts, for the scenario JSON Schema.</summary>
    internal static IEnumerable<string> UnitNames => UnitSeconds.Keys;

    public static readonly Rate Zero = new(0);

    /// <summary>Events per hour.</summary>
    public double PerHour => PerSecond * 3600;

    public static Rate FromPerSecond(double x) => new(x);
    public static Rate FromPerHour(double x) => new(x / 3600);

    public static bool operator <(Rate a, Rate b) => a.PerSecond < b.PerSecond;
    public static bool operator >(Rate a, Rate b) => a.PerSecond > b.PerSecond;
    public static bool operator <=(Rate a, Rate b) => a.PerSecond <= b.PerSecond;
    public static bool operator >=(Rate a, Rate b) => a.PerSecond >= b.PerSecond;
    public int CompareTo(Rate other) => PerSecond.CompareTo(other.PerSecond);

    /// <summary>
    /// Prints with the smallest time unit that gives a whole count ("20/s", "3/h"), else the smallest unit with a
    /// count of at least 1 ("1.5/s", "0.5/d"); the text always parses back to the same value.
    /// </summary>
    public override string ToString()
    {
        foreach (var (unit, seconds) in PrintUnits)
            foreach (string number in UnitText.Candidates(PerSecond * seconds))
                if (UnitText.IsWholeNumber(number) && RoundTrips(number, unit)) return $"{number}/{unit}";
        foreach (var (unit, seconds) in PrintUnits)
        {
            if (PerSecond * seconds < 1 && unit != "d") continue;
            foreach (string number in UnitText.Candidates(PerSecond * seconds))
                if (RoundTrips(number, unit)) return $"{number}/{unit}";
        }
        return PerSecond.ToString("R", CultureInfo.InvariantCulture) + "/s";
    }

    private bool RoundTrips(string number, string unit) =>
        TryParse($"{number}/{unit}", out var back, out _) && back.PerSecond == PerSecond;

    /// <summary>Parses "20/s", "1200/min", "3/h", "0.5/d".</summary>
    /// <exception cref="FormatException">with the text and what was expected.</exception>
    public static Rate Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Parses a rate; on failure <paramref name="error"/> is a sentence saying what was expected and found.</summary>
    public static bool TryParse(string text, out Rate value, out string error)
    {
        value = Zero;
        error = "";
        if (!UnitText.TrySplit(text, out string number, out string rest) || !UnitText.TryParseDouble(number, out double amount))
        { error = $"{Expected}, found {UnitText.Found(text)}"; return false; }
        if (!rest.StartsWith('/')) { error = $"{Expected}, found \"{text}\" (no \"/unit\")"; return false; }
        string unit = rest[1..].Trim();
        if (!UnitSeconds.TryGetValue(unit, out double seconds))
        { error = $"{Expected}, found unknown unit \"{unit}\" in \"{text}\" (units: s, min, h, d)"; return false; }
        if (amount < 0 || number.StartsWith('-')) { error = $"expected a non-negative rate, found \"{text}\""; return false; }
        value = new Rate(amount / seconds);
        return true;
    }
}
