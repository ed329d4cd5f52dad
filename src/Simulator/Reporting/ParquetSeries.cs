using Parquet;
using Parquet.Schema;
using Simulator.Metrics;

namespace Simulator.Reporting;

/// <summary>
/// The time series as Parquet (<c>timeseries.parquet</c>), written with Parquet.Net: the columns of
/// <see cref="TimeSeriesCsv"/> with their types, <c>replication</c> int32, <c>time_h</c> double (not rounded), <c>time_s</c> double (the exact
/// seconds of the microsecond clock), <c>scope</c> string,
/// <c>metric</c> string, <c>value</c> double (rounded to 12 significant digits like the CSV's; none nullable; a missing value is NaN), after optional string key columns
/// (<c>variant</c> of a comparison, <c>point</c> of a sweep). One row group per group of rows handed to
/// <see cref="Writer.Append"/> (a unit), Snappy-compressed; the bytes depend on the rows alone.
/// </summary>
public static class ParquetSeries
{
    public const string FileName = "timeseries.parquet";

    /// <summary>The rows of one file: the key columns' values of each row (empty without key columns) and the row.</summary>
    public sealed record Table(IReadOnlyList<string> KeyColumns, IReadOnlyList<IReadOnlyList<string>> Keys, IReadOnlyList<TimeSeriesRow> Rows);

    /// <summary>Writes <paramref name="rows"/> as one row group to a new file at <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<TimeSeriesRow> rows)
    {
        using var writer = new Writer(path, []);
        writer.Append([], rows);
    }

    /// <summary>Reads every row of a file written by <see cref="Writer"/>, in file order.</summary>
    /// <exception cref="InvalidDataException">when the file lacks a column of the time series.</exception>
    public static Table Read(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            return Read(path, reader);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static Table Read(string path, ParquetReader reader)
    {
        var fields = reader.Schema.GetDataFields();
        DataField Field(string name) => fields.FirstOrDefault(f => f.Name == name)
            ?? throw new InvalidDataException($"{path} has no column {name}");
        var keyNames = fields.Select(f => f.Name).TakeWhile(n => n != TimeSeriesCsv.Header[0]).ToList();
        var keys = new List<IReadOnlyList<string>>();
        var rows = new List<TimeSeriesRow>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            var keyValues = keyNames.Select(k => ReadStrings(group, Field(k), n)).ToList();
            var replication = new int[n];
            var time = new double[n];
            var value = new double[n];
            group.ReadAsync<int>(Field(TimeSeriesCsv.Header[0]), replication).AsTask().GetAwaiter().GetResult();
            group.ReadAsync<double>(Field(TimeSeriesCsv.Header[1]), time).AsTask().GetAwaiter().GetResult();
            string[] scope = ReadStrings(group, Field(TimeSeriesCsv.Header[3]), n);
            string[] metric = ReadStrings(group, Field(TimeSeriesCsv.Header[4]), n);
            group.ReadAsync<double>(Field(TimeSeriesCsv.Header[5]), value).AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < n; i++)
            {
                keys.Add([.. keyValues.Select(k => k[i])]);
                rows.Add(new TimeSeriesRow(replication[i], time[i], scope[i], metric[i], value[i]));
            }
        }
        return new Table(keyNames, keys, rows);
    }

    private static string[] ReadStrings(ParquetRowGroupReader group, DataField field, int n)
    {
        var values = new string?[n];
        group.ReadAsync(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
        return [.. values.Select(v => v ?? "")];
    }

    /// <summary>A file being written, one row group per <see cref="Append"/>; complete when disposed.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly FileStream _stream;
        private readonly ParquetWriter _writer;
        private readonly DataField<string>[] _keyFields;
        private readonly DataField<int> _replication = new(TimeSeriesCsv.Header[0], false);
        private readonly DataField<double> _time = new(TimeSeriesCsv.Header[1], false);
        private readonly DataField<double> _seconds = new(TimeSeriesCsv.Header[2], false);
        private readonly DataField<string> _scope = new(TimeSeriesCsv.Header[3], false);
        private readonly DataField<string> _metric = new(TimeSeriesCsv.Header[4], false);
        private readonly DataField<double> _value = new(TimeSeriesCsv.Header[5], false);

        /// <summary>Creates the file (which must not exist) with <paramref name="keyColumns"/> before the series columns.</summary>
        public Writer(string path, IReadOnlyList<string> keyColumns)
        {
            _keyFields = [.. keyColumns.Select(k => new DataField<string>(k, false))];
            var schema = new ParquetSchema([.. _keyFields, _replication, _time, _seconds, _scope, _metric, _value]);
            _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
            try
            {
                _writer = ParquetWriter.CreateAsync(schema, _stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy })
                    .GetAwaiter().GetResult();
            }
            catch
            {
                _stream.Dispose();
                throw;
            }
        }

        /// <summary>Writes <paramref name="rows"/> as one row group, each with the key values <paramref name="keys"/>.</summary>
        public void Append(IReadOnlyList<string> keys, IReadOnlyList<TimeSeriesRow> rows)
        {
            if (keys.Count != _keyFields.Length)
                throw new ArgumentException($"expected {_keyFields.Length} key values, got {keys.Count}", nameof(keys));
            if (rows.Count == 0) return;
            using var group = _writer.CreateRowGroup();
            for (int k = 0; k < keys.Count; k++)
                group.WriteAsync(_keyFields[k], Enumerable.Repeat(keys[k], rows.Count).ToArray()).GetAwaiter().GetResult();
            group.WriteAsync<int>(_replication, rows.Select(r => r.Replication).ToArray()).GetAwaiter().GetResult();
            group.WriteAsync<double>(_time, rows.Select(r => r.TimeH).ToArray()).GetAwaiter().GetResult();
            group.WriteAsync<double>(_seconds, rows.Select(r => (double)CsvText.SecondsOf(r.TimeH)).ToArray()).GetAwaiter().GetResult();
            group.WriteAsync(_scope, rows.Select(r => r.Scope).ToArray()).GetAwaiter().GetResult();
            group.WriteAsync(_metric, rows.Select(r => r.Metric).ToArray()).GetAwaiter().GetResult();
            group.WriteAsync<double>(_value, rows.Select(r => CsvText.Clean(r.Value)).ToArray()).GetAwaiter().GetResult();
            group.CompleteValidate();
        }

        public void Dispose()
        {
            _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _stream.Dispose();
        }
    }
}
