using System.Globalization;
using Simulator.Engine;
using Simulator.Storage;

namespace Simulator.Reporting;

/// <summary>
/// Writes <c>failures.csv</c>: one row per failure event of each replication (<see cref="FailureRecord"/>), after the
/// key columns (<c>variant</c> or <c>point</c>), replication after replication. Durations are written in seconds as exact
/// decimals of the simulation's microsecond ticks (<c>372.5</c>, never <c>372.49999999</c>); a duration that does not
/// exist — still short at the horizon, or nothing got its replicas back — is an empty field.
/// </summary>
public static class FailuresCsv
{
    public const string FileName = "failures.csv";

    /// <summary>The header's fields after the key columns.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "replication", "event", "time_h", "zone", "cluster", "kind", "source", "nodes", "volumes_made_short", "volumes_unavailable",
        "volumes_replicated", "volumes_lost", "volumes_consistency_unknown", "volumes_restored_by_hand", "volumes_short_at_horizon",
        "outcome", "time_to_full_replication_s", "settled_after_s",
    ];

    /// <summary>Writes the header line, the key columns first, to <paramref name="stream"/> (flushed, left open).</summary>
    public static void WriteHeader(Stream stream, IReadOnlyList<string> keyColumns) =>
        CsvText.WriteHeader(stream, keyColumns, Header);

    /// <summary>
    /// Writes one replication's rows without a header, each after the <paramref name="leadingFields"/> (a variant's name,
    /// a point's id), exactly as in a whole file: the header and the replications' rows concatenated are the file.
    /// </summary>
    public static void WriteRows(Stream stream, int replication, IEnumerable<FailureRecord> failures, IReadOnlyList<string> leadingFields)
    {
        using var csv = CsvText.CreateWriter(stream);
        foreach (var f in failures)
        {
            foreach (var field in leadingFields) csv.WriteField(field);
            csv.WriteField(CsvText.Integer(replication));
            csv.WriteField(CsvText.Integer(f.Event));
            csv.WriteField(CsvText.Time(f.At.TotalHours));
            csv.WriteField(f.Zone);
            csv.WriteField(f.Cluster);
            csv.WriteField(Scenarios.SnakeCase.From(f.Kind.ToString()));
            csv.WriteField(f.Source);
            csv.WriteField(CsvText.Integer(f.Nodes));
            csv.WriteField(CsvText.Integer(f.VolumesMadeShort));
            csv.WriteField(CsvText.Integer(f.VolumesUnavailable));
            csv.WriteField(CsvText.Integer(f.VolumesReplicated));
            csv.WriteField(CsvText.Integer(f.VolumesLost));
            csv.WriteField(CsvText.Integer(f.VolumesConsistencyUnknown));
            csv.WriteField(CsvText.Integer(f.VolumesRestoredByHand));
            csv.WriteField(CsvText.Integer(f.VolumesShortAtHorizon));
            csv.WriteField(Scenarios.SnakeCase.From(f.Outcome.ToString()));
            csv.WriteField(f.TimeToFullReplication is { } full ? Seconds(full) : "");
            csv.WriteField(f.SettledAfter is { } settled ? Seconds(settled) : "");
            csv.EndRecord();
        }
        csv.Flush();
    }

    /// <summary>Writes a whole file of one replication's events to a new file at <paramref name="path"/>; fails if the file exists.</summary>
    public static void Write(string path, int replication, IReadOnlyList<FailureRecord> failures)
    {
        using var stream = CsvText.CreateFile(path);
        WriteHeader(stream, []);
        WriteRows(stream, replication, failures, []);
    }

    /// <summary>A duration in seconds, exactly: whole seconds, then the microseconds without trailing zeros (<c>0</c>, <c>12.05</c>, <c>-3.000001</c>).</summary>
    public static string Seconds(Duration d)
    {
        long ticks = d.Ticks;
        string sign = ticks < 0 ? "-" : "";
        ulong magnitude = ticks < 0 ? (ulong)-(ticks + 1) + 1 : (ulong)ticks;
        ulong whole = magnitude / Duration.TicksPerSecond, micros = magnitude % Duration.TicksPerSecond;
        string text = sign + whole.ToString(CultureInfo.InvariantCulture);
        return micros == 0 ? text : text + "." + micros.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
    }
}
