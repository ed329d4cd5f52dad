using Simulator.Storage;

namespace Simulator.Reporting;

/// <summary>
/// Writes <c>volumes.csv</c> (<c>--volumes</c>): every volume that is not healthy at each snapshot time (<c>--volumes-at</c>)
/// and at the horizon, one row each (<see cref="VolumeRecord"/>), after the key columns (<c>variant</c> or <c>point</c>),
/// replication after replication. Lists of replicas are separated by <c>;</c>, the serving replica first.
/// </summary>
public static class VolumesCsv
{
    public const string FileName = "volumes.csv";

    /// <summary>The header's fields after the key columns.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "replication", "time_h", "zone", "cluster", "volume", "size_mib", "state", "cause", "recoverable", "since_h", "replicas",
        "replicas_wanted", "replica_nodes", "replica_node_states", "replica_racks", "replica_zones", "target_node", "failed_attempts",
        "failure_event",
    ];

    /// <summary>Writes the header line, the key columns first (flushed, left open).</summary>
    public static void WriteHeader(Stream stream, IReadOnlyList<string> keyColumns) =>
        CsvText.WriteHeader(stream, keyColumns, Header);

    /// <summary>Writes one replication's rows without a header, each after <paramref name="leadingFields"/>: the header and the replications' rows concatenated are the file.</summary>
    public static void WriteRows(Stream stream, int replication, IEnumerable<VolumeRecord> volumes, IReadOnlyList<string> leadingFields)
    {
        using var csv = CsvText.CreateWriter(stream);
        foreach (var r in volumes)
        {
            foreach (var field in leadingFields) csv.WriteField(field);
            csv.WriteField(CsvText.Integer(replication));
            csv.WriteField(CsvText.Time(r.At.TotalHours));
            csv.WriteField(r.Zone);
            csv.WriteField(r.Cluster);
            csv.WriteField(CsvText.Integer(r.Volume));
            csv.WriteField(CsvText.Integer(r.SizeMiB));
            csv.WriteField(Scenarios.SnakeCase.From(r.State.ToString()));
            csv.WriteField(r.Cause);
            csv.WriteField(r.Recoverable is { } yes ? (yes ? "true" : "false") : "");
            csv.WriteField(CsvText.Time(r.Since.TotalHours));
            csv.WriteField(CsvText.Integer(r.Replicas));
            csv.WriteField(CsvText.Integer(r.ReplicasWanted));
            csv.WriteField(string.Join(';', r.ReplicaNodes.Select(n => CsvText.Integer(n))));
            csv.WriteField(string.Join(';', r.ReplicaNodeStates));
            csv.WriteField(string.Join(';', r.ReplicaRacks.Select(n => CsvText.Integer(n))));
            csv.WriteField(string.Join(';', r.ReplicaZones));
            csv.WriteField(r.TargetNode >= 0 ? CsvText.Integer(r.TargetNode) : "");
            csv.WriteField(CsvText.Integer(r.FailedAttempts));
            csv.WriteField(r.FailureEvent >= 0 ? CsvText.Integer(r.FailureEvent) : "");
            csv.EndRecord();
        }
        csv.Flush();
    }
}
