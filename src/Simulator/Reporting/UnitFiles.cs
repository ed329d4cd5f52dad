using System.Globalization;
using CsvHelper;
using Simulator.Experiments;
using Simulator.Metrics;

namespace Simulator.Reporting;

/// <summary>
/// The <c>units/</c> folder of an experiment in progress: one small set of files per finished unit, in a canonical
/// text form, from which the final files are made by <see cref="ExperimentFinalizer"/> — in a single process too, so
/// threads, shards + merge and resume all give the same bytes by construction.
/// <list type="bullet">
/// <item><c>uNNNNNN.series.csv</c> (run, compare): the unit's time-series rows exactly as the final CSV prints them
/// (all rows for run; the affected zone's stuck and lost curves, after the variant's label, for compare).</item>
/// <item><c>uNNNNNN.summary.csv</c>: peak, peak time, final and minutes above 1 % of every (metric, scope), and the
/// figures of the unit's failure events (<see cref="FailureSummary"/>).</item>
/// <item><c>uNNNNNN.failures.csv</c>: the unit's failure events exactly as the final <c>failures.csv</c> prints them,
/// after the variant's label (compare) or the point's id (sweep).</item>
/// <item><c>uNNNNNN.validation.csv</c> (run, when the scenario has <c>validation:</c> figures): each figure read off the
/// unit's replication (<see cref="ValidationCsv.WriteUnit"/>).</item>
/// <item><c>uNNNNNN.json</c> (<see cref="UnitMeta"/>), written last: the unit is done when it exists.</item>
/// </list>
/// Each file is written under a temporary name and renamed, so a unit interrupted half-way is simply redone.
/// </summary>
public static class UnitFiles
{
    public const string FolderName = "units";

    /// <summary>Header of the summary files.</summary>
    public static readonly IReadOnlyList<string> SummaryHeader = ["metric", "scope", "peak", "peak_time_h", "final", "minutes_above_1pct"];

    /// <summary>Metrics of the affected zone a compare keeps as curves.</summary>
    public static readonly IReadOnlyList<string> CompareCurveMetrics = [MetricCatalog.VolumesStuckPct.Name, MetricCatalog.VolumesLostPct.Name];

    public static string MetaPath(string unitsDir, int index) => Path.Combine(unitsDir, Name(index) + ".json");
    public static string SummaryPath(string unitsDir, int index) => Path.Combine(unitsDir, Name(index) + ".summary.csv");
    public static string SeriesPath(string unitsDir, int index) => Path.Combine(unitsDir, Name(index) + ".series.csv");
    public static string ValidationPath(string unitsDir, int index) => Path.Combine(unitsDir, Name(index) + ".validation.csv");
    public static string FailuresPath(string unitsDir, int index) => Path.Combine(unitsDir, Name(index) + ".failures.csv");
    public static string VolumesPath(string unitsDir, int index) => Path.Combine(unitsDir, Name(index) + ".volumes.csv");

    /// <summary>The files of a unit that exist, metadata last.</summary>
    public static IEnumerable<string> FilesOf(string unitsDir, int index) =>
        new[] { SeriesPath(unitsDir, index), SummaryPath(unitsDir, index), ValidationPath(unitsDir, index), FailuresPath(unitsDir, index), VolumesPath(unitsDir, index), MetaPath(unitsDir, index) }
            .Where(File.Exists);

    private static string Name(int index) => "u" + index.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Writes a finished unit; safe to call from several threads for different units.</summary>
    /// <param name="unitsDir">The experiment's <c>units/</c>.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="unit">The unit.</param>
    /// <param name="result">Its run.</param>
    /// <param name="validation">The scenario's published figures read off the unit's replication; none for no file.</param>
    public static void Write(string unitsDir, ExperimentPlan plan, UnitKey unit, RunResult result, IReadOnlyList<ValidationRow>? validation = null)
    {
        var rows = result.Series;
        if (plan.Kind == ExperimentKind.Run)
            WriteAtomically(SeriesPath(unitsDir, unit.Index), s => TimeSeriesCsv.WriteRows(s, rows, []));
        else if (plan.Kind == ExperimentKind.Compare)
            WriteAtomically(SeriesPath(unitsDir, unit.Index), s => TimeSeriesCsv.WriteRows(s,
                rows.Where(r => r.Scope == result.AffectedZoneScope && CompareCurveMetrics.Contains(r.Metric)),
                [plan.Variants[unit.Variant].Label]));

        var summaries = FailureSummary.Merge(RunSummary.PerReplication(rows), result.FailureFigures);
        WriteAtomically(SummaryPath(unitsDir, unit.Index), s => WriteSummary(s, summaries));
        IReadOnlyList<string> key = plan.Kind switch
        {
            ExperimentKind.Compare => [plan.Variants[unit.Variant].Label],
            ExperimentKind.Sweep => [CsvText.Integer(unit.Point)],
            _ => [],
        };
        WriteAtomically(FailuresPath(unitsDir, unit.Index), s => FailuresCsv.WriteRows(s, unit.Replication, result.Failures, key));
        if (plan.VolumesAt is not null)
            WriteAtomically(VolumesPath(unitsDir, unit.Index), s => VolumesCsv.WriteRows(s, unit.Replication, result.Volumes ?? [], key));
        if (validation is { Count: > 0 })
            WriteAtomically(ValidationPath(unitsDir, unit.Index), s => ValidationCsv.WriteUnit(s, validation));

        var meta = new UnitMeta
        {
            Unit = unit.Index,
            Variant = unit.Variant,
            Point = unit.Point,
            Replication = unit.Replication,
            ScenarioName = result.ScenarioName,
            AffectedZoneScope = result.AffectedZoneScope,
            Start = result.Start,
            HorizonH = result.HorizonHours,
            VolumesTotal = result.VolumesTotal,
            EventsProcessed = result.EventsProcessed,
            WallSeconds = result.WallSeconds,
            Markers = result.Markers,
        };
        ManifestJson.WriteAtomically(MetaPath(unitsDir, unit.Index), ManifestJson.Serialize(meta));
    }

    /// <summary>Indices of the units done in <paramref name="unitsDir"/> (those with their metadata file).</summary>
    public static SortedSet<int> Done(string unitsDir)
    {
        var done = new SortedSet<int>();
        if (!Directory.Exists(unitsDir)) return done;
        foreach (var path in Directory.EnumerateFiles(unitsDir, "u*.json"))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            if (int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int index)) done.Add(index);
        }
        return done;
    }

    public static UnitMeta ReadMeta(string unitsDir, int index) =>
        ManifestJson.Deserialize<UnitMeta>(File.ReadAllText(MetaPath(unitsDir, index)), MetaPath(unitsDir, index));

    /// <summary>The unit's summaries, with <paramref name="replication"/> as their replication.</summary>
    public static IReadOnlyList<ReplicationSummary> ReadSummary(string unitsDir, int index, int replication)
    {
        var list = new List<ReplicationSummary>();
        using var reader = OpenCsv(SummaryPath(unitsDir, index), hasHeader: true);
        while (reader.Read())
        {
            string metric = reader.GetString(0);
            double? minutes = metric == MetricCatalog.ApiErrorRatePct.Name ? Parse(reader.GetString(5)) : null;
            list.Add(new ReplicationSummary(replication, metric, reader.GetString(1), Parse(reader.GetString(2)),
                Parse(reader.GetString(3)), Parse(reader.GetString(4)), minutes));
        }
        return list;
    }

    /// <summary>The unit's validation rows, or null when it has none (a scenario without <c>validation:</c>, or not a run).</summary>
    public static IReadOnlyList<ValidationRow>? ReadValidation(string unitsDir, int index) =>
        File.Exists(ValidationPath(unitsDir, index)) ? ValidationCsv.ReadUnit(ValidationPath(unitsDir, index)) : null;

    /// <summary>Appends the unit's series file, byte for byte, to <paramref name="output"/>.</summary>
    public static void CopySeries(string unitsDir, int index, Stream output)
    {
        using var input = File.OpenRead(SeriesPath(unitsDir, index));
        input.CopyTo(output);
    }

    /// <summary>Reads back the unit's series rows that <paramref name="keep"/> (scope, metric) accepts; leading fields are skipped.</summary>
    public static List<TimeSeriesRow> ReadSeries(string unitsDir, int index, int leadingFields, Func<string, string, bool> keep)
    {
        var rows = new List<TimeSeriesRow>();
        // Scope and metric names repeat on every row: each is made a string once, and each pair asked about once.
        var names = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var kept = new Dictionary<(string, string), bool>();
        using var reader = OpenCsv(SeriesPath(unitsDir, index), hasHeader: false);
        while (reader.Read())
        {
            string scope = Name(names, reader.GetSpan(leadingFields + 3)), metric = Name(names, reader.GetSpan(leadingFields + 4));
            if (!kept.TryGetValue((scope, metric), out bool keepIt)) kept[(scope, metric)] = keepIt = keep(scope, metric);
            if (!keepIt) continue;
            // The exact time from time_s (the microsecond clock), not time_h's 6 decimals: hours as TotalHours gives them.
            long ticks = (long)Math.Round(double.Parse(reader.GetSpan(leadingFields + 2), NumberStyles.Float, CultureInfo.InvariantCulture) * 1e6,
                MidpointRounding.AwayFromZero);
            rows.Add(new TimeSeriesRow(int.Parse(reader.GetSpan(leadingFields), CultureInfo.InvariantCulture),
                ticks / 3_600_000_000.0, scope, metric, Parse(reader.GetSpan(leadingFields + 5))));
        }
        return rows;
    }

    private static void WriteSummary(Stream stream, IReadOnlyList<ReplicationSummary> summaries)
    {
        using var csv = CsvText.CreateWriter(stream);
        foreach (var field in SummaryHeader) csv.WriteField(field);
        csv.EndRecord();
        foreach (var s in summaries)
        {
            csv.WriteField(s.Metric);
            csv.WriteField(s.Scope);
            csv.WriteField(Text(s.Peak));
            csv.WriteField(Text(s.PeakTimeH));
            csv.WriteField(Text(s.Final));
            csv.WriteField(s.MinutesAbove1Pct is { } m ? Text(m) : "");
            csv.EndRecord();
        }
        csv.Flush();
    }

    /// <summary>Round-trip text; NaN as an empty field.</summary>
    private static string Text(double value) => double.IsNaN(value) ? "" : CsvText.Exact(value);

    private static double Parse(string text) =>
        text.Length == 0 ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double Parse(ReadOnlySpan<byte> utf8) =>
        utf8.Length == 0 ? double.NaN : double.Parse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Name(Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> names, ReadOnlySpan<byte> utf8)
    {
        Span<char> buffer = stackalloc char[128];
        if (utf8.Length > buffer.Length) return System.Text.Encoding.UTF8.GetString(utf8);
        var text = buffer[..System.Text.Encoding.UTF8.GetChars(utf8, buffer)];
        if (!names.TryGetValue(text, out var name))
        {
            name = text.ToString();
            names[text] = name;
        }
        return name;
    }

    private static CsvReader OpenCsv(string path, bool hasHeader) =>
        CsvReader.Create(File.OpenRead(path), new CsvReaderOptions
        {
            HasHeader = hasHeader,
            Separator = ',',
            FormatProvider = CultureInfo.InvariantCulture,
        }, leaveOpen: false);

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            write(stream);
        File.Move(temp, path, overwrite: true);
    }
}
