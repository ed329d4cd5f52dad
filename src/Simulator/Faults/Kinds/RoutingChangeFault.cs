using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;
using Simulator.Units;

namespace Simulator.Faults.Kinds;

/// <summary>
/// A misapplied routing change: a random share of a cluster's nodes have their traffic moved onto another network
/// (the 2011 change moved it onto the low-capacity secondary), and back after <see cref="RollbackAfter"/>.
/// </summary>
[ScenarioKind("routing_change")]
public sealed record RoutingChangeFault : ClusterFaultSpec, IValidatable
{
    [Description("Share of the cluster's nodes whose traffic is moved.")]
    [Range("0%", "100%")]
    public required Fraction Portion { get; init; }
    public NetworkKind From { get; init; } = NetworkKind.Primary;
    public NetworkKind To { get; init; } = NetworkKind.Secondary;
    [Description("Time from the change to its rollback; none = never rolled back.")]
    public Duration? RollbackAfter { get; init; }

    public IEnumerable<(string RelativePath, string Message)> Validate(ValidationContext context)
    {
        if (!context.IsBound("from", "to") || From != To) yield break;
        yield return context.IsGiven("to") || !context.IsGiven("from")
            ? ("to", $"expected a network other than from ({Name(From)}), found the same")
            : ("from", $"expected a network other than to ({Name(To)}, the default), found the same");
    }

    public override void Schedule(TimelineContext timeline, int index)
    {
        var cluster = timeline.Cluster(Cluster);
        int moved = (int)Math.Round(Portion.Value * cluster.NodeCount);
        // The nodes behind the router: a random subset of the cluster's nodes, drawn by this fault alone.
        var nodes = Enumerable.Range(0, cluster.NodeCount).ToArray();
        timeline.Streams.Get("routing:" + cluster.Name, index).ShuffleFirst(nodes.AsSpan(), moved);
        var subset = nodes[..moved];
        timeline.At(At, () =>
        {
            foreach (int n in subset) cluster.Network.Route(n, To);
            cluster.OnRoutingChanged($"faults[{index}]");
        });
        timeline.Mark(At, Label ?? $"{Portion} of {cluster.Name} routed {From}→{To}".ToLowerInvariant());
        if (RollbackAfter is not { } rollback) return;
        timeline.At(At + rollback, () =>
        {
            foreach (int n in subset) cluster.Network.Route(n, From);
            cluster.OnRoutingChanged($"faults[{index}]");
        });
        timeline.Mark(At + rollback, "change rolled back");
    }

    private static string Name(NetworkKind network) => network.ToString().ToLowerInvariant();
}
