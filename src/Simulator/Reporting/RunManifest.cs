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
    /// <summary>The plan, the share and how far it got (what <c>--resume</c> reads); absent in folders of older versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExperimentState? Experiment { get; init; }

    /// <summary>The informational version of this library (<c>0.1.0+commit</c>).</summary>
    public static string CurrentToolVersion { get; } =
        typeof(RunManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(RunManifest).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>The manifest of a finished run folder: the plan's one scenario, the run's totals and the experiment block.</summary>
    /// <param name="result">The run as the final files saw it.</param>
    /// <param name="experiment">The folder's experiment block (its plan names the scenario, seed, overrides, scale).</param>
    /// <param name="createdUtc">When the folder was started.</param>
    /// <param name="wallSeconds">Wall time spent on the folder.</param>
    /// <param name="peakMemoryBytes">Peak working set of the process that finished it.</param>
    /// <param name="files">The folder's other files.</param>
    public static RunManifest Create(RunResult result, ExperimentState experiment, DateTimeOffset createdUtc, double wallSeconds,
        long peakMemoryBytes, IReadOnlyList<ManifestFile> files)
    {
        var plan = experiment.Plan;
        var scenario = plan.Variants[0];
        return new RunManifest
        {
            ScenarioName = result.ScenarioName,
            ScenarioPath = scenario.Path,
            ScenarioSha256 = scenario.Sha256,
            Seed = plan.Seed,
            Overrides = plan.Overrides,
            Scale = plan.Scale,
            SampleInterval = plan.SampleInterval,
            ToolVersion = CurrentToolVersion,
            AffectedZoneScope = result.AffectedZoneScope,
            Start = result.Start,
            Replications = plan.Replications,
            VolumesTotal = result.VolumesTotal,
            EventsProcessed = result.EventsProcessed,
            WallSeconds = wallSeconds,
            PeakMemoryBytes = peakMemoryBytes,
            HorizonH = result.HorizonHours,
            CreatedUtc = createdUtc.ToUniversalTime(),
            Files = files,
            Experiment = experiment,
        };
    }

    /// <summary>The manifest as indented snake_case JSON, ending with a newline.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>Reads a manifest written by <see cref="ToJson"/>.</summary>
    public static RunManifest FromJson(string json) =>
        JsonSerializer.Deserialize<RunManifest>(json, JsonOptions)
        ?? throw new JsonException("manifest.json is empty");
}
