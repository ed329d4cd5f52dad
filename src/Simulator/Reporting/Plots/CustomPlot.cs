using System.Globalization;
using CsvHelper;
using ScottPlot;
using Simulator.Experiments;
using Simulator.Metrics;
using Simulator.Scenarios;

namespace Simulator.Reporting.Plots;

/// <summary>Bad input to <see cref="CustomPlot"/>: an unknown metric, scope or parameter, a folder that is not a run, a bad file name.</summary>
public sealed class PlotInputException(string message) : Exception(message);

/// <summary>What <c>replsim plot</c> was asked for.</summary>
/// <param name="Input">A run folder, a sweep folder or a <c>timeseries.csv</c>.</param>
/// <param name="Metric">The metric (<c>volumes_stuck_pct</c>).</param>
/// <param name="Scope">One scope (<c>zone:us-east-1a</c>, or <c>us-east-1a</c> when that names one), or null for every scope with the metric.</param>
/// <param name="Vs">A swept parameter (its path or short name): the metric's <paramref name="Stat"/> against it; null for the metric over time.</param>
/// <param name="Stat"><c>peak</c> or <c>final</c>, with <paramref name="Vs"/>.</param>
/// <param name="Out">The picture to write (<c>.png</c> or <c>.svg</c>), or null for <c>plots/METRIC….png</c> in the folder.</param>
public sealed record CustomPlotRequest(string Input, string Metric, string? Scope = null, string? Vs = null, string Stat = "peak", string? Out = null);

/// <summary>
/// The figure a run did not draw: one metric over time, one line per scope (the median and 5–95 % band across
/// replications, as the run's own plots), or a sweep's summary of the metric (peak or final: median and 5–95 % across
/// the point's replications) against a swept parameter. Everything is read and checked before anything is written.
/// </summary>
public static class CustomPlot
{
    public static readonly IReadOnlyList<string> Stats = ["peak", "final"];

    /// <summary>Builds and writes the plot; returns the path written.</summary>
    /// <exception cref="PlotInputException">on bad input, before anything is written.</exception>
    public static string Write(CustomPlotRequest request)
    {
        string? extension = request.Out is null ? ".png" : Path.GetExtension(request.Out).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
            throw new PlotInputException($"--out must end with .png or .svg, found \"{request.Out}\"");
        if (!Stats.Contains(request.Stat))
            throw new PlotInputException($"--stat expects peak or final, found \"{request.Stat}\"{DidYouMean.Hint(request.Stat, Stats)}");
        var metric = FindMetric(request.Metric);

        string input = request.Input;
        string csv;
        string folder;
        if (File.Exists(input))
        {
            if (!input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                throw new PlotInputException($"{input} is neither a run folder nor a timeseries.csv");
            (csv, folder) = (input, Path.GetDirectoryName(Path.GetFullPath(input)) ?? ".");
        }
        else if (Directory.Exists(input))
        {
            (csv, folder) = (Path.Combine(input, RunFolder.TimeSeriesFileName), input);
            bool sweep = File.Exists(Path.Combine(input, SweepCsv.PointsFileName)) && File.Exists(Path.Combine(input, RunFolder.SummaryFileName));
            if (sweep)
            {
                if (request.Vs is null)
                    throw new PlotInputException($"{input} is a sweep folder, which keeps no time series: give --vs PARAM ({string.Join(", ", SweepVsPlot.Parameters(input))})");
                var vsPlot = SweepVsPlot.Build(input, metric, request.Scope, request.Vs, request.Stat);
                return Save(vsPlot, request.Out ?? Path.Combine(input, RunFolder.PlotsFolderName, DefaultName(metric.Name, request.Scope, request.Vs, request.Stat)));
            }
            if (!File.Exists(csv))
                throw new PlotInputException($"{input} is not a run folder: it has no {RunFolder.TimeSeriesFileName} (nor is it a sweep folder with {SweepCsv.PointsFileName})");
        }
        else
            throw new PlotInputException($"{input}: no such folder or file");
        if (request.Vs is not null)
            throw new PlotInputException($"--vs needs a sweep folder; {input} is a run's time series");

        var rows = ReadSeries(csv, metric.Name);
        var plot = BuildOverTime(csv, rows, metric, request.Scope);
        return Save(plot, request.Out ?? Path.Combine(folder, RunFolder.PlotsFolderName, DefaultName(metric.Name, request.Scope, null, null)));
    }

    /// <summary>The metric named <paramref name="name"/> in the catalogue (series or failure figures).</summary>
    internal static MetricDefinition FindMetric(string name)
    {
        var known = MetricCatalog.All.Concat(MetricCatalog.FailureFigures).ToList();
        return known.FirstOrDefault(m => m.Name == name)
            ?? throw new PlotInputException($"unknown metric \"{name}\"{DidYouMean.Hint(name, known.Select(m => m.Name))} (see docs or MetricCatalog for the list)");
    }

    /// <summary>The given scope among <paramref name="scopes"/> (also by its name without the kind, when that names one).</summary>
    internal static string ResolveScope(string given, IReadOnlyList<string> scopes, string metric, string where)
    {
        if (scopes.Contains(given)) return given;
        var byName = scopes.Where(s => PlotStyle.ScopeName(s) == given).ToList();
        if (byName.Count == 1) return byName[0];
        throw new PlotInputException($"{where} has no {metric} in scope \"{given}\"; it has it in {string.Join(", ", scopes)}" +
            DidYouMean.Hint(given, scopes));
    }

    /// <summary><c>volumes_stuck_pct-us-east-1a.png</c>, <c>volumes_stuck_pct-peak-vs-interval.png</c>.</summary>
    private static string DefaultName(string metric, string? scope, string? vs, string? stat)
    {
        string name = metric + (scope is null ? "" : "-" + PlotStyle.ScopeName(scope)) + (vs is null ? "" : $"-{stat}-vs-{vs}");
        return new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-')]) + ".png";
    }

    /// <summary>The rows of <paramref name="metric"/> in a <c>timeseries.csv</c>.</summary>
    internal static List<TimeSeriesRow> ReadSeries(string path, string metric)
    {
        var rows = new List<TimeSeriesRow>();
        var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
        byte[] wanted = System.Text.Encoding.UTF8.GetBytes(metric);
        try
        {
            using var reader = CsvReader.Create(File.OpenRead(path), new CsvReaderOptions
            {
                HasHeader = false,
                Separator = ',',
                FormatProvider = CultureInfo.InvariantCulture,
            }, leaveOpen: false);
            if (!reader.Read() || !Enumerable.Range(0, TimeSeriesCsv.Header.Count).All(i => reader.GetString(i) == TimeSeriesCsv.Header[i]))
                throw new PlotInputException($"{path} is not a time series: its header is not {string.Join(",", TimeSeriesCsv.Header)}");
            while (reader.Read())
            {
                if (!reader.GetSpan(4).SequenceEqual(wanted)) continue;
                string scope = reader.GetString(3);
                if (!scopes.TryGetValue(scope, out var shared)) scopes[scope] = shared = scope;
                rows.Add(new TimeSeriesRow(int.Parse(reader.GetSpan(0), CultureInfo.InvariantCulture), Number(reader.GetSpan(1)),
                    shared, metric, Number(reader.GetSpan(5))));
            }
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new PlotInputException($"{path} is not a time series: {e.Message}");
        }
        if (rows.Count == 0)
            throw new PlotInputException($"{path} has no {metric} rows: the run did not sample it");
        return rows;
    }

    private static double Number(ReadOnlySpan<byte> utf8) =>
        utf8.Length == 0 ? double.NaN : double.Parse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The metric over time in each scope (or the one asked for): median and 5–95 % band across replications.</summary>
    internal static Plot BuildOverTime(string where, IReadOnlyList<TimeSeriesRow> rows, MetricDefinition metric, string? scope)
    {
        var scopes = SeriesView.Scopes(rows, metric.Name, "");
        if (scope is not null) scopes = [ResolveScope(scope, scopes, metric.Name, where)];
        int replications = SeriesView.ReplicationCount(rows);
        string title = $"{metric.Name}{(scopes.Count == 1 ? " in " + scopes[0] : "")}{PlotStyle.ReplicationsNote(replications)}";
        var plot = PlotStyle.Create(title, "hours since start", $"{metric.Name} ({metric.Unit})");
        double lastH = 0, min = 0, max = 0;
        // Scopes of several kinds can share a name (region us-east-1, zone us-east-1a): then each is named in full.
        bool fullNames = scopes.Select(s => MetricCatalog.KindOf(s)).Distinct().Count() > 1;
        for (int i = 0; i < scopes.Count; i++)
        {
            var band = SeriesView.Band(rows, scopes[i], metric.Name);
            PlotStyle.Curve(plot, band, $"{(fullNames ? scopes[i] : PlotStyle.ScopeName(scopes[i]))} ({PlotStyle.PeakText(band.TimesH, band.Median, metric.Unit)})",
                PlotStyle.Palette[i % PlotStyle.Palette.Length], drawRuns: scopes.Count == 1);
            lastH = Math.Max(lastH, band.TimesH[^1]);
            max = Math.Max(max, PlotStyle.MaxFinite(0, band.P95));
            min = Math.Min(min, -PlotStyle.MaxFinite(0, [.. band.P5.Select(v => -v)]));
        }
        plot.Axes.SetLimitsX(0, lastH > 0 ? lastH : 1);
        plot.Axes.SetLimitsY(min < 0 ? min * 1.1 : 0, max > 0 ? max * 1.1 : 1);
        PlotStyle.LegendBelow(plot);
        return plot;
    }

    /// <summary>Writes the plot as PNG or SVG (by the extension), creating its folder; returns the path.</summary>
    internal static string Save(Plot plot, string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        try
        {
            if (directory is not null) Directory.CreateDirectory(directory);
            // A first render lays the legend out at the final size (see RunPlots.Save).
            plot.GetImage(PlotStyle.WidthPx, PlotStyle.HeightPx).Dispose();
            if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
                File.WriteAllText(path, FigureFiles.RenumberClipIds(plot.GetSvgXml(PlotStyle.WidthPx, PlotStyle.HeightPx)),
                    new System.Text.UTF8Encoding(false));
            else
                plot.SavePng(path, PlotStyle.WidthPx, PlotStyle.HeightPx);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PlotInputException($"cannot write {path}: {e.Message}");
        }
        return path;
    }
}
