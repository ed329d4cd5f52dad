using Simulator.Engine;
using Simulator.Scenarios.Model;
using Simulator.Storage;

namespace Simulator.Faults;

/// <summary>
/// The bursts of one <c>node_failures</c> generator (<see cref="FailureBurstsSpec"/>): told of each independent
/// failure, it decides from a stream of its own whether a burst starts, how many nodes it has, whether they are in the
/// failed node's rack, which ones and when each fails, and has each fail through <paramref name="failNode"/> (the
/// generator's own failure of that node, repaired like any other). Nodes are drawn among the up ones of the first
/// <paramref name="nodes"/> (those the generator covers); a burst larger than the nodes it may draw from is cut
/// short, and a member that is no longer up when its time comes is skipped.
/// </summary>
internal sealed class FailureBursts(Simulation sim, StorageCluster cluster, FailureBurstsSpec spec, RandomStream stream, int nodes,
    Action<int> failNode) : IEventHandler
{
    private readonly double _startProbability = spec.StartProbability;
    private readonly List<int> _candidates = [];

    /// <summary>Node <paramref name="first"/> just failed on its own: maybe a burst follows.</summary>
    public void OnIndependentFailure(int first)
    {
        if (!(stream.NextDouble() < _startProbability)) return;
        int others = spec.DrawSize(stream) - 1;
        bool sameRack = stream.NextDouble() < spec.SameRack.Value;
        int rack = cluster.Domains.RackOf(first);
        _candidates.Clear();
        for (int n = 0; n < nodes; n++)
            if (n != first && cluster.NodeStatusOf(n) == NodeStatus.Up && (!sameRack || cluster.Domains.RackOf(n) == rack)) _candidates.Add(n);
        int take = Math.Min(others, _candidates.Count);
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_candidates);
        stream.ShuffleFirst(span, take);
        for (int i = 0; i < take; i++)
            sim.ScheduleAfter(Duration.FromSeconds(stream.NextDouble() * spec.Window.TotalSeconds), this, 0, span[i]);
    }

    void IEventHandler.OnEvent(int kind, long arg) => failNode((int)arg);
}
