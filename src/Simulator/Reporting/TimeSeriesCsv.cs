using Simulator.Metrics;

namespace Simulator.Reporting;

/// <summary>
/// Writes <c>timeseries.csv</c>: one tidy row per replication × time × scope × metric, header
/// <c>replication,time_h,time_s,scope,metric,value</c>, rows in the order given. <c>time_h</c> is rounded to
/// <see cref="CsvText.TimeDecimals"/> decimals for reading; <c>time_s</c> is the exact time of the sample (seconds of the
/// microsecond clock), the column to join or group on.
/// </summary>
public static class TimeSeriesCsv
{
    /// <summary>The header line's fields.</summary>
    public static readonly IReadOnlyList<string> Header = ["replication", "time_h", "time_s", "scope", "metric", "value"];

    /// <summary>Writes the rows as UTF-8 to <paramref name="stream"/> (flushed, left open).</summary>
    public static void Write(Stream stream, IReadOnlyList<TimeSeriesRow> rows)
    {
        using var csv = CsvText.CreateWriter(stream);
        foreach (var field in Header) csv.WriteField(field);
        csv.EndRecord();
        WriteRecords(csv, rows, []);
        csv.Flush();
    }

    /// <summary>
    /// Writes the rows without a header, each after the <paramref name="leadingFields"/> (a variant's name), exactly as
    /// they appear in a whole file: a run's rows written this way and concatenated after the header are the file.
    /// </summary>
    public static void WriteRows(Stream stream, IEnumerable<TimeSeriesRow> rows, IReadOnlyList<string> leadingFields)
    {
        using var csv = CsvText.CreateWriter(stream);
        WriteRecords(csv, rows, leadingFields);
        csv.Flush();
    }

    private static void WriteRecords(CsvHelper.CsvWriter csv, IEnumerable<TimeSeriesRow> rows, IReadOnlyList<string> leadingFields)
    {
        // Numbers are formatted into a buffer (invariant, CsvText's dialect): no string per field.
        Span<char> buffer = stackalloc char[32];
        foreach (var row in rows)
        {
            foreach (var field in leadingFields) csv.WriteField(field);
            csv.WriteField(row.Replication);
            csv.WriteField(CsvText.RoundTime(row.TimeH));
            long ticks = CsvText.TicksOf(row.TimeH);
            if (ticks % 1_000_000 == 0) csv.WriteField(ticks / 1_000_000);
            else csv.WriteField(ticks / 1_000_000m);
            csv.WriteField(row.Scope);
            csv.WriteField(row.Metric);
            csv.WriteField(CsvText.Format(row.Value, buffer));
            csv.EndRecord();
        }
    }

    /// <summary>Writes the rows to a new file at <paramref name="path"/>; fails if the file exists.</summary>
    public static void Write(string path, IReadOnlyList<TimeSeriesRow> rows)
    {
        using var stream = CsvText.CreateFile(path);
        Write(stream, rows);
    }
}
