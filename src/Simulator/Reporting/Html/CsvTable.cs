using System.Text;

namespace Simulator.Reporting.Html;

/// <summary>A CSV file of a run folder read back as text: the header and the rows (RFC 4180 quoting).</summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    private CsvTable(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Header = header;
        Rows = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++) _index.TryAdd(header[i], i);
    }

    /// <summary>The header fields.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The records after the header.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>True when the header has <paramref name="column"/>.</summary>
    public bool Has(string column) => _index.ContainsKey(column);

    /// <summary>The field of <paramref name="row"/> in <paramref name="column"/>, or "" when there is none.</summary>
    public string Get(IReadOnlyList<string> row, string column) =>
        _index.TryGetValue(column, out int i) && i < row.Count ? row[i] : "";

    /// <summary>Reads the file at <paramref name="path"/>, or returns null when it does not exist.</summary>
    public static CsvTable? ReadIfExists(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : null;

    /// <summary>Parses CSV text; an empty text is a table without header or rows.</summary>
    public static CsvTable Parse(string text)
    {
        var records = new List<IReadOnlyList<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; any = true; break;
                case ',': record.Add(field.ToString()); field.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    record.Add(field.ToString());
                    records.Add(record);
                    record = [];
                    field.Clear();
                    any = false;
                    break;
                default: field.Append(c); any = true; break;
            }
        }
        if (any || field.Length > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        return records.Count == 0 ? new CsvTable([], []) : new CsvTable(records[0], records.Skip(1).ToList());
    }
}
