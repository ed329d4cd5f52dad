using System.Text.Json.Serialization;
using Simulator.Reporting;

namespace Simulator.Durability;

/// <summary>
/// The <c>manifest.json</c> of a durability folder: what was asked (the command or the scenario files with their
/// SHA-256, the specs, seed, overrides), how it was computed (notes: each formula and method), what it cost, and the
/// hash of every file. Indented snake_case, like the run manifests.
/// </summary>
public sealed record DurabilityManifest
{
    /// <summary><c>durability</c> for a command, or the experiment's kind for scenario files (<c>run</c>, <c>compare</c>, <c>sweep</c>).</summary>
    public required string Kind { get; init; }
    public required string Name { get; init; }
    /// <summary>The command line's arguments, for a <c>replsim durability</c> command.</summary>
    public IReadOnlyList<string>? Command { get; init; }
    public IReadOnlyList<ManifestScenario> Scenarios { get; init; } = [];
    public IReadOnlyList<string> Overrides { get; init; } = [];
    /// <summary>The varied fields of a sweep and their values at each point.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];
    public IReadOnlyList<IReadOnlyList<string>> Points { get; init; } = [];
    public required ulong Seed { get; init; }
    public required string ToolVersion { get; init; }
    public required double WallSeconds { get; init; }
    public required long PeakMemoryBytes { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    /// <summary>Each unit (the command, a variant, a point): its spec, notes and facts.</summary>
    public required IReadOnlyList<ManifestUnit> Units { get; init; }
    [JsonPropertyOrder(100)]
    public required IReadOnlyList<ManifestFile> Files { get; init; }

    public string ToJson() => ManifestJson.Serialize(this);
}

/// <summary>A scenario file of the folder: its path as given and the SHA-256 of its effective text.</summary>
public sealed record ManifestScenario(string Path, string Sha256);

/// <summary>One analysis of the folder: a label (variant, point), its spec, notes and facts.</summary>
public sealed record ManifestUnit(string Label, IReadOnlyDictionary<string, string> Spec, IReadOnlyList<string> Notes, IReadOnlyDictionary<string, double> Facts, double WallSeconds);
