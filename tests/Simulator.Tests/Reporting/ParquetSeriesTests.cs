using System.Globalization;
using NUnit.Framework;
using Parquet;
using Parquet.Schema;
using Simulator.Cli;
using Simulator.Reporting;
using Simulator.Tests.Cli;

namespace Simulator.Tests.Reporting;

public sealed class ParquetSeriesTests
{
    private string _dir = "";
    private string _scenario = "";

    [SetUp]
    public void CreateFolders()
    {
        _dir = Directory.CreateTempSubdirectory("replsim-parquet-").FullName;
        _scenario = Path.Combine(_dir, "storm.yaml");
        File.WriteAllText(_scenario, "name: aws-2011-us-east-1\n");
    }

    [TearDown]
    public void DeleteFolders() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void FormatParquetWritesTheTimeSeriesBesideTheCsvWithTheSameRowsColumnsAndTypes()
    {
        string folder = Path.Combine(_dir, "run");
        var (code, _, error) = Run("run", _scenario, "--replications", "3", "--threads", "2", "--format", "parquet", "--folder", folder);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);

        var csv = File.ReadAllLines(Path.Combine(folder, RunFolder.TimeSeriesFileName));
        Assert.That(csv[0], Is.EqualTo("replication,time_h,time_s,scope,metric,value"));
        var (fields, columns) = ReadWithParquetNet(Path.Combine(folder, ParquetSeries.FileName));

        // Parquet.Net reads a string column as ReadOnlyMemory<char> unless asked for strings.
        Assert.That(fields.Select(f => (f.Name, f.ClrType == typeof(ReadOnlyMemory<char>) ? typeof(string) : f.ClrType, f.IsNullable)), Is.EqualTo(new[]
        {
            ("replication", typeof(int), false), ("time_h", typeof(double), false), ("time_s", typeof(double), false), ("scope", typeof(string), false),
            ("metric", typeof(string), false), ("value", typeof(double), false),
        }));
        Assert.That(columns[0], Has.Length.EqualTo(csv.Length - 1), "one Parquet row per CSV row");
        Assert.That(((int[])columns[0]).Distinct(), Is.EqualTo(new[] { 0, 1, 2 }), "every replication, in order");
        for (int i = 1; i < csv.Length; i++)
        {
            string[] f = csv[i].Split(',');
            int r = i - 1;
            Assert.That(((int[])columns[0])[r], Is.EqualTo(int.Parse(f[0], CultureInfo.InvariantCulture)), $"row {i}");
            Assert.That(CsvText.RoundTime(((double[])columns[1])[r]), Is.EqualTo(double.Parse(f[1], CultureInfo.InvariantCulture)), $"row {i}: time_h unrounded");
            Assert.That(((double[])columns[2])[r], Is.EqualTo(double.Parse(f[2], CultureInfo.InvariantCulture)), $"row {i}");
            Assert.That(((string?[])columns[3])[r], Is.EqualTo(f[3]), $"row {i}");
            Assert.That(((string?[])columns[4])[r], Is.EqualTo(f[4]), $"row {i}");
            double value = ((double[])columns[5])[r];
            Assert.That(value, f[5].Length == 0 ? Is.NaN : Is.EqualTo(double.Parse(f[5], CultureInfo.InvariantCulture)), $"row {i}");
        }
        var manifest = File.ReadAllText(Path.Combine(folder, RunFolder.ManifestFileName));
        Assert.That(manifest, Does.Contain("\"series_format\":\"parquet\"").Or.Contain("\"series_format\": \"parquet\""));
    }

    [Test]
    public void TheParquetBytesDoNotDependOnTheThreadCountAndCsvAloneWritesNoParquet()
    {
        string one = Path.Combine(_dir, "one"), two = Path.Combine(_dir, "two"), plain = Path.Combine(_dir, "plain");
        Assert.That(Run("run", _scenario, "--replications", "4", "--threads", "1", "--format", "parquet", "--folder", one).Code, Is.EqualTo(0));
        Assert.That(Run("run", _scenario, "--replications", "4", "--threads", "2", "--format", "parquet", "--folder", two).Code, Is.EqualTo(0));
        var csvOnly = Run("run", _scenario, "--replications", "4", "--format", "csv", "--folder", plain);
        Assert.That(csvOnly.Code, Is.EqualTo(0), csvOnly.Error);

        Assert.That(File.ReadAllBytes(Path.Combine(two, ParquetSeries.FileName)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, ParquetSeries.FileName))));
        Assert.That(File.Exists(Path.Combine(plain, ParquetSeries.FileName)), Is.False);
        Assert.That(File.ReadAllBytes(Path.Combine(plain, RunFolder.TimeSeriesFileName)),
            Is.EqualTo(File.ReadAllBytes(Path.Combine(one, RunFolder.TimeSeriesFileName))), "the CSV is the same with or without Parquet");
        Assert.That(File.ReadAllText(Path.Combine(plain, RunFolder.ManifestFileName)), Does.Not.Contain("series_format"));
    }

    [Test]
    public void CompareWritesTheOutageCurvesAsParquetWithTheVariantColumn()
    {
        string other = Path.Combine(_dir, "other.yaml");
        File.WriteAllText(other, "name: aws-2011-us-east-1\n");
        string folder = Path.Combine(_dir, "cmp");
        var (code, _, error) = Run("compare", _scenario, other, "--replications", "2", "--format", "parquet", "--folder", folder);
        Assert.That(code, Is.EqualTo(0), error);

        var table = ParquetSeries.Read(Path.Combine(folder, ExperimentFinalizer.OutageCurvesParquetFileName));
        var csv = File.ReadAllLines(Path.Combine(folder, ExperimentFinalizer.OutageCurvesFileName));
        Assert.That(table.KeyColumns, Is.EqualTo(new[] { "variant" }));
        Assert.That(table.Rows, Has.Count.EqualTo(csv.Length - 1).And.Count.GreaterThan(0));
        for (int i = 1; i < csv.Length; i++)
        {
            var row = table.Rows[i - 1];
            string text = string.Join(',', table.Keys[i - 1].Append(row.Replication.ToString(CultureInfo.InvariantCulture))
                .Append(CsvText.Time(row.TimeH)).Append(CsvText.Seconds(row.TimeH)).Append(row.Scope).Append(row.Metric).Append(CsvText.Number(row.Value)));
            Assert.That(text, Is.EqualTo(csv[i]), $"row {i}");
        }
    }

    [TestCase("run", "xml", "--format expects csv or parquet, found \"xml\"")]
    [TestCase("compare", "Parquet", "--format expects csv or parquet, found \"Parquet\"")]
    [TestCase("sweep", "parquet", "a sweep folder keeps no time series")]
    public void ABadFormatExitsTwoAndWritesNothing(string command, string format, string message)
    {
        string folder = Path.Combine(_dir, "bad");
        string[] args = command switch
        {
            "compare" => [command, _scenario, _scenario, "--format", format, "--folder", folder],
            "sweep" => [command, _scenario, "--vary", "seed=1,2", "--format", format, "--folder", folder],
            _ => [command, _scenario, "--format", format, "--folder", folder],
        };
        var (code, _, error) = Run(args);

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain(message));
        Assert.That(Directory.Exists(folder), Is.False);
    }

    /// <summary>Every column of every row group, read with Parquet.Net's own reader, concatenated.</summary>
    private static (IReadOnlyList<DataField> Fields, Array[] Columns) ReadWithParquetNet(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            var fields = reader.Schema.GetDataFields();
            var parts = fields.Select(_ => new List<Array>()).ToList();
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                int n = (int)group.RowCount;
                for (int c = 0; c < fields.Length; c++)
                {
                    Array values = fields[c].ClrType == typeof(int) ? new int[n] : fields[c].ClrType == typeof(double) ? new double[n] : new string?[n];
                    switch (values)
                    {
                        case int[] ints: group.ReadAsync<int>(fields[c], ints).AsTask().GetAwaiter().GetResult(); break;
                        case double[] doubles: group.ReadAsync<double>(fields[c], doubles).AsTask().GetAwaiter().GetResult(); break;
                        case string?[] strings: group.ReadAsync(fields[c], strings.AsMemory()).AsTask().GetAwaiter().GetResult(); break;
                    }
                    parts[c].Add(values);
                }
            }
            var columns = parts.Select(p => Concat(p, p.Count > 0 ? p[0].GetType().GetElementType()! : typeof(object))).ToArray();
            return (fields, columns);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static Array Concat(List<Array> parts, Type element)
    {
        var all = Array.CreateInstance(element, parts.Sum(p => p.Length));
        int at = 0;
        foreach (var part in parts)
        {
            Array.Copy(part, 0, all, at, part.Length);
            at += part.Length;
        }
        return all;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error, interactive: false, new FakeScenarioRunner());
        return (code, output.ToString(), error.ToString());
    }
}
