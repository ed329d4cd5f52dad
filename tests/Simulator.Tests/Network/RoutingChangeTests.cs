using NUnit.Framework;
using Simulator.Tests.Support;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Network;

public sealed class RoutingChangeTests
{
    [Test]
    public void TwoRoutingChangesOnOneClusterMoveIndependentNodes()
    {
        var rig = new ClusterRig(Small(freeCapacityPct: 50, faults:
        [
            RoutingChange(portionPct: 10, atH: 0.1, rollbackAfterH: 0.1),
            RoutingChange(portionPct: 10, atH: 0.5, rollbackAfterH: 0.1),
        ]));
        List<int> Isolated() => Enumerable.Range(0, rig.Cluster.NodeCount).Where(rig.Cluster.IsNodeIsolated).ToList();
        rig.RunTo(0.15);
        var first = Isolated();
        rig.RunTo(0.55);
        var second = Isolated();

        Assert.That(first, Has.Count.EqualTo(4));
        Assert.That(second, Has.Count.EqualTo(4));
        // Four of 40 nodes drawn twice independently are the same set with probability 1/91,390.
        Assert.That(second, Is.Not.EquivalentTo(first), "the second change drew its own nodes");
    }
}
