using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Simulator.Experiments;

namespace Simulator.Reporting;

/// <summary>
/// The <c>manifest.json</c> of a run folder: everything needed to repeat the run (scenario hash, seed, overrides,
/// scale, tool version) and what it cost (events, wall time, memory). Serialized indented, in snake_case.
/// </summary>
public sealed record RunManifest
{
    private static JsonSerializerOptions JsonOptions => ManifestJson.Options;

    public required string ScenarioName { get; init; }
    public required string ScenarioPath { get; init; }
    public required string ScenarioSha256 { get; init; }
    public required ulong Seed { get; init; }
    public required IReadOnlyList<string> Overrides { get; init; }
    public required double Scale { get; init; }
    /// <summary>Sampling interval asked for on the command line; null when the scenario's own was used.</summary>
    public string? SampleInterval { get; init; }
    /// <summary>Informational version of the simulator library that produced the run.</summary>
    public required string ToolVersion { get; init; }
    public required string AffectedZoneScope { get; init; }
    /// <summary>Time 0 of the scenario as a real instant (ISO 8601), when the scenario has one.</summary>
    public DateTimeOffset? Start { get; init; }
    public required int Replications { get; init; }
    public required long VolumesTotal { get; init; }
    public required long EventsProcessed { get; init; }
    public required double WallSeconds { get; init; }
    public required long PeakMemoryBytes { get; init; }
    public required double HorizonH { get; init; }
    /// <summary>When the run folder was written (wall clock, UTC).</summary>
    public required DateTimeOffset CreatedUtc { get; init; }
    /// <summary>Every other file of the folder, in the order written.</summary>
    public required IReadOnlyList<ManifestFile> Files { get; init; }
    /// <summary>The plan and share when the run was made by <c>replsim run</c> (replications, shards, resume); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExperimentState? Experiment { get; init; }

    /// <summary>The informational version of this library (<c>0.1.0+commit</c>).</summary>
    public static string CurrentToolVersion { get; } =
        typeof(RunManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(RunManifest).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Builds the manifest of a run.</summary>
    public static RunManifest Create(RunResult result, RunDescription run, DateTimeOffset createdUtc,
        IReadOnlyList<ManifestFile> files) => new()
    {
        ScenarioName = result.ScenarioName,
        ScenarioPath = run.ScenarioPath,
        ScenarioSha256 = run.ScenarioSha256,
        Seed = run.Seed,
        Overrides = run.Overrides,
        Scale = run.Scale,
        SampleInterval = run.SampleInterval,
        ToolVersion = CurrentToolVersion,
        AffectedZoneScope = result.AffectedZoneScope,
        Start = result.Start,
        Replications = SeriesView.ReplicationCount(result.Series),
        VolumesTotal = result.VolumesTotal,
        EventsProcessed = result.EventsProcessed,
        WallSeconds = result.WallSeconds,
        PeakMemoryBytes = result.PeakMemoryBytes,
        HorizonH = result.HorizonHours,
        CreatedUtc = createdUtc.ToUniversalTime(),
        Files = files,
    };

    /// <summary>The manifest as indented snake_case JSON, ending with a newline.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>Reads a manifest written by <see cref="ToJson"/>.</summary>
    public static RunManifest FromJson(string json) =>
        JsonSerializer.Deserialize<RunManifest>(json, JsonOptions)
        ?? throw new JsonException("manifest.json is empty");
}
