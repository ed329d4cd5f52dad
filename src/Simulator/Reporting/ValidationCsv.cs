using System.Globalization;
using Simulator.Experiments;

namespace Simulator.Reporting;

/// <summary>
/// <c>validation.csv</c>, one row per figure of the scenario's <c>validation:</c>: the published value and how it is
/// checked, the mean across replications with its 95 % Student-t interval, standard deviation, min and max, how many
/// replications pass alone, whether the mean passes, then the figure's value in every replication
/// (<c>replication_0</c> … <c>replication_N−1</c>). Also the per-unit form of the same rows (one replication, no
/// statistics), which the final file is made from.
/// </summary>
public static class ValidationCsv
{
    public const string FileName = "validation.csv";

    /// <summary>Header of a unit's rows: a figure as <see cref="ScenarioRunner.Evaluate"/> read it off one replication.</summary>
    public static readonly IReadOnlyList<string> UnitHeader =
        ["figure", "source", "when", "at_h", "expected", "comparison", "tolerance", "simulated"];

    private static readonly IReadOnlyList<string> SummaryHeader =
    [
        "figure", "source", "when", "expected", "comparison", "tolerance", "replications", "mean", "sd", "ci95_low", "ci95_high",
        "ci95_truncated", "min", "max", "replications_ok", "ok",
    ];

    /// <summary>Writes the final file (a new one).</summary>
    public static void Write(string path, IReadOnlyList<ValidationSummary> figures)
    {
        int n = figures.Count == 0 ? 0 : figures.Max(f => f.Values.Count);
        using var stream = CsvText.CreateFile(path);
        using var csv = CsvText.CreateWriter(stream);
        foreach (var field in SummaryHeader.Concat(Enumerable.Range(0, n).Select(r => "replication_" + CsvText.Integer(r))))
            csv.WriteField(field);
        csv.EndRecord();
        foreach (var f in figures)
        {
            var row = f.Mean;
            var s = f.Statistics;
            csv.WriteField(row.Figure);
            csv.WriteField(row.Source);
            csv.WriteField(row.When);
            csv.WriteField(Number(row.Expected));
            csv.WriteField(Comparison(row.Comparison));
            csv.WriteField(Number(row.Tolerance));
            csv.WriteField(CsvText.Integer(f.Values.Count));
            foreach (var value in new[] { s.Mean, s.StandardDeviation, s.Ci95Low, s.Ci95High }) csv.WriteField(Number(value));
            csv.WriteField(CsvText.Truncated(s));
            foreach (var value in new[] { s.Min, s.Max }) csv.WriteField(Number(value));
            csv.WriteField(CsvText.Integer(f.ReplicationsOk));
            csv.WriteField(f.Ok ? "true" : "false");
            for (int r = 0; r < n; r++) csv.WriteField(r < f.Values.Count ? Number(f.Values[r]) : "");
            csv.EndRecord();
        }
        csv.Flush();
    }

    /// <summary>Writes one replication's rows in the unit form.</summary>
    public static void WriteUnit(Stream stream, IReadOnlyList<ValidationRow> rows)
    {
        using var csv = CsvText.CreateWriter(stream);
        foreach (var field in UnitHeader) csv.WriteField(field);
        csv.EndRecord();
        foreach (var row in rows)
        {
            csv.WriteField(row.Figure);
            csv.WriteField(row.Source);
            csv.WriteField(row.When);
            csv.WriteField(row.AtHours is { } at ? Exact(at) : "");
            csv.WriteField(Exact(row.Expected));
            csv.WriteField(Comparison(row.Comparison));
            csv.WriteField(Exact(row.Tolerance));
            csv.WriteField(Exact(row.Simulated));
            csv.EndRecord();
        }
        csv.Flush();
    }

    /// <summary>Reads back the rows <see cref="WriteUnit"/> wrote: the same values, bit for bit.</summary>
    public static IReadOnlyList<ValidationRow> ReadUnit(string path)
    {
        var rows = new List<ValidationRow>();
        using var reader = CsvHelper.CsvReader.Create(File.OpenRead(path), new CsvHelper.CsvReaderOptions
        {
            HasHeader = true,
            Separator = ',',
            FormatProvider = CultureInfo.InvariantCulture,
        }, leaveOpen: false);
        while (reader.Read())
        {
            string at = reader.GetString(3);
            rows.Add(new ValidationRow(reader.GetString(0), reader.GetString(1), at.Length == 0 ? null : Parse(at),
                Parse(reader.GetString(4)), Parse(reader.GetString(7)), Parse(reader.GetString(6)), ParseComparison(reader.GetString(5)))
            {
                When = reader.GetString(2),
            });
        }
        return rows;
    }

    /// <summary>"within", "at_least", "at_most": the scenario file's words.</summary>
    public static string Comparison(ValidationComparison comparison) => comparison switch
    {
        ValidationComparison.AtLeast => "at_least",
        ValidationComparison.AtMost => "at_most",
        _ => "within",
    };

    private static ValidationComparison ParseComparison(string text) => text switch
    {
        "at_least" => ValidationComparison.AtLeast,
        "at_most" => ValidationComparison.AtMost,
        "within" => ValidationComparison.Within,
        _ => throw new FormatException($"unknown comparison \"{text}\" in a unit's validation rows"),
    };

    private static string Number(double value) => double.IsNaN(value) ? "" : CsvText.Number(value);

    private static string Exact(double value) => double.IsNaN(value) ? "" : CsvText.Exact(value);

    private static double Parse(string text) =>
        text.Length == 0 ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
