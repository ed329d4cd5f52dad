using System.Globalization;

namespace Simulator.Reporting;

/// <summary>
/// Writes <c>events.csv</c>: the faults and operator actions of each replication, one row per instant they mark (a
/// fault's later steps — a rollback, a repair, power coming back — are rows of their own), in time order, after the
/// key columns (<c>variant</c> or <c>point</c>). The same instants the plots draw as numbered vertical lines; rows after
/// the horizon (scheduled, never reached) are kept with <c>within_horizon</c> false and are not drawn.
/// </summary>
public static class EventsCsv
{
    public const string FileName = "events.csv";

    /// <summary>The header's fields after the key columns.</summary>
    public static readonly IReadOnlyList<string> Header =
        ["replication", "time_h", "clock", "category", "kind", "label", "parameters", "within_horizon"];

    /// <summary>Writes the header and every unit's rows, in unit order, to a new file at <paramref name="path"/>.</summary>
    /// <param name="path">The file to create (it must not exist).</param>
    /// <param name="keyColumns">Header fields of the key columns (<c>variant</c>, <c>point</c>).</param>
    /// <param name="units">Each unit's key values and its metadata (replication, time 0, horizon, markers).</param>
    public static void Write(string path, IReadOnlyList<string> keyColumns, IEnumerable<(IReadOnlyList<string> Keys, UnitMeta Meta)> units)
    {
        using var stream = CsvText.CreateFile(path);
        using var csv = CsvText.CreateWriter(stream);
        CsvText.WriteHeader(csv, keyColumns, Header);
        foreach (var (keys, meta) in units)
            foreach (var marker in meta.Markers.OrderBy(m => m.TimeH))
            {
                foreach (var key in keys) csv.WriteField(key);
                csv.WriteField(CsvText.Integer(meta.Replication));
                csv.WriteField(CsvText.Time(marker.TimeH));
                csv.WriteField(meta.Start is { } start ? Clock(start, marker.TimeH) : "");
                csv.WriteField(marker.Category);
                csv.WriteField(marker.Kind);
                csv.WriteField(marker.Label);
                csv.WriteField(marker.Parameters);
                csv.WriteField(marker.TimeH <= meta.HorizonH + 1e-9 ? "true" : "false");
                csv.EndRecord();
            }
        csv.Flush();
    }

    /// <summary>The clock time of <paramref name="hours"/> after time 0, to the second, with its offset: <c>2011-04-21T08:20:00-07:00</c>.</summary>
    public static string Clock(DateTimeOffset start, double hours) =>
        start.AddSeconds(Math.Round(hours * 3600, MidpointRounding.AwayFromZero)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
