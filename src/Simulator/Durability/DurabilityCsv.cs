using Simulator.Reporting;

namespace Simulator.Durability;

/// <summary>
/// <c>durability.csv</c>, tidy: <c>quantity,method,estimate,ci_low,ci_high,unit</c>, after key columns in a compare
/// (<c>variant</c>) or a sweep (<c>point</c> and the varied fields). Numbers in the shortest round-trip text; an
/// interval that does not exist (exact values, approximations) or a bound that is unknown is an empty field.
/// </summary>
public static class DurabilityCsv
{
    public const string FileName = "durability.csv";

    public static readonly IReadOnlyList<string> Header = ["quantity", "method", "estimate", "ci_low", "ci_high", "unit"];

    /// <summary>Writes the file: the key column names, then each block of rows after its key values.</summary>
    public static void Write(string path, IReadOnlyList<string> keyColumns, IEnumerable<(IReadOnlyList<string> Key, IReadOnlyList<DurabilityRow> Rows)> blocks)
    {
        using var stream = CsvText.CreateFile(path);
        using var csv = CsvText.CreateWriter(stream);
        CsvText.WriteHeader(csv, keyColumns, Header);
        foreach (var (key, rows) in blocks)
            foreach (var row in rows)
            {
                foreach (var k in key) csv.WriteField(k);
                csv.WriteField(row.Quantity);
                csv.WriteField(row.Method);
                csv.WriteField(Number(row.Estimate));
                csv.WriteField(Number(row.CiLow));
                csv.WriteField(Number(row.CiHigh));
                csv.WriteField(row.Unit);
                csv.EndRecord();
            }
        csv.Flush();
    }

    /// <summary>Round-trip text; NaN as an empty field; infinity as "inf".</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "" : double.IsPositiveInfinity(value) ? "inf" : CsvText.Number(value);
}
