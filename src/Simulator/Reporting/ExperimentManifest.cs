using Simulator.Experiments;

namespace Simulator.Reporting;

/// <summary>
/// The <c>manifest.json</c> of a shard or an unfinished folder: what <c>merge</c> and <c>--resume</c> need. A finished
/// folder of any kind has a <see cref="RunManifest"/>, with the same <c>experiment</c> block. Wall times and the creation
/// time differ between two computations of the same plan; the CSV files do not.
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
}
