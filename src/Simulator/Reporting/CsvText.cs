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

    /// <summary>Decimals kept for times in hours: 6 decimals is 3.6 ms, well below any sample interval.</summary>
    public const int TimeDecimals = 6;

    /// <summary>A writer of UTF-8 to <paramref name="stream"/>, which stays open.</summary>
    public static CsvWriter CreateWriter(Stream stream) => CsvWriter.Create(stream, Options, leaveOpen: true);

    /// <summary>A new file; fails if one exists, so nothing is ever overwritten.</summary>
    public static FileStream CreateFile(string path) =>
        new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);

    /// <summary>Shortest round-trip text of a double, invariant ("0.1", "1E-07", "NaN").</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A time in hours rounded to <see cref="TimeDecimals"/> decimals, then printed round-trip.</summary>
    public static string Hours(double hours) => Number(RoundHours(hours));

    /// <summary>A time in hours rounded to <see cref="TimeDecimals"/> decimals.</summary>
    public static double RoundHours(double hours) => Math.Round(hours, TimeDecimals, MidpointRounding.AwayFromZero);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
