using NUnit.Framework;
using Simulator.Engine;
using Simulator.Experiments;
using Simulator.Faults.Kinds;
using Simulator.Scenarios;
using Simulator.Storage;
using Simulator.Tests.Support;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Faults;

public sealed class NodeFailureFaultTests
{
    private static NodeFailureFault Failure(int nodes, double atH = 0.5) => new() { At = Duration.FromHours(atH), Cluster = ClusterName, Nodes = nodes };

    [Test]
    public void FailedNodesNeverReturnAndTheirVolumesReMirrorElsewhere()
    {
        // 2 of 40 nodes lost with half the space free: each volume had a replica on one of them with probability
        // about 2 × 2/40 = 10 %; those with both replicas on the pair are lost.
        var rig = new ClusterRig(Small(freeCapacityPct: 50, horizonH: 3, faults: [Failure(nodes: 2)]));
        rig.RunTo(0.49);
        Assert.That(rig.VolumesWhere((s, _) => s != VolumeState.Healthy), Is.Empty);
        var before = Enumerable.Range(0, rig.Cluster.VolumeCount).Select(rig.Cluster.ReplicasOf).ToList();
        rig.RunTo(0.5);
        var failed = Enumerable.Range(0, rig.Cluster.NodeCount).Where(n => rig.Cluster.NodeStatusOf(n) == NodeStatus.Crashed).ToList();
        Assert.That(failed, Has.Count.EqualTo(2));
        int hit = rig.VolumesWhere((s, _) => s != VolumeState.Healthy).Count;
        int pairs = before.Count(r => failed.Contains(r.Primary) && failed.Contains(r.Mirror));
        Assert.That(hit, Is.EqualTo(before.Count(r => failed.Contains(r.Primary) || failed.Contains(r.Mirror))), "every volume with a replica there, at once");

        rig.RunTo(3);

        Assert.That(hit, Is.InRange(Volumes * 0.05, Volumes * 0.15), "volumes that lost a replica");
        Assert.That(rig.Cluster.LostVolumes, Is.EqualTo(pairs), "lost: both replicas on failed nodes");
        Assert.That(rig.Cluster.StuckVolumes + rig.Cluster.DegradedVolumes, Is.Zero, "the rest re-mirrored");
        Assert.That(failed.Select(rig.Cluster.NodeStatusOf), Is.All.EqualTo(NodeStatus.Crashed), "never restarted");
        for (int v = 0; v < rig.Cluster.VolumeCount; v++)
            if (rig.Cluster.StateOf(v) == VolumeState.Healthy)
                Assert.That(failed, Does.Not.Contain(rig.Cluster.ReplicasOf(v).Primary).And.Not.Contain(rig.Cluster.ReplicasOf(v).Mirror));
        Assert.That(() => rig.Cluster.CheckInvariants(), Throws.Nothing);
    }

    [Test]
    public void AVolumeWhoseOnlyCopyWasOnAFailedNodeIsLostAtOnce()
    {
        // No free space: volumes that lose a replica to the first failure cannot re-mirror; the second failure, of
        // every node, takes their only copies.
        var rig = new ClusterRig(Small(freeCapacityPct: 0.5, horizonH: 2, faults: [Failure(nodes: 4, atH: 0.2), Failure(nodes: Nodes, atH: 1)]));
        rig.RunTo(0.9);
        int stuck = rig.Cluster.StuckVolumes;
        Assert.That(stuck, Is.GreaterThan(0));
        rig.RunTo(1);
        Assert.That(rig.Cluster.LostVolumes, Is.EqualTo(Volumes), "every copy was on a node lost for good");
        Assert.That(rig.Cluster.UnavailableVolumes, Is.Zero, "nothing waits for a restart that never comes");
    }

    [Test]
    public void TheKindIsReadFromAFileAndScaled()
    {
        string dir = Path.Combine(Path.GetTempPath(), "replsim-node-failure-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "s.yaml");
            File.WriteAllText(path, File.ReadAllText(Replay.RepositoryPaths.Scenario("aws-2011-us-east-1.yaml"))
                .Replace("faults:\n", "faults:\n  - kind: node_failure\n    at: 2h\n    cluster: ebs-1a\n    nodes: 25\n", StringComparison.Ordinal));
            var loaded = ScenarioRunner.Load(path);
            var failure = loaded.Model.Faults.OfType<NodeFailureFault>().Single();
            Assert.That(failure.Nodes, Is.EqualTo(25));
            Assert.That(ScenarioScaler.Scale(loaded.Model, 0.1).Faults.OfType<NodeFailureFault>().Single().Nodes, Is.EqualTo(2));

            File.WriteAllText(path, File.ReadAllText(path).Replace("    nodes: 25\n", "    nodes: 25\n    portion: 8%\n", StringComparison.Ordinal)
                .Replace("cluster: ebs-1a\n    nodes: 25", "cluster: ebs-1x\n    nodes: 25", StringComparison.Ordinal));
            var errors = Assert.Throws<ScenarioException>(() => ScenarioRunner.Load(path))!.Errors.Select(e => e.ToString()).ToList();
            Assert.That(errors, Has.Some.Contains("faults[0].portion: unknown field \"portion\" for kind \"node_failure\""));
            Assert.That(errors, Has.Some.Contains("faults[0].cluster: expected one of the scenario's clusters (ebs-1a), found \"ebs-1x\""));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
