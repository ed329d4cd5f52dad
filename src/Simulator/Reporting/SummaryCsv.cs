namespace Simulator.Reporting;

/// <summary>
/// Writes <c>summary.csv</c>, one row per (metric, scope). With one replication the layout is
/// <c>metric,scope,peak,peak_time_h,final,minutes_above_1pct</c>; with several, <c>replications</c> follows the scope,
/// those four figures become means across replications, and peak and final each gain <c>_sd</c>, <c>_ci95_low</c>,
/// <c>_ci95_high</c>, <c>_min</c>, <c>_max</c>, <c>_p5</c>, <c>_p50</c>, <c>_p95</c> columns, and the peak's time gains
/// <c>peak_time_h_p50</c>, <c>peak_time_h_min</c>, <c>peak_time_h_max</c> (the mean time of peaks that fell hours apart
/// names a moment when none of them did).
/// <c>minutes_above_1pct</c> is blank except for <c>api_error_rate_pct</c>.
/// </summary>
public static class SummaryCsv
{
    private static readonly string[] SpreadColumns = ["sd", "ci95_low", "ci95_high", "min", "max", "p5", "p50", "p95"];

    /// <summary>Writes the summaries as UTF-8 to <paramref name="stream"/> (flushed, left open).</summary>
    public static void Write(Stream stream, IReadOnlyList<MetricSummary> summaries) =>
        Write(stream, [], [([], summaries)]);

    /// <summary>
    /// Writes several groups of summaries (one per variant or sweep point) into one table: the key columns first,
    /// then the usual columns. The layout for several replications is used when any group has several.
    /// </summary>
    /// <param name="stream">Where to write (flushed, left open).</param>
    /// <param name="keyColumns">Header fields of the key columns (<c>variant</c>, <c>point</c>).</param>
    /// <param name="groups">Each group's key values (one per key column) and summaries, in the order to write.</param>
    public static void Write(Stream stream, IReadOnlyList<string> keyColumns,
        IReadOnlyList<(IReadOnlyList<string> Keys, IReadOnlyList<MetricSummary> Summaries)> groups)
    {
        bool several = groups.Any(g => g.Summaries.Any(s => s.Replications > 1));
        using var csv = CsvText.CreateWriter(stream);
        foreach (var field in keyColumns.Concat(Header(several))) csv.WriteField(field);
        csv.EndRecord();
        foreach (var (keys, summaries) in groups)
            foreach (var s in summaries)
            {
                foreach (var key in keys) csv.WriteField(key);
                csv.WriteField(s.Metric);
                csv.WriteField(s.Scope);
                if (several) csv.WriteField(CsvText.Integer(s.Replications));
                csv.WriteField(Number(s.Peak.Mean));
                csv.WriteField(double.IsNaN(s.PeakTimeH.Mean) ? "" : CsvText.Time(s.PeakTimeH.Mean));
                csv.WriteField(Number(s.Final.Mean));
                csv.WriteField(s.MinutesAbove1Pct is { Count: > 0 } minutes ? CsvText.Time(minutes.Mean) : "");
                if (several)
                {
                    foreach (var stats in new[] { s.Peak, s.Final })
                    {
                        csv.WriteField(Number(stats.StandardDeviation));
                        csv.WriteField(Number(stats.Ci95Low));
                        csv.WriteField(Number(stats.Ci95High));
                        csv.WriteField(Number(stats.Min));
                        csv.WriteField(Number(stats.Max));
                        csv.WriteField(Number(stats.P5));
                        csv.WriteField(Number(stats.P50));
                        csv.WriteField(Number(stats.P95));
                    }
                    foreach (double time in new[] { s.PeakTimeH.P50, s.PeakTimeH.Min, s.PeakTimeH.Max })
                        csv.WriteField(double.IsNaN(time) ? "" : CsvText.Time(time));
                }
                csv.EndRecord();
            }
        csv.Flush();
    }

    /// <summary>Writes the summaries to a new file at <paramref name="path"/>; fails if the file exists.</summary>
    public static void Write(string path, IReadOnlyList<MetricSummary> summaries)
    {
        using var stream = CsvText.CreateFile(path);
        Write(stream, summaries);
    }

    /// <summary>The header fields for one replication or several.</summary>
    public static IReadOnlyList<string> Header(bool severalReplications)
    {
        var fields = new List<string> { "metric", "scope" };
        if (severalReplications) fields.Add("replications");
        fields.AddRange(["peak", "peak_time_h", "final", "minutes_above_1pct"]);
        if (severalReplications)
            foreach (var figure in new[] { "peak", "final" })
                fields.AddRange(SpreadColumns.Select(c => $"{figure}_{c}"));
        if (severalReplications) fields.AddRange(["peak_time_h_p50", "peak_time_h_min", "peak_time_h_max"]);
        return fields;
    }

    /// <summary>NaN (no value) is written as an empty field, which every CSV reader takes as missing.</summary>
    private static string Number(double value) => double.IsNaN(value) ? "" : CsvText.Number(value);
}
