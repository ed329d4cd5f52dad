using NUnit.Framework;
using Simulator.Storage;
using Simulator.Tests.Support;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Storage;

/// <summary>Crashes that hit a volume in the middle of something: a copy in flight, a network isolation.</summary>
public sealed class CrashRegressionTests
{
    [Test]
    public void ACopyInFlightToANodeThatCrashesNeverCompletesOntoTheDeadNode()
    {
        // 10 % of the nodes isolated: their partners re-mirror onto the free half of the cluster.
        var rig = new ClusterRig(Small(freeCapacityPct: 50, faults: [RoutingChange(portionPct: 10, atH: 0.1)]));
        rig.RunTo(0.2);
        var copying = rig.VolumesWhere((s, _) => s == VolumeState.Degraded);
        Assume.That(copying, Is.Not.Empty, "copies in flight at 0.2 h");
        var targets = copying.Select(v => rig.Cluster.ReplicasOf(v).Target).Distinct().Take(5).ToList();
        foreach (int t in targets) rig.Cluster.Crash(t);

        rig.RunTo(2);

        var onDead = Enumerable.Range(0, rig.Cluster.VolumeCount)
            .Where(v => rig.Cluster.StateOf(v) == VolumeState.Healthy)
            .Where(v => rig.Cluster.ReplicasOf(v) is var r && (targets.Contains(r.Primary) || targets.Contains(r.Mirror)))
            .ToList();
        Assert.That(onDead, Is.Empty, "healthy volumes with a replica on a node that crashed while the copy was in flight");
        foreach (int v in copying.Where(v => !targets.Contains(rig.Cluster.ReplicasOf(v).Primary)))
            Assert.That(rig.Cluster.StateOf(v), Is.EqualTo(VolumeState.Healthy), $"volume {v} re-mirrored elsewhere");
        Assert.That(() => rig.Cluster.CheckInvariants(), Throws.Nothing);
    }

    [Test]
    public void ABlockedVolumeWhoseIsolatedReplicaCrashesIsNotHealthyWithOneReplicaAfterTheHeal()
    {
        // 10 % of the nodes isolated for half an hour: volumes with both replicas among them are blocked.
        var rig = new ClusterRig(Small(freeCapacityPct: 50, faults: [RoutingChange(portionPct: 10, atH: 0.1, rollbackAfterH: 0.5)]));
        rig.RunTo(0.2);
        var blocked = rig.VolumesWhere((_, f) => (f & VolumeFlags.IsolationBlocked) != 0);
        Assume.That(blocked, Is.Not.Empty, "volumes with both replicas isolated");
        // One isolated node crashes: its blocked volumes keep one replica, on another isolated node.
        int crashed = blocked.GroupBy(v => rig.Cluster.ReplicasOf(v).Primary).MaxBy(g => g.Count())!.Key;
        Assert.That(rig.Cluster.IsNodeIsolated(crashed), Is.True);
        var hit = blocked.Where(v => rig.Cluster.ReplicasOf(v) is var r && (r.Primary == crashed || r.Mirror == crashed)).ToList();
        rig.Cluster.Crash(crashed);

        rig.RunTo(3);

        for (int v = 0; v < rig.Cluster.VolumeCount; v++)
        {
            if (rig.Cluster.StateOf(v) != VolumeState.Healthy) continue;
            var (p, m, _) = rig.Cluster.ReplicasOf(v);
            Assert.That(m, Is.GreaterThanOrEqualTo(0), $"healthy volume {v} has one replica");
            Assert.That(rig.Cluster.NodeStatusOf(p), Is.Not.EqualTo(NodeStatus.Crashed), $"healthy volume {v} served from a crashed node");
            Assert.That(rig.Cluster.NodeStatusOf(m), Is.Not.EqualTo(NodeStatus.Crashed), $"healthy volume {v} mirrored on a crashed node");
        }
        foreach (int v in hit)
            Assert.That(rig.Cluster.StateOf(v), Is.EqualTo(VolumeState.Healthy), $"blocked volume {v} that lost a replica re-mirrored after the heal");
        Assert.That(() => rig.Cluster.CheckInvariants(), Throws.Nothing);
    }
}
