namespace Simulator.Reporting;

/// <summary>
/// Writes <c>comparison.csv</c>: one row per variant and headline figure — mean, spread and 95 % CI across
/// replications, and for every variant but the first, the paired difference from the first (same seeds) with its
/// 95 % CI, next to the half-width the interval would have without pairing, the correlation between the variant and
/// the baseline across replications, and the ratio of the two half-widths: what pairing achieved.
/// </summary>
public static class ComparisonCsv
{
    public const string FileName = "comparison.csv";

    public static readonly IReadOnlyList<string> Header =
    [
        "variant", "scenario", "figure", "unit", "replications", "mean", "sd", "ci95_low", "ci95_high", "ci95_truncated", "min", "max",
        "p5", "p50", "p95", "diff_mean", "diff_sd", "diff_ci95_low", "diff_ci95_high", "diff_ci95_half_width_unpaired",
        "correlation_with_baseline", "paired_to_unpaired_ratio",
    ];

    public static void Write(string path, IReadOnlyList<ComparisonRow> rows)
    {
        using var stream = CsvText.CreateFile(path);
        using var csv = CsvText.CreateWriter(stream);
        foreach (var field in Header) csv.WriteField(field);
        csv.EndRecord();
        foreach (var row in rows)
        {
            var s = row.Values;
            csv.WriteField(row.Variant);
            csv.WriteField(row.ScenarioPath);
            csv.WriteField(row.Figure.Id);
            csv.WriteField(row.Figure.Unit);
            csv.WriteField(CsvText.Integer(s.Count));
            foreach (var x in new[] { s.Mean, s.StandardDeviation, s.Ci95Low, s.Ci95High })
                csv.WriteField(Number(x));
            csv.WriteField(CsvText.Truncated(s));
            foreach (var x in new[] { s.Min, s.Max, s.P5, s.P50, s.P95 })
                csv.WriteField(Number(x));
            var d = row.Difference;
            foreach (var x in new[] { d?.Mean, d?.StandardDeviation, d?.Ci95Low, d?.Ci95High, row.UnpairedHalfWidth, row.Correlation, row.PairedToUnpaired })
                csv.WriteField(x is { } v ? Number(v) : "");
            csv.EndRecord();
        }
        csv.Flush();
    }

    private static string Number(double value) => double.IsNaN(value) ? "" : CsvText.Number(value);
}
