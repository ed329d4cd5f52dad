using System.ComponentModel;
using Simulator.Scenarios;
using Simulator.Storage;

namespace Simulator.Faults.Kinds;

/// <summary>
/// At a time, <see cref="Nodes"/> nodes of a cluster fail for good (disks or hosts lost): their replicas are gone.
/// The nodes are drawn at random among the cluster's up nodes, from a stream of this fault alone. Volumes that
/// kept a replica elsewhere re-mirror; a volume whose only up-to-date copy was on a failed node is lost.
/// </summary>
[ScenarioKind("node_failure")]
public sealed record NodeFailureFault : ClusterFaultSpec
{
    [Description("Nodes that fail (multiplied by --scale); at most the cluster's up nodes fail.")]
    [Positive]
    [Scaled(Minimum = 1)]
    public required int Nodes { get; init; }

    public override void Schedule(TimelineContext timeline, int index)
    {
        var cluster = timeline.Cluster(Cluster);
        var pick = timeline.Streams.Get("node-failure:" + cluster.Name, index);
        timeline.At(At, () =>
        {
            var up = Enumerable.Range(0, cluster.NodeCount).Where(n => cluster.NodeStatusOf(n) == NodeStatus.Up).ToArray();
            int failing = Math.Min(Nodes, up.Length);
            pick.ShuffleFirst(up.AsSpan(), failing);
            cluster.Fail(up[..failing], $"faults[{index}]");
        });
        timeline.Mark(At, Label ?? $"{Nodes} nodes of {cluster.Name} lost");
    }
}
