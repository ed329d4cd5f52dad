namespace Simulator.Reporting;

/// <summary>
/// Writes <c>replications.csv</c>: the figures of every (replication, metric, scope) — what <c>summary.csv</c>
/// aggregates — after the key columns (<c>variant</c> or <c>point</c>): for a researcher's own statistics.
/// </summary>
public static class ReplicationsCsv
{
    public const string FileName = "replications.csv";

    /// <summary>The header after the key columns.</summary>
    public static readonly IReadOnlyList<string> Header = ["replication", "scope", "metric", "unit", "peak", "peak_time_h", "final", "minutes_above_1pct"];

    public static void Write(string path, IReadOnlyList<string> keyColumns,
        IReadOnlyList<(IReadOnlyList<string> Keys, IReadOnlyList<ReplicationSummary> Rows)> groups)
    {
        using var stream = CsvText.CreateFile(path);
        using var csv = CsvText.CreateWriter(stream);
        foreach (var field in keyColumns.Concat(Header))
            csv.WriteField(field);
        csv.EndRecord();
        foreach (var (keys, rows) in groups)
            foreach (var r in rows)
            {
                foreach (var key in keys) csv.WriteField(key);
                csv.WriteField(CsvText.Integer(r.Replication));
                csv.WriteField(r.Scope);
                csv.WriteField(r.Metric);
                csv.WriteField(Metrics.MetricCatalog.UnitOf(r.Metric));
                csv.WriteField(Number(r.Peak));
                csv.WriteField(double.IsNaN(r.PeakTimeH) ? "" : CsvText.Time(r.PeakTimeH));
                csv.WriteField(Number(r.Final));
                csv.WriteField(r.MinutesAbove1Pct is { } m && !double.IsNaN(m) ? CsvText.Time(m) : "");
                csv.EndRecord();
            }
        csv.Flush();
    }

    private static string Number(double value) => double.IsNaN(value) ? "" : CsvText.Number(value);
}
