using System.Globalization;
using System.Text;
using CsvHelper;

namespace Simulator.Reporting;

/// <summary>
/// The one CSV dialect of the project: RFC 4180 quoting, invariant culture, UTF-8 without BOM, LF line ends,
/// numbers in the shortest text that round-trips after rounding to 12 significant digits (so the float dust of sums and
/// of rates over intervals, <c>456.00000000000006</c>, <c>25.508000000000003</c>, <c>51.2120000000001</c>, prints as
/// <c>456</c>, <c>25.508</c>, <c>51.212</c>; a double holds about 16, and the model's sums lose up to 3 or 4).
/// Nothing here follows the machine's locale.
/// </summary>
internal static class CsvText
{
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static readonly CsvWriterOptions Options = new()
    {
        NewLine = "\n",
        Separator = ',',
        FormatProvider = CultureInfo.InvariantCulture,
        WriteByteOrderMark = false,
    };

    /// <summary>Decimals kept for times and durations (hours, minutes): far below any sample interval, and free of sums' float dust.</summary>
    public const int TimeDecimals = 6;

    /// <summary>A writer of UTF-8 to <paramref name="stream"/>, which stays open.</summary>
    public static CsvWriter CreateWriter(Stream stream) => CsvWriter.Create(stream, Options, leaveOpen: true);

    /// <summary>Writes a header line: the key columns (<c>variant</c>, <c>point</c>), then the file's own fields.</summary>
    public static void WriteHeader(CsvWriter csv, IEnumerable<string> keyColumns, IEnumerable<string> header)
    {
        foreach (var field in keyColumns.Concat(header)) csv.WriteField(field);
        csv.EndRecord();
    }

    /// <summary>Writes a header line alone to <paramref name="stream"/> (flushed, left open): a file whose rows the units append.</summary>
    public static void WriteHeader(Stream stream, IEnumerable<string> keyColumns, IEnumerable<string> header)
    {
        using var csv = CreateWriter(stream);
        WriteHeader(csv, keyColumns, header);
        csv.Flush();
    }

    /// <summary>A new file; fails if one exists, so nothing is ever overwritten.</summary>
    public static FileStream CreateFile(string path) =>
        new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);

    /// <summary>Shortest round-trip text of a double, not rounded: for the unit files, read back bit for bit.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><see cref="Number"/>, or an empty field (a value that does not apply: NA) for NaN.</summary>
    public static string Optional(double value) => double.IsNaN(value) ? "" : Number(value);

    /// <summary>The <c>ci95_truncated</c> field of <paramref name="stats"/>: empty without an interval, else true or false.</summary>
    public static string Truncated(SummaryStatistics stats) => double.IsNaN(stats.Ci95Low) ? "" : stats.Ci95Truncated ? "true" : "false";

    /// <summary>Significant digits a number is written with: the float dust of the 16th and 17th goes.</summary>
    public const int SignificantDigits = 12;

    /// <summary>
    /// Shortest round-trip text of the double nearest to <paramref name="value"/> at <see cref="SignificantDigits"/>
    /// significant digits, invariant ("0.1", "1E-07", "NaN"); whole numbers below 2^53 exactly as they are.
    /// </summary>
    public static string Number(double value)
    {
        Span<char> buffer = stackalloc char[32];
        return new string(Format(value, buffer));
    }

    /// <summary>
    /// <see cref="Number"/> into <paramref name="buffer"/> (32 chars), without allocating: the round-trip text when it has at
    /// most <see cref="SignificantDigits"/> significant digits, else the round-trip text of the double nearest to the value's
    /// <see cref="SignificantDigits"/>-digit text; NaN as an empty field.
    /// </summary>
    public static ReadOnlySpan<char> Format(double value, Span<char> buffer)
    {
        if (double.IsNaN(value)) return [];
        if (!value.TryFormat(buffer, out int n, "R", CultureInfo.InvariantCulture)) return value.ToString("R", CultureInfo.InvariantCulture);
        if (SignificantDigitsOf(buffer[..n]) <= SignificantDigits
            || (Math.Abs(value) < 9007199254740992.0 && value == Math.Floor(value))) return buffer[..n];
        Clean(value).TryFormat(buffer, out n, "R", CultureInfo.InvariantCulture);
        return buffer[..n];
    }

    private static int SignificantDigitsOf(ReadOnlySpan<char> text)
    {
        int digits = 0;
        bool started = false;
        foreach (char c in text)
        {
            if (c is 'E' or 'e') break;
            if (c is < '0' or > '9') continue;
            if (c != '0') started = true;
            if (started) digits++;
        }
        return digits;
    }

    /// <summary><paramref name="value"/> rounded to <see cref="SignificantDigits"/> significant digits (whole numbers below 2^53 unchanged).</summary>
    public static double Clean(double value)
    {
        if (!double.IsFinite(value) || (Math.Abs(value) < 9007199254740992.0 && value == Math.Floor(value))) return value;
        Span<char> text = stackalloc char[32];
        return value.TryFormat(text, out int n, "G12", CultureInfo.InvariantCulture)
            ? double.Parse(text[..n], NumberStyles.Float, CultureInfo.InvariantCulture)
            : value;
    }

    /// <summary>
    /// Seconds as an exact decimal of the simulation's microsecond clock, from hours that are ticks ÷ 3.6·10^9 (what
    /// <c>TotalHours</c> gives): "60", "372.5", "0.000001".
    /// </summary>
    public static string Seconds(double hours) => SecondsOf(hours).ToString(CultureInfo.InvariantCulture);

    /// <summary>The exact seconds of <see cref="Seconds"/> as a decimal.</summary>
    public static decimal SecondsOf(double hours) => TicksOf(hours) / 1_000_000m;

    /// <summary>Ticks of the microsecond clock of hours that are ticks ÷ 3.6·10^9.</summary>
    public static long TicksOf(double hours) => (long)Math.Round(hours * 3_600_000_000.0, MidpointRounding.AwayFromZero);

    /// <summary>A time or duration rounded to <see cref="TimeDecimals"/> decimals, then printed round-trip.</summary>
    public static string Time(double value) => Number(RoundTime(value));

    /// <summary>A time or duration rounded to <see cref="TimeDecimals"/> decimals.</summary>
    public static double RoundTime(double value) => Math.Round(value, TimeDecimals, MidpointRounding.AwayFromZero);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
