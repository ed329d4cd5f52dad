using NUnit.Framework;
using Simulator.Engine;
using Simulator.Faults.Kinds;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Tests.Support;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Storage;

/// <summary>A cluster's placement policy, from creation through re-mirroring, with invariants checked at every transition.</summary>
public sealed class ClusterPlacementTests
{
    private static Scenario WithLayout(Scenario s, PlacementKind placement, int powerDomains, int racks = 1, int replicas = 2)
    {
        var cluster = s.Topology.Regions[0].Zones[0].Clusters[0] with
        {
            Placement = placement, PowerDomains = powerDomains, RacksPerPowerDomain = racks, Replicas = replicas,
        };
        var zones = s.Topology.Regions[0].Zones;
        return s with { Topology = s.Topology with { Regions = [s.Topology.Regions[0] with { Zones = [zones[0] with { Clusters = [cluster] }, zones[1]] }] } };
    }

    private static PowerLossFault DomainDark(int domain) => new()
    {
        At = Duration.FromHours(0.1), Cluster = ClusterName, PowerDomains = [domain],
        RestoreAfter = new DurationDistributionSpec { Median = Duration.FromHours(1) },
    };

    [Test]
    public void PowerDomainAwarePlacementLeavesNoVolumeDarkOnEveryReplicaWhenOneDomainLosesPower()
    {
        // Five power domains, one dark: 20 % of the nodes. Placement ignoring domains leaves about 0.2² = 4 % of
        // the volumes dark on both replicas; power-domain-aware placement none, also after re-mirroring.
        var aware = new ClusterRig(WithLayout(Small(freeCapacityPct: 50, horizonH: 1, faults: [DomainDark(2)]), PlacementKind.PowerDomainAware, 5));
        var blind = new ClusterRig(WithLayout(Small(freeCapacityPct: 50, horizonH: 1, faults: [DomainDark(2)]), PlacementKind.MostFree, 5));
        aware.RunTo(1);
        blind.RunTo(1);
        Assert.That(aware.Cluster.PowerLostVolumes, Is.Zero);
        Assert.That(blind.Cluster.PowerLostVolumes, Is.GreaterThan(Volumes / 100));
        for (int v = 0; v < aware.Cluster.VolumeCount; v++)
        {
            var domains = aware.Cluster.ReplicaNodesOf(v).Select(aware.Cluster.Domains.PowerDomainOf).ToList();
            Assert.That(domains, Is.Unique, $"volume {v} after re-mirroring");
        }
        Assert.That(() => aware.Cluster.CheckInvariants(), Throws.Nothing);
    }

    [Test]
    public void RackAwareThreeReplicasLosingARackLeaveEveryVolumeTwoReplicas()
    {
        var rig = new ClusterRig(WithLayout(Small(freeCapacityPct: 50, horizonH: 2), PlacementKind.RackAware, powerDomains: 2, racks: 4, replicas: 3));
        var rackOf = Enumerable.Range(0, rig.Cluster.NodeCount).ToLookup(rig.Cluster.Domains.RackOf);
        foreach (int n in rackOf[5]) rig.Cluster.Fail(n);
        Assert.That(rig.Cluster.LostVolumes + rig.Cluster.UnavailableVolumes, Is.Zero);
        rig.RunTo(2);
        Assert.That(rig.Cluster.StuckVolumes + rig.Cluster.DegradedVolumes, Is.Zero, "re-mirrored into other racks");
        for (int v = 0; v < rig.Cluster.VolumeCount; v++)
            Assert.That(rig.Cluster.ReplicaNodesOf(v).Select(rig.Cluster.Domains.RackOf).ToList(), Is.Unique.And.Count.EqualTo(3), $"volume {v}");
    }

    [Test]
    public void APlacementThatCannotBeSatisfiedIsRefusedAtItsLine()
    {
        var error = Assert.Throws<Simulator.Scenarios.ScenarioException>(() => Experiments.ScenarioRunner.Load(
            Replay.RepositoryPaths.Scenario("aws-2011-us-east-1.yaml"),
            ["topology.regions[0].zones[0].clusters[0].placement=rack_aware", "topology.regions[0].zones[0].clusters[0].replicas=3",
             "topology.regions[0].zones[0].clusters[0].power_domains=1", "topology.regions[0].zones[0].clusters[0].racks_per_power_domain=2"]))!;
        Assert.That(error.Errors.Select(e => e.ToString()), Has.Some.Contains("topology.regions[0].zones[0].clusters[0].placement:")
            .And.Contains("3").And.Contains("racks"));
    }
}
