using System.Globalization;

namespace Simulator.Units;

/// <summary>
/// A data rate in bits per second. Text uses decimal bit units ("10Gbps", "400Mbps", "1Gbit/s", "100Mb/s")
/// or byte units ("1.25GB/s", "100MiB/s"); a lower-case b is a bit, an upper-case B a byte.
/// </summary>
public readonly record struct Bandwidth(double BitsPerSecond) : IComparable<Bandwidth>
{
    private const string Expected = "expected a bandwidth such as \"10Gbps\", \"400Mbps\" or \"1.25GB/s\"";

    private static readonly Dictionary<string, double> UnitBits = BuildUnits();

    /// <summary>Decimal bit units from largest to smallest, for printing.</summary>
    private static readonly (string Unit, double Bits)[] PrintUnits =
        [("Tbps", 1e12), ("Gbps", 1e9), ("Mbps", 1e6), ("Kbps", 1e3), ("bps", 1)];

    /// <summary>Every unit the parser accepts, for the scenario JSON Schema.</summary>
    internal static IEnumerable<string> UnitNames => UnitBits.Keys;

    public static readonly Bandwidth Zero = new(0);

    /// <summary>Rate in gigabits (10^9 bits) per second.</summary>
    public double Gbps => BitsPerSecond / 1e9;

    /// <summary>Rate in bytes per second.</summary>
    public double BytesPerSecond => BitsPerSecond / 8;

    /// <summary>A rate of <paramref name="gbps"/> gigabits per second.</summary>
    public static Bandwidth FromGbps(double gbps) => new(gbps * 1e9);

    public static bool operator <(Bandwidth a, Bandwidth b) => a.BitsPerSecond < b.BitsPerSecond;
    public static bool operator >(Bandwidth a, Bandwidth b) => a.BitsPerSecond > b.BitsPerSecond;
    public static bool operator <=(Bandwidth a, Bandwidth b) => a.BitsPerSecond <= b.BitsPerSecond;
    public static bool operator >=(Bandwidth a, Bandwidth b) => a.BitsPerSecond >= b.BitsPerSecond;
    public int CompareTo(Bandwidth other) => BitsPerSecond.CompareTo(other.BitsPerSecond);

    /// <summary>Prints in the largest decimal bit unit not below 1 ("10Gbps", "400Mbps"), in a form that parses back to the same value.</summary>
    public override string ToString()
    {
        foreach (var (unit, bits) in PrintUnits)
        {
            if (BitsPerSecond < bits && bits != 1) continue;
            foreach (string number in UnitText.Candidates(BitsPerSecond / bits))
                if (TryParse(number + unit, out var back, out _) && back.BitsPerSecond == BitsPerSecond)
                    return number + unit;
        }
        return BitsPerSecond.ToString("R", CultureInfo.InvariantCulture) + "bps";
    }

    /// <summary>Parses "10Gbps", "400Mbps", "1.25GB/s", "100MiB/s".</summary>
    /// <exception cref="FormatException">with the text and what was expected.</exception>
    public static Bandwidth Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Parses a bandwidth; on failure <paramref name="error"/> is a sentence saying what was expected and found.</summary>
    public static bool TryParse(string text, out Bandwidth value, out string error)
    {
        value = Zero;
        error = "";
        if (!UnitText.TrySplit(text, out string number, out string unit) || !UnitText.TryParseDouble(number, out double amount))
        { error = $"{Expected}, found {UnitText.Found(text)}"; return false; }
        if (unit.Length == 0) { error = $"{Expected}, found \"{text}\" (no unit)"; return false; }
        if (!UnitBits.TryGetValue(unit, out double bitsPerUnit))
        { error = $"{Expected}, found unknown unit \"{unit}\" in \"{text}\" (units: bps, Kbps, Mbps, Gbps, Tbps, B/s, KB/s, MB/s, GB/s, KiB/s, MiB/s, GiB/s)"; return false; }
        if (amount < 0 || number.StartsWith('-')) { error = $"expected a non-negative bandwidth, found \"{text}\""; return false; }
        double bits = amount * bitsPerUnit;
        if (!double.IsFinite(bits)) { error = $"bandwidth \"{text}\" is out of range"; return false; }
        value = new Bandwidth(bits);
        return true;
    }

    private static Dictionary<string, double> BuildUnits()
    {
        var units = new Dictionary<string, double>(StringComparer.Ordinal);
        (string Prefix, double Factor)[] decimalPrefixes = [("", 1), ("k", 1e3), ("K", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12)];
        foreach (var (prefix, factor) in decimalPrefixes)
        {
            units[prefix + "bps"] = factor;
            units[prefix + "b/s"] = factor;
            units[prefix + "bit/s"] = factor;
            units[prefix + "B/s"] = factor * 8;
        }
        (string Prefix, double Factor)[] binaryPrefixes = [("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40)];
        foreach (var (prefix, factor) in binaryPrefixes)
            units[prefix + "B/s"] = factor * 8;
        return units;
    }
}
