using System.Globalization;

namespace Simulator.Reporting;

/// <summary>
/// The names in a results folder <c>OUT/SCENARIO/yyyyMMdd-HHmmss-SEED/</c>; <see cref="Experiments.ExperimentRunner"/> writes it
/// (through <see cref="FolderPlacement"/>, so that it appears complete or not at all and never replaces another).
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
}
