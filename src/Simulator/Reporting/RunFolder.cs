using System.Globalization;
using Simulator.Experiments;
using Simulator.Reporting.Plots;

namespace Simulator.Reporting;

/// <summary>
/// Writes a run's folder <c>OUT/SCENARIO/yyyyMMdd-HHmmss-SEED/</c> so that it appears complete or not at all:
/// everything is written into a hidden sibling <c>.NAME.tmp-RANDOM</c>, which is then renamed into place in one
/// step. An existing folder is never overwritten: when the name is taken (two runs of the same seed in the same
/// second), the folder gets the first free suffix <c>-2</c>, <c>-3</c>, …. On any failure the temporary folder is
/// deleted and nothing appears.
/// </summary>
public static class RunFolder
{
    /// <summary>File names inside a run folder.</summary>
    public const string ManifestFileName = "manifest.json";
    /// <inheritdoc cref="ManifestFileName"/>
    public const string TimeSeriesFileName = "timeseries.csv";
    /// <inheritdoc cref="ManifestFileName"/>
    public const string SummaryFileName = "summary.csv";
    /// <inheritdoc cref="ManifestFileName"/>
    public const string PlotsFolderName = "plots";

    /// <summary>Writes the run folder and returns its full path.</summary>
    /// <param name="outputRoot">Root of all results (<c>results</c>); created if missing.</param>
    /// <param name="result">What the run produced.</param>
    /// <param name="run">What identifies the run (scenario hash, seed, overrides…).</param>
    /// <param name="createdUtc">Wall-clock time of the run for the folder name and manifest; now when null.</param>
    /// <param name="includePlots">False skips the plots (sweeps of many runs).</param>
    public static string Write(string outputRoot, RunResult result, RunDescription run,
        DateTimeOffset? createdUtc = null, bool includePlots = true)
    {
        var created = (createdUtc ?? DateTimeOffset.UtcNow).ToUniversalTime();
        string scenarioDir = Path.GetFullPath(Path.Combine(outputRoot, SafeName(result.ScenarioName)));
        string name = FolderName(created, run.Seed);
        var tempFolder = FolderPlacement.CreateTemp(scenarioDir, name);
        string temp = tempFolder.Path;
        try
        {
            WriteContents(temp, result, run, created, includePlots);
            return FolderPlacement.MoveIntoPlace(temp, scenarioDir, name);
        }
        catch
        {
            FolderPlacement.TryDelete(tempFolder);
            throw;
        }
    }

    /// <summary><c>yyyyMMdd-HHmmss-SEED</c> of the UTC time.</summary>
    public static string FolderName(DateTimeOffset createdUtc, ulong seed) =>
        createdUtc.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" +
        seed.ToString(CultureInfo.InvariantCulture);

    /// <summary>The scenario name made safe as one folder name: path separators and other awkward characters become '-'.</summary>
    public static string SafeName(string scenarioName)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var chars = scenarioName.Trim().Select(c => invalid.Contains(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(c) ? '-' : c).ToArray();
        string safe = new string(chars).TrimStart('.');
        return safe.Length == 0 ? "scenario" : safe;
    }

    private static void WriteContents(string dir, RunResult result, RunDescription run, DateTimeOffset created, bool includePlots)
    {
        var paths = new List<string>();

        string timeseries = Path.Combine(dir, TimeSeriesFileName);
        TimeSeriesCsv.Write(timeseries, result.Series);
        paths.Add(timeseries);

        string summary = Path.Combine(dir, SummaryFileName);
        SummaryCsv.Write(summary, RunSummary.Compute(result.Series));
        paths.Add(summary);

        if (includePlots)
            paths.AddRange(RunPlots.Write(Path.Combine(dir, PlotsFolderName), result));

        var files = paths.Select(p => Describe(dir, p)).ToList();
        var manifest = RunManifest.Create(result, run, created, files);
        using (var stream = new FileStream(Path.Combine(dir, ManifestFileName), FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream, CsvText.Utf8NoBom))
            writer.Write(manifest.ToJson());
    }

    private static ManifestFile Describe(string dir, string path) => FolderPlacement.Describe(dir, path);
}
