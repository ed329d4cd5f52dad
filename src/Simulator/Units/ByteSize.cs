using System.Globalization;

namespace Simulator.Units;

/// <summary>
/// An amount of storage in whole bytes. Text uses binary units (KiB, MiB, GiB, TiB, PiB = powers of 1024)
/// or decimal units (kB/KB, MB, GB, TB, PB = powers of 1000): "500GiB", "1TiB", "10GB", "4096B", "1.5TiB".
/// </summary>
public readonly record struct ByteSize(long Bytes) : IComparable<ByteSize>
{
    public const long BytesPerKiB = 1L << 10;
    public const long BytesPerMiB = 1L << 20;
    public const long BytesPerGiB = 1L << 30;
    public const long BytesPerTiB = 1L << 40;
    public const long BytesPerPiB = 1L << 50;

    private const string Expected = "expected a size such as \"500GiB\" or \"1TiB\"";

    private static readonly Dictionary<string, long> UnitBytes = new(StringComparer.Ordinal)
    {
        ["B"] = 1,
        ["kB"] = 1_000, ["KB"] = 1_000, ["MB"] = 1_000_000, ["GB"] = 1_000_000_000,
        ["TB"] = 1_000_000_000_000, ["PB"] = 1_000_000_000_000_000,
        ["KiB"] = BytesPerKiB, ["MiB"] = BytesPerMiB, ["GiB"] = BytesPerGiB, ["TiB"] = BytesPerTiB, ["PiB"] = BytesPerPiB,
    };

    /// <summary>Binary units from largest to smallest, for printing.</summary>
    private static readonly (string Unit, long Bytes)[] PrintUnits =
        [("PiB", BytesPerPiB), ("TiB", BytesPerTiB), ("GiB", BytesPerGiB), ("MiB", BytesPerMiB), ("KiB", BytesPerKiB)];

    /// <summary>Every unit the parser accepts, for the scenario JSON Schema.</summary>
    internal static IEnumerable<string> UnitNames => UnitBytes.Keys;

    public static readonly ByteSize Zero = new(0);

    /// <summary>Size in gibibytes (2^30 bytes).</summary>
    public double GiB => (double)Bytes / BytesPerGiB;

    /// <summary>Size in tebibytes (2^40 bytes).</summary>
    public double TiB => (double)Bytes / BytesPerTiB;

    /// <summary>Size of <paramref name="gib"/> gibibytes, rounded to the nearest byte.</summary>
    public static ByteSize FromGiB(double gib) => FromUnits(gib, BytesPerGiB);

    /// <summary>Size of <paramref name="tib"/> tebibytes, rounded to the nearest byte.</summary>
    public static ByteSize FromTiB(double tib) => FromUnits(tib, BytesPerTiB);

    private static ByteSize FromUnits(double value, long bytesPerUnit)
    {
        double bytes = Math.Round(value * bytesPerUnit);
        if (double.IsNaN(bytes) || bytes >= long.MaxValue || bytes <= long.MinValue)
            throw new OverflowException($"size of {value.ToString(CultureInfo.InvariantCulture)} × {bytesPerUnit} bytes is out of range");
        return new ByteSize((long)bytes);
    }

    public static ByteSize operator +(ByteSize a, ByteSize b) => new(checked(a.Bytes + b.Bytes));
    public static ByteSize operator -(ByteSize a, ByteSize b) => new(checked(a.Bytes - b.Bytes));
    public static bool operator <(ByteSize a, ByteSize b) => a.Bytes < b.Bytes;
    public static bool operator >(ByteSize a, ByteSize b) => a.Bytes > b.Bytes;
    public static bool operator <=(ByteSize a, ByteSize b) => a.Bytes <= b.Bytes;
    public static bool operator >=(ByteSize a, ByteSize b) => a.Bytes >= b.Bytes;
    public int CompareTo(ByteSize other) => Bytes.CompareTo(other.Bytes);

    /// <summary>Prints in the largest binary unit that represents the value exactly ("500GiB", "1536GiB", "4096B" is "4KiB").</summary>
    public override string ToString()
    {
        if (Bytes != 0)
            foreach (var (unit, bytes) in PrintUnits)
                if (Bytes % bytes == 0)
                    return (Bytes / bytes).ToString(CultureInfo.InvariantCulture) + unit;
        return Bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }

    /// <summary>Parses "500GiB", "1TiB", "10GB", "4096B", "1.5TiB" (rounded to the nearest byte, a positive size to at least 1 B).</summary>
    /// <exception cref="FormatException">with the text and what was expected.</exception>
    public static ByteSize Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Parses a size; on failure <paramref name="error"/> is a sentence saying what was expected and found.</summary>
    public static bool TryParse(string text, out ByteSize value, out string error)
    {
        value = Zero;
        error = "";
        if (!UnitText.TrySplit(text, out string number, out string unit) || !UnitText.TryParseDecimal(number, out decimal amount))
        { error = $"{Expected}, found {UnitText.Found(text)}"; return false; }
        if (unit.Length == 0) { error = $"{Expected}, found \"{text}\" (no unit)"; return false; }
        if (!UnitBytes.TryGetValue(unit, out long bytesPerUnit))
        { error = $"{Expected}, found unknown unit \"{unit}\" in \"{text}\" (units: B, KiB, MiB, GiB, TiB, PiB, kB, MB, GB, TB, PB)"; return false; }
        if (amount < 0 || number.StartsWith('-')) { error = $"expected a non-negative size, found \"{text}\""; return false; }
        decimal bytes;
        try { bytes = decimal.Round(amount * bytesPerUnit); }
        catch (OverflowException) { bytes = decimal.MaxValue; }
        if (bytes > long.MaxValue) { error = $"size \"{text}\" is out of range (at most {long.MaxValue / BytesPerPiB}PiB)"; return false; }
        if (bytes == 0 && amount > 0) bytes = 1; // a positive size stays positive: at least a byte
        value = new ByteSize((long)bytes);
        return true;
    }
}
