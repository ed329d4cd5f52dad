using System.ComponentModel;
using System.Globalization;
using Simulator.Placement;
using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Durability;

/// <summary>
/// Simultaneous failures (Cidon et al., "Copysets", USENIX ATC 2013): a cluster of <see cref="Nodes"/> nodes holds
/// N·B/R chunks of R replicas placed by <see cref="Placement"/>; a uniformly random set of <see cref="Failed"/> nodes
/// (or of <see cref="FailedRacks"/> whole racks) fails for good at once. What is the chance some chunk loses every
/// replica, and how many chunks are lost?
/// </summary>
[ScenarioKind("simultaneous")]
public sealed record SimultaneousSpec : DurabilitySpec
{
    [Description("Nodes in the cluster (N).")]
    [Positive]
    public required int Nodes { get; init; }
    [Description("Replicas of every chunk (R), on distinct nodes.")]
    [Range(1, 32)]
    public required int Replicas { get; init; }
    [Description("random, scatter, copyset or rack_aware (rack-aware also accepted).")]
    public required string Placement { get; init; }
    [Description("Scatter width S of scatter and copyset placement (the others ignore it).")]
    public int? ScatterWidth { get; init; }
    [Description("Racks the nodes are spread over, round-robin (rack-aware placement, failed racks).")]
    [Positive]
    public int Racks { get; init; } = 1;
    [Description("Chunk replicas each node holds (B): there are N·B/R chunks (rounded down).")]
    [Positive]
    public required long ChunksPerNode { get; init; }
    [Description("Nodes that fail: a count (50) or a share of the nodes (1%). Give this or failed_racks.")]
    public string? Failed { get; init; }
    [Description("Whole racks that fail instead, a uniformly random set of them. Give this or failed.")]
    public int? FailedRacks { get; init; }
    [Description("Size of a chunk, to report the bytes lost, e.g. 64MiB.")]
    public ByteSize? ChunkSize { get; init; }

    public override string Kind => "simultaneous";
    public override long DefaultTrials => 10_000;

    /// <summary>The placement's kind name in the placement module (<c>rack_aware</c> for <c>rack-aware</c>).</summary>
    public string PlacementKind => Placement.Trim().Replace('-', '_').ToLowerInvariant();

    /// <summary>Names the durability analysis accepts.</summary>
    public static readonly IReadOnlyList<string> PlacementNames = [RandomPolicy.KindName, ScatterPolicy.KindName, CopysetPolicy.KindName, RackAwarePolicy.KindName];

    /// <summary>N·B/R, rounded down.</summary>
    public long ChunkCount => (long)Nodes * ChunksPerNode / Math.Max(1, Replicas);

    /// <summary>The failed node count <see cref="Failed"/> gives (a share rounded to the nearest count); −1 when it does not parse.</summary>
    public int FailedNodes => TryFailedNodes(out int count, out _) ? count : -1;

    public override IEnumerable<(string Field, string Message)> Problems(Func<string[], bool> bound)
    {
        if (bound(["placement"]) && !PlacementNames.Contains(PlacementKind))
            yield return ("placement", $"expected one of random, scatter, copyset, rack-aware, found \"{Placement}\"");
        if (Failed is null == FailedRacks is null)
            yield return (Failed is null ? "" : "failed_racks", $"give either failed (nodes) or failed_racks, found {(Failed is null ? "neither" : "both")}");
        if (Failed is not null && bound(["failed", "nodes"]) && !TryFailedNodes(out _, out string error))
            yield return ("failed", error);
        if (FailedRacks is { } racks && bound(["failed_racks", "racks"]) && (racks < 1 || racks > Racks))
            yield return ("failed_racks", $"expected 1 to racks = {Racks} failed racks, found {racks}");
        if (bound(["nodes", "racks"]) && Racks > Nodes)
            yield return ("racks", $"expected at most nodes = {Nodes} racks, found {Racks}");
        if (bound(["nodes", "replicas", "chunks_per_node"]) && Nodes >= 1 && Replicas >= 1 && ChunkCount < 1)
            yield return ("chunks_per_node", $"expected N·B/R ≥ 1 chunk, found {Nodes}·{ChunksPerNode}/{Replicas} < 1");
        if (bound(["nodes", "replicas", "chunks_per_node"]) && ChunkCount * Replicas > int.MaxValue)
            yield return ("chunks_per_node", $"expected at most {int.MaxValue} chunk replicas in all (N·B), found {(long)Nodes * ChunksPerNode}");
        if (bound(["placement", "nodes", "replicas", "racks", "scatter_width"]) && PlacementNames.Contains(PlacementKind) && Nodes >= 1 && Replicas >= 1
            && Racks >= 1 && Racks <= Nodes)
        {
            bool takesWidth = PlacementKinds.TakesScatterWidth(PlacementKind);
            if (takesWidth && ScatterWidth is null)
                yield return ("scatter_width", $"{Placement} placement needs a scatter width");
            else if (PlacementKinds.Check(PlacementKind, FailureDomains.Uniform(Nodes, 1, 1, Racks), Replicas, ScatterWidth ?? 0) is { } problem)
                yield return (takesWidth ? "scatter_width" : "placement", problem);
        }
    }

    /// <summary>Reads <see cref="Failed"/>: a count of at most N, or a share of N in (0 %, 100 %].</summary>
    public bool TryFailedNodes(out int count, out string error)
    {
        count = 0;
        error = "";
        string text = (Failed ?? "").Trim();
        if (text.EndsWith('%'))
        {
            if (!Fraction.TryParse(text, out var share, out error)) return false;
            count = (int)Math.Round(share.Value * Nodes, MidpointRounding.ToEven);
            if (share.Value <= 0 || share.Value > 1 || count < 1)
            {
                error = $"expected a share of the {Nodes} nodes above 0 % and at most 100 % that fails at least one node, found \"{Failed}\"";
                return false;
            }
            return true;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1)
        {
            error = $"expected a count of nodes (50) or a share of them (1%), found \"{Failed}\"";
            return false;
        }
        if (count > Nodes)
        {
            error = $"expected at most nodes = {Nodes} failed nodes, found {count}";
            return false;
        }
        return true;
    }
}
