using Simulator.Metrics;

namespace Simulator.Reporting;

/// <summary>
/// Writes <c>summary.csv</c>, one row per (scope, metric), with one header whatever the number of replications:
/// <c>scope,metric,unit,replications,peak,peak_time_h,final,minutes_above_1pct</c>, then for peak and final each
/// <c>_sd</c>, <c>_ci95_low</c>, <c>_ci95_high</c>, <c>_ci95_truncated</c>, <c>_min</c>, <c>_max</c>, <c>_p5</c>,
/// <c>_p50</c>, <c>_p95</c>. <c>peak</c>, <c>peak_time_h</c>, <c>final</c> and <c>minutes_above_1pct</c> are always means
/// across the replications (with one, its value). A field that does not apply is empty: the spread and interval with one
/// replication, <c>minutes_above_1pct</c> except for <c>api_error_rate_pct</c>, <c>peak_time_h</c> for the figures of
/// failure events and interruptions (not sampled over time). Last, <c>peak_time_h_p50</c>, <c>peak_time_h_min</c> and
/// <c>peak_time_h_max</c>: the median and range of the replications' peak times (the mean time of peaks that fell hours
/// apart names a moment when none of them did).
/// </summary>
public static class SummaryCsv
{
    /// <summary>The spread columns of peak and final, after their prefix (<c>peak_sd</c>).</summary>
    public static readonly IReadOnlyList<string> SpreadColumns = ["sd", "ci95_low", "ci95_high", "ci95_truncated", "min", "max", "p5", "p50", "p95"];

    /// <summary>The header after the key columns.</summary>
    public static IReadOnlyList<string> Header { get; } =
    [
        "scope", "metric", "unit", "replications", "peak", "peak_time_h", "final", "minutes_above_1pct",
        .. SpreadColumns.Select(c => "peak_" + c), .. SpreadColumns.Select(c => "final_" + c),
        "peak_time_h_p50", "peak_time_h_min", "peak_time_h_max",
    ];

    /// <summary>Writes the summaries as UTF-8 to <paramref name="stream"/> (flushed, left open).</summary>
    public static void Write(Stream stream, IReadOnlyList<MetricSummary> summaries) =>
        Write(stream, [], [([], summaries)]);

    /// <summary>
    /// Writes several groups of summaries (one per variant or sweep point) into one table: the key columns first,
    /// then the usual columns.
    /// </summary>
    /// <param name="stream">Where to write (flushed, left open).</param>
    /// <param name="keyColumns">Header fields of the key columns (<c>variant</c>, <c>point</c>).</param>
    /// <param name="groups">Each group's key values (one per key column) and summaries, in the order to write.</param>
    public static void Write(Stream stream, IReadOnlyList<string> keyColumns,
        IReadOnlyList<(IReadOnlyList<string> Keys, IReadOnlyList<MetricSummary> Summaries)> groups)
    {
        using var csv = CsvText.CreateWriter(stream);
        CsvText.WriteHeader(csv, keyColumns, Header);
        foreach (var (keys, summaries) in groups)
            foreach (var s in summaries)
            {
                foreach (var key in keys) csv.WriteField(key);
                csv.WriteField(s.Scope);
                csv.WriteField(s.Metric);
                csv.WriteField(MetricCatalog.UnitOf(s.Metric));
                csv.WriteField(CsvText.Integer(s.Replications));
                csv.WriteField(CsvText.Optional(s.Peak.Mean));
                csv.WriteField(double.IsNaN(s.PeakTimeH.Mean) ? "" : CsvText.Time(s.PeakTimeH.Mean));
                csv.WriteField(CsvText.Optional(s.Final.Mean));
                csv.WriteField(s.MinutesAbove1Pct is { Count: > 0 } minutes ? CsvText.Time(minutes.Mean) : "");
                foreach (var stats in new[] { s.Peak, s.Final }) WriteSpread(csv, stats);
                foreach (double time in new[] { s.PeakTimeH.P50, s.PeakTimeH.Min, s.PeakTimeH.Max })
                    csv.WriteField(double.IsNaN(time) ? "" : CsvText.Time(time));
                csv.EndRecord();
            }
        csv.Flush();
    }

    /// <summary>The nine spread fields of one figure, in the order of <see cref="SpreadColumns"/>.</summary>
    internal static void WriteSpread(CsvHelper.CsvWriter csv, SummaryStatistics stats)
    {
        csv.WriteField(CsvText.Optional(stats.StandardDeviation));
        csv.WriteField(CsvText.Optional(stats.Ci95Low));
        csv.WriteField(CsvText.Optional(stats.Ci95High));
        csv.WriteField(CsvText.Truncated(stats));
        csv.WriteField(CsvText.Optional(stats.Min));
        csv.WriteField(CsvText.Optional(stats.Max));
        csv.WriteField(CsvText.Optional(stats.P5));
        csv.WriteField(CsvText.Optional(stats.P50));
        csv.WriteField(CsvText.Optional(stats.P95));
    }

    /// <summary>Writes the summaries to a new file at <paramref name="path"/>; fails if the file exists.</summary>
    public static void Write(string path, IReadOnlyList<MetricSummary> summaries)
    {
        using var stream = CsvText.CreateFile(path);
        Write(stream, summaries);
    }
}
