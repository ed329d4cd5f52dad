using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Simulator.Experiments;

namespace Simulator.Reporting;

/// <summary>
/// The <c>manifest.json</c> of a finished folder of <c>run</c>, <c>compare</c> or <c>sweep</c> (the same fields for all
/// three): what repeats it — the resolved scenario saved beside it and its SHA-256, the seed, scale, interval and
/// replications, the tool version (with <c>.dirty</c> when built from a modified tree) — and where and how it was computed
/// (command line, threads, runtime, OS, CPU, wall time, memory). Serialized indented, in snake_case. docs/outputs.md
/// describes every field. The volatile fields (times, command line, environment) are in no CSV: the CSVs of one plan are
/// byte-identical however it was computed.
/// </summary>
public sealed record RunManifest
{
    private static JsonSerializerOptions JsonOptions => ManifestJson.Options;

    /// <summary><c>run</c>, <c>compare</c> or <c>sweep</c>.</summary>
    public ExperimentKind Kind { get; init; }
    /// <summary>The first (for a compare, the baseline) scenario's name.</summary>
    public required string ScenarioName { get; init; }
    /// <summary>The first scenario's file as given on the command line.</summary>
    public required string ScenarioPath { get; init; }
    /// <summary>Its absolute path.</summary>
    public string ScenarioFullPath { get; init; } = "";
    /// <summary>SHA-256 of the first scenario's resolved file saved in the folder (<see cref="ScenarioFile"/>).</summary>
    public required string ScenarioSha256 { get; init; }
    /// <summary>The resolved scenario saved in the folder, relative to it.</summary>
    public string ScenarioFile { get; init; } = "";
    /// <summary>Every scenario of the folder (one, or a compare's variants), in order.</summary>
    public IReadOnlyList<ManifestScenario> Scenarios { get; init; } = [];
    public required ulong Seed { get; init; }
    public required IReadOnlyList<string> Overrides { get; init; }
    public required double Scale { get; init; }
    /// <summary>Sampling interval asked for on the command line; null when the scenario's own was used.</summary>
    public string? SampleInterval { get; init; }
    /// <summary>Informational version of the simulator library that produced the run.</summary>
    public required string ToolVersion { get; init; }
    /// <summary>Command line, threads, runtime, OS and CPU of the process that finished the folder.</summary>
    public RunEnvironment? Environment { get; init; }
    public required string AffectedZoneScope { get; init; }
    /// <summary>Time 0 of the scenario as a real instant (ISO 8601), when the scenario has one.</summary>
    public DateTimeOffset? Start { get; init; }
    public required int Replications { get; init; }
    /// <summary>Volumes of the first unit's scenario (after <c>--scale</c>).</summary>
    public required long VolumesTotal { get; init; }
    /// <summary>Events fired by every unit of the folder.</summary>
    public required long EventsProcessed { get; init; }
    public required double WallSeconds { get; init; }
    public required long PeakMemoryBytes { get; init; }
    public required double HorizonH { get; init; }
    /// <summary>When the run folder was written (wall clock, UTC).</summary>
    public required DateTimeOffset CreatedUtc { get; init; }
    /// <summary>What a reader should know before trusting the figures (fewer than 5 replications: wide intervals).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>Every other file of the folder, in the order written.</summary>
    public required IReadOnlyList<ManifestFile> Files { get; init; }
    /// <summary>The plan, the share and how far it got (what <c>--resume</c> reads); absent in folders of older versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExperimentState? Experiment { get; init; }

    /// <summary>The informational version of this library (<c>0.1.0+commit</c>, <c>0.1.0+commit.dirty</c>).</summary>
    public static string CurrentToolVersion { get; } =
        typeof(RunManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(RunManifest).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>The manifest of a finished folder.</summary>
    /// <param name="results">The final files and the first unit's facts (<see cref="ExperimentFinalizer.Write"/>).</param>
    /// <param name="experiment">The folder's experiment block (its plan names the scenarios, seed, overrides, scale).</param>
    /// <param name="createdUtc">When the folder was started.</param>
    /// <param name="wallSeconds">Wall time spent on the folder.</param>
    /// <param name="peakMemoryBytes">Peak working set of the process that finished it.</param>
    /// <param name="files">The folder's other files.</param>
    /// <param name="environment">The process that finished it.</param>
    public static RunManifest Create(ExperimentResults results, ExperimentState experiment, DateTimeOffset createdUtc, double wallSeconds,
        long peakMemoryBytes, IReadOnlyList<ManifestFile> files, RunEnvironment environment)
    {
        var plan = experiment.Plan;
        var first = results.First;
        var scenarios = plan.Variants.Select((v, i) =>
            new ManifestScenario(v.Name, v.Label, v.Path, v.FullPath, v.Sha256, ResolvedScenarioFiles.RelativePath(plan, i))).ToList();
        return new RunManifest
        {
            Kind = plan.Kind,
            ScenarioName = first.ScenarioName,
            ScenarioPath = scenarios[0].Path,
            ScenarioFullPath = scenarios[0].FullPath,
            ScenarioSha256 = scenarios[0].Sha256,
            ScenarioFile = scenarios[0].File,
            Scenarios = scenarios,
            Seed = plan.Seed,
            Overrides = plan.Overrides,
            Scale = plan.Scale,
            SampleInterval = plan.SampleInterval,
            ToolVersion = CurrentToolVersion,
            Environment = environment,
            AffectedZoneScope = first.AffectedZoneScope,
            Start = first.Start,
            Replications = plan.Replications,
            VolumesTotal = first.VolumesTotal,
            EventsProcessed = results.EventsProcessed,
            WallSeconds = wallSeconds,
            PeakMemoryBytes = peakMemoryBytes,
            HorizonH = first.HorizonH,
            CreatedUtc = createdUtc.ToUniversalTime(),
            Warnings = results.Warnings,
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
