using NUnit.Framework;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Tests.Support;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Storage;

public sealed class ReMirroringTests
{
    [Test]
    public void ACrashedNodesVolumesReMirrorOntoLiveNodesWhenSpaceExists()
    {
        var rig = new ClusterRig(Small(freeCapacityPct: 50));
        var c = rig.Cluster;
        rig.At(0.5, () => c.Crash(7));

        rig.RunTo(0.5);
        // Each node holds about 2 × 2,000 / 40 = 100 replicas; each of their volumes lost one and searches.
        Assert.That(c.StuckVolumes, Is.InRange(60, 140));
        Assert.That(c.StuckByCrashVolumes, Is.EqualTo(c.StuckVolumes));

        rig.RunTo(2);
        Assert.That((c.StuckVolumes, c.DegradedVolumes, c.UnavailableVolumes, c.LostVolumes), Is.EqualTo((0, 0, 0, 0)));
        Assert.That(rig.VolumesWhere((s, f) => (f & VolumeFlags.StuckByCrash) != 0 && s != VolumeState.Healthy), Is.Empty);
        // Every volume again has two replicas, both on the 39 live nodes: their used space is exactly twice the data.
        long liveCapacityMiB = (c.NodeCount - 1) * c.NodeCapacityMiB;
        long dataMiB = Enumerable.Range(0, c.VolumeCount).Sum(v => c.SizeMiBOf(v));
        Assert.That(c.FreeCapacityPct, Is.EqualTo(100.0 * (liveCapacityMiB - 2 * dataMiB) / liveCapacityMiB).Within(1e-9));
        Assert.That(c.CheckInvariants, Throws.Nothing);
    }

    [Test]
    public void CopiesShareWhatThePrimaryNetworkLeavesSoTheirRepairTakesAsLongAsTheBytesOverThatBandwidth()
    {
        // The primary carries 41 Gbps, the 40 nodes offer 1 Gbps each: with node 7 crashed, 2 Gbps are left for copies
        // (each alone at most 0.4 Gbps), so the ~100 copies of 20 GiB share them instead of running side by side.
        var scenario = Small(freeCapacityPct: 50);
        var cluster = scenario.Topology.Regions[0].Zones[0].Clusters[0] with { PrimaryNetwork = Simulator.Units.Bandwidth.FromGbps(41) };
        scenario = scenario with
        {
            Topology = new TopologySpec { Regions = [scenario.Topology.Regions[0] with { Zones = [scenario.Topology.Regions[0].Zones[0] with { Clusters = [cluster] }, scenario.Topology.Regions[0].Zones[1]] }] },
        };
        var rig = new ClusterRig(scenario);
        var c = rig.Cluster;
        rig.At(0.5, () => c.Crash(7));
        rig.RunTo(0.5);
        int short1 = c.StuckVolumes;
        long bytes = Enumerable.Range(0, c.VolumeCount).Where(v => c.StateOf(v) != VolumeState.Healthy).Sum(v => c.SizeMiBOf(v)) << 20;

        double firstCopyH = double.NaN, repairedH = double.NaN, peakGbps = 0;
        for (double t = 0.5; t < 6 && double.IsNaN(repairedH); t += 1.0 / 360)
        {
            rig.RunTo(t);
            if (double.IsNaN(firstCopyH) && c.CopiesInFlight > 0) firstCopyH = t;
            peakGbps = Math.Max(peakGbps, c.RepairBandwidthBps / 1e9);
            if (c.StuckVolumes + c.DegradedVolumes == 0) repairedH = t;
        }
        Assert.That(short1, Is.InRange(60, 140));
        Assert.That(peakGbps, Is.EqualTo(2).Within(1e-6), "copies never use more than the primary leaves");
        // Work-conserving: the link is full from the first copy to near the last, so the repair takes bytes ÷ 2 Gbps.
        double expectedH = bytes * 8 / 2e9 / 3600;
        Assert.That(repairedH - firstCopyH, Is.EqualTo(expectedH).Within(0.05 * expectedH),
            $"{short1} copies of 20 GiB over 2 Gbps: {expectedH:F2} h, not the {20 * 8.59 / 0.4 / 3600:F2} h of one copy alone");
        Assert.That(c.CheckInvariants, Throws.Nothing);
    }

    [Test]
    public void ANodeThatRestartsAfterItsVolumesReMirroredHoldsNoneOfTheirOldReplicas()
    {
        // Space of given-up replicas is freed at once; the node restarts half an hour after crashing, its volumes re-mirrored by then.
        var rig = new ClusterRig(Small(freeCapacityPct: 50, holdGivenUpSpace: false, restartAfterH: 0.5));
        var c = rig.Cluster;
        rig.At(0.1, () => c.Crash(7));

        rig.RunTo(2);
        Assert.That(c.NodesCrashed, Is.EqualTo(1));
        Assert.That(c.NodesDown, Is.Zero, "node 7 is back");
        Assert.That(c.StuckVolumes + c.DegradedVolumes, Is.Zero);
        // All 40 nodes take replicas again and hold exactly two of every volume.
        long capacityMiB = c.NodeCount * c.NodeCapacityMiB;
        long dataMiB = Enumerable.Range(0, c.VolumeCount).Sum(v => c.SizeMiBOf(v));
        Assert.That(c.FreeCapacityPct, Is.EqualTo(100.0 * (capacityMiB - 2 * dataMiB) / capacityMiB).Within(1e-9));
    }

    [Test]
    public void VolumesCutOffByARoutingChangeStayStuckWithoutSpaceUntilCapacityIsAdded()
    {
        // 0.5 % free: 10 GiB per node, less than one 20 GiB volume. 10 % of the nodes isolated for half an hour.
        var run = Run(Small(freeCapacityPct: 0.5, horizonH: 3,
            faults: [RoutingChange(portionPct: 10, atH: 0, rollbackAfterH: 0.5)],
            operators: [AddCapacity(atH: 2, nodes: 20)]));

        var stalled = Series.Between(run, ZoneAScope, "volumes_stuck_pct", 0.75, 2);
        // About 4 isolated nodes × 100 replicas of 2,000 volumes lose a partner: ~20 %.
        Assert.That(stalled[0], Is.GreaterThan(10));
        Assert.That(stalled, Is.All.EqualTo(stalled[0]), "nothing frees space before capacity is added");
        Assert.That(Series.At(run, ZoneAScope, "volumes_stuck_pct", 3), Is.Zero);
        Assert.That(Series.At(run, ZoneAScope, "volumes_degraded_pct", 3), Is.Zero);
        Assert.That(Series.At(run, ZoneAScope, "volumes_lost_pct", 3), Is.Zero);
    }

    [Test]
    public void ACrashOfTheNodeHoldingAStuckVolumesOnlyCopyMakesItUnavailableAndAnUnrecoverableCopyIsLostForGood()
    {
        // No space: volumes that lose a replica stay stuck on their one copy. Nodes restart an hour after crashing.
        var rig = new ClusterRig(Small(freeCapacityPct: 0.5, unrecoverablePct: 100, restartAfterH: 1,
            operators: [AddCapacity(atH: 2, nodes: 40), ManualRestore(atH: 2, perHour: 3600)]));
        var c = rig.Cluster;
        rig.At(0, () => c.Crash(0));
        rig.At(0.25, () => { for (int n = 1; n <= 4; n++) c.Crash(n); });

        rig.RunTo(0.2);
        Assert.That(c.StuckVolumes, Is.GreaterThan(50));
        Assert.That(c.UnavailableVolumes, Is.Zero, "one crash leaves every volume a copy");

        rig.RunTo(0.5);
        var unavailable = rig.VolumesWhere((_, f) => (f & VolumeFlags.Unavailable) != 0);
        // Volumes that had replicas on node 0 and on one of nodes 1-4: about 100 × 4/39.
        Assert.That(unavailable, Has.Count.GreaterThan(3));
        Assert.That(unavailable.Select(c.StateOf), Is.All.EqualTo(VolumeState.Stuck));
        Assert.That(c.LostVolumes, Is.Zero);

        // Nodes 1-4 restart at 1.25 h; capacity and restores by hand come at 2 h.
        var lost = rig.RunTo(4, everyMinutes: 1, cluster => cluster.LostVolumes);
        Assert.That(lost, Is.Ordered.Ascending, "the lost count never decreases");
        Assert.That(rig.VolumesWhere((s, _) => s == VolumeState.Lost), Is.EqualTo(unavailable));
        Assert.That(c.StuckVolumes, Is.Zero, "every other volume was restored");
    }
}
