namespace Simulator.Experiments;

/// <summary>
/// The <c>experiment</c> block of a manifest: the plan, which share of it the folder holds, and how far it got.
/// <c>merge</c> and <c>--resume</c> read it; it is what makes a folder continuable and combinable.
/// </summary>
public sealed record ExperimentState
{
    public required ExperimentKind Kind { get; init; }
    /// <summary><see cref="ExperimentPlan.Sha256"/>: folders of one plan have the same.</summary>
    public required string PlanSha256 { get; init; }
    public required ExperimentPlan Plan { get; init; }
    /// <summary>The share computed, "i/n"; null for the whole plan.</summary>
    public string? Shard { get; init; }
    public required ExperimentStatus Status { get; init; }
    /// <summary>Units of the whole plan.</summary>
    public required int UnitsTotal { get; init; }
    /// <summary>Units of this folder's share.</summary>
    public required int UnitsInShare { get; init; }
    /// <summary>Units of the share done.</summary>
    public required int UnitsDone { get; init; }
    /// <summary>The folders a merge read, as given; empty otherwise.</summary>
    public IReadOnlyList<string> MergedFrom { get; init; } = [];

    /// <summary>The share as a <see cref="Experiments.Shard"/>.</summary>
    public Shard ShardValue() =>
        Shard is null ? Experiments.Shard.All
        : Experiments.Shard.TryParse(Shard, out var s, out string error) ? s : throw new FormatException($"shard in manifest: {error}");
}
