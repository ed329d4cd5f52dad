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
}
