namespace Simulator.Reporting;

/// <summary>
/// The <c>manifest.json</c> of a compare or sweep folder, and of every shard or unfinished folder (a finished
/// <c>run</c> folder keeps its <see cref="RunManifest"/>, with the same <c>experiment</c> block). Wall times and the
/// creation time differ between two computations of the same plan; the CSV files do not.
/// </summary>
public sealed record ExperimentManifest
{
    /// <summary>Informational version of the simulator that wrote the folder; merges and resumes require the same.</summary>
    public required string ToolVersion { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    /// <summary>Wall time of the command that wrote the folder (for a merge, the sum over its inputs).</summary>
    public required double WallSeconds { get; init; }
    /// <summary>Events fired by the units in the folder.</summary>
    public required long EventsProcessed { get; init; }
    public required long PeakMemoryBytes { get; init; }
    /// <summary>What to do next with the folder, for people: "merge it with the other shards", "resume it".</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }
    public required ExperimentState Experiment { get; init; }
    /// <summary>Every final file of the folder, in the order written; empty while units are still to be merged or computed.</summary>
    public IReadOnlyList<ManifestFile> Files { get; init; } = [];

    /// <summary>Indented snake_case JSON, ending with a newline.</summary>
    public string ToJson() => ManifestJson.Serialize(this);

    /// <summary>What every experiment folder's manifest has (also a <c>run</c> folder's <see cref="RunManifest"/>).</summary>
    /// <param name="ToolVersion">Version that wrote it.</param>
    /// <param name="CreatedUtc">When the folder was started.</param>
    /// <param name="WallSeconds">Wall time spent on it so far.</param>
    /// <param name="Experiment">The experiment block; null for folders of <c>validate</c> or older versions.</param>
    public sealed record Header(string? ToolVersion, DateTimeOffset CreatedUtc, double WallSeconds, ExperimentState? Experiment);

    /// <summary>Reads the <see cref="Header"/> of any manifest.</summary>
    public static Header ReadHeader(string json) => ManifestJson.Deserialize<Header>(json, "manifest.json");
}
