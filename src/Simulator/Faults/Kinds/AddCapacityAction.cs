using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Faults.Kinds;

/// <summary>Adds <see cref="Nodes"/> empty nodes, <see cref="Batches"/> times, every <see cref="Every"/>.</summary>
[ScenarioKind("add_capacity")]
public sealed record AddCapacityAction : ClusterActionSpec
{
    [Description("Nodes added per batch (multiplied by --scale).")]
    [Positive]
    [Scaled(Minimum = 1)]
    public required int Nodes { get; init; }
    [Description("Number of batches.")]
    [Positive]
    [Unscaled("a number of steps, not of nodes")]
    public int Batches { get; init; } = 1;
    [Description("Time between batches.")]
    [NonNegative]
    public Duration Every { get; init; } = Duration.Zero;

    public override string DefaultLabel => $"capacity added ({Batches}×{Nodes} nodes)";

    protected override void Act(TimelineContext timeline, int index, Duration at)
    {
        var cluster = timeline.Cluster(Cluster);
        int nodes = Nodes;
        for (int b = 0; b < Batches; b++) timeline.At(at + Every * b, () => cluster.AddNodes(nodes));
    }
}
