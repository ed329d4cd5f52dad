namespace Simulator.Reporting;

/// <summary>Writes <c>figures.csv</c>: the headline figures of every replication, one column per figure, after the key columns.</summary>
public static class FiguresCsv
{
    public const string FileName = "figures.csv";

    /// <param name="path">New file.</param>
    /// <param name="keyColumns">Header of the key columns (<c>variant</c>; <c>point</c> and the parameters).</param>
    /// <param name="rows">Key values, replication and the figures (in the order of <see cref="ExperimentFigures.All"/>).</param>
    public static void Write(string path, IReadOnlyList<string> keyColumns, IEnumerable<(IReadOnlyList<string> Keys, int Replication, double[] Figures)> rows)
    {
        using var stream = CsvText.CreateFile(path);
        using var csv = CsvText.CreateWriter(stream);
        foreach (var field in keyColumns.Append("replication").Concat(ExperimentFigures.All.Select(f => f.Id))) csv.WriteField(field);
        csv.EndRecord();
        foreach (var (keys, replication, figures) in rows)
        {
            foreach (var key in keys) csv.WriteField(key);
            csv.WriteField(CsvText.Integer(replication));
            foreach (var value in figures) csv.WriteField(double.IsNaN(value) ? "" : CsvText.Number(value));
            csv.EndRecord();
        }
        csv.Flush();
    }
}
