using NUnit.Framework;
using Simulator.Engine;
using Simulator.Faults.Kinds;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Tests.Support;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Storage;

/// <summary>Volumes with R replicas under the all-replicas and the majority write rules.</summary>
public sealed class ReplicationFactorTests
{
    private static NodeFailureFault Failure(int nodes, double atH) => new() { At = Duration.FromHours(atH), Cluster = ClusterName, Nodes = nodes };

    private static void AssertEveryHealthyVolumeHasRDistinctLiveReplicas(ClusterRig rig, int r)
    {
        for (int v = 0; v < rig.Cluster.VolumeCount; v++)
        {
            if (rig.Cluster.StateOf(v) != VolumeState.Healthy) continue;
            var nodes = rig.Cluster.ReplicaNodesOf(v);
            Assert.That(nodes, Has.Length.EqualTo(r), $"volume {v}");
            Assert.That(nodes, Is.Unique, $"volume {v}");
            Assert.That(nodes.Select(rig.Cluster.NodeStatusOf), Is.All.Not.EqualTo(NodeStatus.Crashed), $"volume {v}");
        }
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(5)]
    public void EveryVolumeStartsWithRReplicasOnDistinctNodes(int r)
    {
        var rig = new ClusterRig(Small(replicas: r));
        AssertEveryHealthyVolumeHasRDistinctLiveReplicas(rig, r);
        Assert.That(() => rig.Cluster.CheckInvariants(), Throws.Nothing);
    }

    [Test]
    public void UnderTheAllRuleAVolumeThatLosesOneOfThreeReplicasIsStuckUntilItsCopyStartsThenHealthyWithThree()
    {
        var rig = new ClusterRig(Small(replicas: 3, horizonH: 3, faults: [Failure(nodes: 2, atH: 0.5)]));
        rig.RunTo(0.5);
        int hit = rig.VolumesWhere((s, _) => s != VolumeState.Healthy).Count;
        Assert.That(hit, Is.GreaterThan(0));
        rig.RunTo(3);
        Assert.That(rig.Cluster.EverStuckVolumes, Is.EqualTo(hit), "blocking re-mirroring: every volume hit was stuck");
        Assert.That(rig.Cluster.LostVolumes, Is.Zero, "no volume had all three replicas on the two failed nodes");
        Assert.That(rig.Cluster.StuckVolumes + rig.Cluster.DegradedVolumes, Is.Zero);
        AssertEveryHealthyVolumeHasRDistinctLiveReplicas(rig, 3);
        Assert.That(() => rig.Cluster.CheckInvariants(), Throws.Nothing);
    }

    [Test]
    public void UnderTheMajorityRuleAVolumeThatKeepsTwoOfThreeReplicasServesWhileItReReplicates()
    {
        var rig = new ClusterRig(Small(replicas: 3, writeRule: WriteRule.Majority, horizonH: 3, faults: [Failure(nodes: 2, atH: 0.5)]));
        var before = Enumerable.Range(0, rig.Cluster.VolumeCount).Select(rig.Cluster.ReplicaNodesOf).ToList();
        rig.RunTo(0.5);
        var failed = Enumerable.Range(0, rig.Cluster.NodeCount).Where(n => rig.Cluster.NodeStatusOf(n) == NodeStatus.Crashed).ToHashSet();
        int lostTwo = before.Count(r => r.Count(failed.Contains) == 2), lostOne = before.Count(r => r.Count(failed.Contains) == 1);
        Assert.That(lostOne, Is.GreaterThan(0));
        Assert.That(rig.Cluster.DegradedVolumes, Is.EqualTo(lostOne), "two of three: a majority serves");
        Assert.That(rig.Cluster.StuckVolumes, Is.EqualTo(lostTwo), "one of three: no majority");
        rig.RunTo(3);
        Assert.That(rig.Cluster.EverStuckVolumes, Is.EqualTo(lostTwo));
        Assert.That(rig.Cluster.StuckVolumes + rig.Cluster.DegradedVolumes + rig.Cluster.LostVolumes, Is.Zero);
        AssertEveryHealthyVolumeHasRDistinctLiveReplicas(rig, 3);
        Assert.That(() => rig.Cluster.CheckInvariants(), Throws.Nothing);
    }

    [Test]
    public void WithOneReplicaANodeLostForGoodLosesItsVolumesAndACrashMakesThemUnavailable()
    {
        var rig = new ClusterRig(Small(replicas: 1, horizonH: 2, faults: [Failure(nodes: 1, atH: 0.5)]));
        rig.RunTo(0.6);
        int onFailed = rig.Cluster.LostVolumes;
        Assert.That(onFailed, Is.InRange(Volumes / Nodes / 2, Volumes / Nodes * 2), "about one node's share");
        Assert.That(rig.Cluster.StuckVolumes, Is.Zero, "nothing to re-mirror from");

        int up = Enumerable.Range(0, rig.Cluster.NodeCount).First(n => rig.Cluster.NodeStatusOf(n) == NodeStatus.Up);
        rig.Cluster.Crash(up);
        Assert.That(rig.Cluster.UnavailableVolumes, Is.EqualTo(rig.Cluster.StuckVolumes).And.GreaterThan(0));
        Assert.That(() => rig.Cluster.CheckInvariants(), Throws.Nothing);
    }

    [TestCase("0")]
    [TestCase("6")]
    public void AReplicationFactorOutsideOneToFiveIsRefusedAtItsLine(string replicas)
    {
        var error = Assert.Throws<Simulator.Scenarios.ScenarioException>(() => Experiments.ScenarioRunner.Load(
            Replay.RepositoryPaths.Scenario("aws-2011-us-east-1.yaml"), [$"topology.regions[0].zones[0].clusters[0].replicas={replicas}"]))!;
        Assert.That(error.Errors.Select(e => e.ToString()), Has.Some.Contains("topology.regions[0].zones[0].clusters[0].replicas: expected").And.Contains(replicas));
    }
}
