using NUnit.Framework;
using Simulator.Engine;
using Simulator.Faults;
using Simulator.Faults.Kinds;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Tests.Support;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Storage;

/// <summary>
/// A cluster whose nodes span three zones (<see cref="ClusterSpec.Zones"/>), three replicas, majority writes: under
/// zone_spread every volume keeps one replica in each zone, through re-mirroring, and losing a whole zone costs each
/// volume one replica, so none is lost and every one keeps serving.
/// </summary>
public sealed class SpanningClusterTests
{
    private const string ZoneC = "zc";
    private const int SpanNodes = 60;

    /// <summary>The small scenario with its cluster spread over za, zb and zc (20 nodes each), R = 3, majority writes.</summary>
    private static Scenario Spanning(PlacementKind placement = PlacementKind.ZoneSpread, IReadOnlyList<FaultSpec>? faults = null, double horizonH = 4)
    {
        // Exponential back-off: a volume that waits for a zone with no node left retries every 5 min at most.
        var retry = new RetryPolicySpec { Policy = RetryPolicyKind.Exponential, Interval = Duration.FromSeconds(5), MaxInterval = Duration.FromMinutes(5) };
        var small = Small(nodes: SpanNodes, replicas: 3, writeRule: WriteRule.Majority, retry: retry, faults: faults, horizonH: horizonH);
        var region = small.Topology.Regions[0];
        var home = region.Zones[0];
        var cluster = home.Clusters[0] with { Zones = [ZoneA, ZoneB, ZoneC], Placement = placement };
        return small with
        {
            Topology = new TopologySpec
            {
                Regions = [region with { Zones = [home with { Clusters = [cluster] }, region.Zones[1], new ZoneSpec { Name = ZoneC }] }],
            },
        };
    }

    /// <summary>
    /// Volumes (not lost) with two of their replicas, or a replica and the copy target, in one zone; with
    /// <paramref name="complete"/>, also those without a replica in each of the three zones.
    /// </summary>
    private static List<string> ZoneViolations(StorageCluster c, bool complete)
    {
        var problems = new List<string>();
        for (int v = 0; v < c.VolumeCount; v++)
        {
            if (c.StateOf(v) == VolumeState.Lost) continue;
            var nodes = c.ReplicaNodesOf(v).ToList();
            int target = c.ReplicasOf(v).Target;
            if (target >= 0) nodes.Add(target);
            var zones = nodes.Select(c.ZoneIndexOfNode).ToList();
            if (zones.Distinct().Count() != zones.Count) problems.Add($"volume {v}: zones {string.Join(", ", zones)}");
            else if (complete && zones.Count != 3) problems.Add($"volume {v}: {zones.Count} replicas, zones {string.Join(", ", zones)}");
        }
        return problems;
    }

    [Test]
    public void NodesSpreadEvenlyOverTheZonesAndEveryVolumeStartsWithOneReplicaInEach()
    {
        var c = new ClusterRig(Spanning()).Cluster;

        Assert.That(c.SpannedZoneNames, Is.EqualTo(new[] { ZoneA, ZoneB, ZoneC }));
        Assert.That(c.Domains.ZoneCount, Is.EqualTo(3));
        var perZone = Enumerable.Range(0, c.NodeCount).GroupBy(c.ZoneIndexOfNode).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(perZone, Is.EqualTo(new Dictionary<int, int> { [0] = 20, [1] = 20, [2] = 20 }), "zone indices 0, 1, 2 of the scenario: za, zb, zc");
        Assert.That(ZoneViolations(c, complete: true), Is.Empty);
    }

    [Test]
    public void AClusterWithoutZonesStaysInTheZoneItIsListedUnder()
    {
        var c = new ClusterRig(Small(nodes: SpanNodes, replicas: 3, writeRule: WriteRule.Majority)).Cluster;

        Assert.That(c.SpannedZoneNames, Is.EqualTo(new[] { ZoneA }));
        Assert.That(c.Domains.ZoneCount, Is.EqualTo(1));
        Assert.That(Enumerable.Range(0, c.NodeCount).Select(c.ZoneIndexOfNode).Distinct(), Is.EqualTo(new[] { 0 }));
        Assert.That(c.LocalZoneOf(ZoneB), Is.EqualTo(-1));
    }

    [Test]
    public void ReMirroringAfterNodeFailuresKeepsOneReplicaInEachZone()
    {
        // Six nodes fail at 0.5 h, two in each zone (node n is in zone n mod 3), and are replaced empty at 1.5 h.
        var rig = new ClusterRig(Spanning(horizonH: 6));
        var c = rig.Cluster;
        var failed = new[] { 0, 1, 2, 30, 31, 32 };
        int allOnFailed = -1;
        rig.At(0.5, () =>
        {
            allOnFailed = Enumerable.Range(0, c.VolumeCount).Count(v => c.ReplicaNodesOf(v).All(failed.Contains));
            foreach (int n in failed) c.Fail(n);
        });
        rig.At(1.5, () => { foreach (int n in failed) c.Replace(n); });

        var seen = rig.RunTo(6, everyMinutes: 5, cluster => (Affected: cluster.DegradedVolumes + cluster.StuckVolumes, Problems: ZoneViolations(cluster, complete: false)));
        Assert.That(seen.SelectMany(s => s.Problems), Is.Empty, "no two replicas (or a replica and its copy target) in one zone");
        Assert.That(seen.Max(s => s.Affected), Is.GreaterThan(500), "the failures made volumes re-mirror: six of 60 nodes held 30 % of the replicas");

        // Re-mirroring done: every volume left has its three replicas again, one in each zone.
        c.CheckInvariants();
        Assert.That(c.DegradedVolumes + c.StuckVolumes, Is.Zero);
        Assert.That(c.LostVolumes, Is.EqualTo(allOnFailed), "lost: the volumes with all three replicas on failed nodes, and only those");
        Assert.That(ZoneViolations(c, complete: true), Is.Empty);
    }

    [Test]
    public void UnderIndependentNodeFailuresEveryVolumeKeepsItsReplicasInDistinctZones()
    {
        // The generator: MTTF 50 h over 60 nodes, about 1.2 failures an hour, each replaced empty after 30 min.
        var generator = new NodeFailuresFault
        {
            At = Duration.Zero, Cluster = ClusterName, Mttf = Duration.FromHours(50),
            Repair = new DurationDistributionSpec { Median = Duration.FromMinutes(30) },
        };
        var rig = new ClusterRig(Spanning(faults: [generator], horizonH: 24));
        var c = rig.Cluster;

        var problems = rig.RunTo(24, everyMinutes: 15, cluster => ZoneViolations(cluster, complete: false));
        Assert.That(problems.SelectMany(p => p), Is.Empty);
        Assert.That(c.NodesCrashed, Is.GreaterThan(10), "the generator failed nodes");
        c.CheckInvariants();
        var healthy = Enumerable.Range(0, c.VolumeCount).Where(v => c.StateOf(v) == VolumeState.Healthy).ToList();
        Assert.That(healthy, Has.Count.GreaterThan(Volumes / 2));
        Assert.That(healthy.Count(v => c.ReplicaNodesOf(v).Select(c.ZoneIndexOfNode).Distinct().Count() != 3), Is.Zero,
            "healthy volumes: one replica in each zone");
    }

    [TestCase(PlacementKind.ZoneSpread)]
    [TestCase(PlacementKind.MostFree)]
    public void LosingEveryNodeOfAZoneLosesNoVolumeUnderZoneSpread(PlacementKind placement)
    {
        var rig = new ClusterRig(Spanning(placement, horizonH: 10));
        var c = rig.Cluster;
        int zb = c.SpannedZoneIndices[c.LocalZoneOf(ZoneB)];
        var zoneB = Enumerable.Range(0, c.NodeCount).Where(n => c.ZoneIndexOfNode(n) == zb).ToList();
        Assert.That(zoneB, Has.Count.EqualTo(20));
        rig.At(0.5, () => { foreach (int n in zoneB) c.Fail(n); });
        rig.RunTo(3);

        if (placement == PlacementKind.MostFree)
        {
            // Not zone-aware: volumes with two or three replicas in zb lose their majority, or everything.
            Assert.That(c.StuckVolumes + c.LostVolumes, Is.GreaterThan(0), "most_free puts replicas of some volumes in one zone");
            return;
        }
        Assert.That(c.LostVolumes, Is.Zero, "lost");
        Assert.That(c.UnavailableVolumes, Is.Zero, "unavailable");
        Assert.That(c.StuckVolumes, Is.Zero, "stuck: a majority of two replicas serves");
        Assert.That(c.DegradedVolumes, Is.EqualTo(Volumes), "every volume lost its zb replica and waits for a node there");
        Assert.That(ZoneViolations(c, complete: false), Is.Empty, "no replacement outside zb");

        // The zone's nodes come back empty: every volume gets its zb replica again.
        rig.At(3, () => { foreach (int n in zoneB) c.Replace(n); });
        rig.RunTo(10);
        c.CheckInvariants();
        Assert.That(c.DegradedVolumes + c.StuckVolumes + c.LostVolumes, Is.Zero);
        Assert.That(ZoneViolations(c, complete: true), Is.Empty);
    }

    [Test]
    public void ASpanningClustersVolumesAreCountedOnceInItsHomeZone()
    {
        var failure = new NodeFailureFault { At = Duration.FromHours(0.5), Cluster = ClusterName, Nodes = 10 };
        var run = Run(Spanning(faults: [failure], horizonH: 2));

        var volumeMetrics = run.Rows.Where(r => r.Metric.StartsWith("volumes_", StringComparison.Ordinal) && !r.Scope.StartsWith("cluster:", StringComparison.Ordinal)).ToList();
        Assert.That(volumeMetrics.Select(r => r.Scope).Distinct().Order(), Is.EqualTo(new[] { "region:test-region", ZoneAScope }),
            "zb and zc, which the cluster spans, show none of its volumes");
        var zone = volumeMetrics.Where(r => r.Scope == ZoneAScope).ToDictionary(r => (r.TimeH, r.Metric), r => r.Value);
        var region = volumeMetrics.Where(r => r.Scope == "region:test-region").ToList();
        Assert.That(region.All(r => r.Value == zone[(r.TimeH, r.Metric)]), "the region counts each volume once, as its home zone does");
        Assert.That(region.Where(r => r.Metric == "volumes_degraded_pct").Max(r => r.Value), Is.GreaterThan(0), "the failures were seen");
        Assert.That(run.Rows.Where(r => r.Scope == "zone:" + ZoneC).Select(r => r.Metric).Distinct(), Is.Not.Empty, "zc still has its API metrics");
    }
}
