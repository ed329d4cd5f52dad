using System.Globalization;
using System.Text;
using CsvHelper;

namespace Simulator.Reporting;

/// <summary>
/// The one CSV dialect of the project: RFC 4180 quoting, invariant culture, UTF-8 without BOM, LF line ends,
/// numbers in the shortest text that round-trips. Nothing here follows the machine's locale.
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

    /// <summary>A new file; fails if one exists, so nothing is ever overwritten.</summary>
    public static FileStream CreateFile(string path) =>
        new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);

    /// <summary>Shortest round-trip text of a double, invariant ("0.1", "1E-07", "NaN").</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A time or duration rounded to <see cref="TimeDecimals"/> decimals, then printed round-trip.</summary>
    public static string Time(double value) => Number(RoundTime(value));

    /// <summary>A time or duration rounded to <see cref="TimeDecimals"/> decimals.</summary>
    public static double RoundTime(double value) => Math.Round(value, TimeDecimals, MidpointRounding.AwayFromZero);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
