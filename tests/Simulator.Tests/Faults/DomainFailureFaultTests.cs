using NUnit.Framework;
using Simulator.Engine;
using Simulator.Faults.Kinds;
using Simulator.Placement;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Tests.Support;
using Simulator.Units;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Faults;

public sealed class DomainFailureFaultTests
{
    // 40 nodes over 4 power domains of 3 racks: 12 racks of 3 or 4 nodes (node n in rack n mod 12).
    private const int PowerDomains = 4, RacksPerPowerDomain = 3;

    private static DomainFailureFault Failure(FailureDomainLevel level, int index, double dataLostPct, double atH = 0.1, double repairH = 2,
        double repairSigma = 0) => new()
    {
        At = Duration.FromHours(atH),
        Cluster = ClusterName,
        Level = level,
        Index = index,
        DataLost = Fraction.FromPercent(dataLostPct),
        Repair = new DurationDistributionSpec { Median = Duration.FromHours(repairH), Sigma = repairSigma },
    };

    private static List<int> NodesOf(StorageCluster c, DomainLevel level, int domain) =>
        Enumerable.Range(0, c.NodeCount).Where(n => c.Domains.DomainOf(n, level) == domain).ToList();

    private static List<int> Where(StorageCluster c, Func<int, bool> predicate) => Enumerable.Range(0, c.NodeCount).Where(predicate).ToList();

    [TestCase(1ul, 0, 0.0)]
    [TestCase(2ul, 5, 100.0)]
    [TestCase(3ul, 11, 50.0)]
    [TestCase(4ul, 7, 100.0)]
    [TestCase(5ul, 2, 0.0)]
    public void ARackFailureUnderRackAwareThreeReplicasLeavesNoVolumeUnavailableOrLost(ulong seed, int rack, double dataLostPct)
    {
        // Rack-aware placement puts the three replicas of a volume in three racks: a rack takes at most one of them,
        // whether it keeps its data or not, and each volume keeps two reachable copies throughout.
        var scenario = Small(freeCapacityPct: 50, horizonH: 5, replicas: 3, faults: [Failure(FailureDomainLevel.Rack, rack, dataLostPct)])
            .WithLayout(PowerDomains, RacksPerPowerDomain, PlacementKind.RackAware);
        var rig = new ClusterRig(scenario, seed);
        var c = rig.Cluster;
        Assert.That(Enumerable.Range(0, c.VolumeCount).Select(v => c.ReplicaNodesOf(v).Select(c.Domains.RackOf).Distinct().Count()),
            Is.All.EqualTo(3), "placed in three racks");
        var seen = rig.RunTo(0.11, everyMinutes: 1, x => x.UnavailableVolumes + x.LostVolumes);
        var down = Where(c, n => c.IsNodeDark(n) || c.NodeStatusOf(n) == NodeStatus.Crashed);
        Assert.That(down, Is.EqualTo(NodesOf(c, DomainLevel.Rack, rack)), "exactly the rack's nodes");
        Assert.That(c.StuckVolumes + c.DegradedVolumes, Is.GreaterThan(0), "the rack held replicas");

        seen.AddRange(rig.RunTo(5, everyMinutes: 1, x => x.UnavailableVolumes + x.LostVolumes));

        Assert.That(seen, Is.All.Zero, "never a volume without a reachable copy, never one lost");
        Assert.That(c.StuckVolumes + c.DegradedVolumes + c.LostVolumes, Is.Zero, "every volume re-mirrored");
        Assert.That(Where(c, n => c.IsNodeDark(n) || c.NodeStatusOf(n) != NodeStatus.Up), Is.Empty, "the rack is back at 2.1 h");
        Assert.That(Enumerable.Range(0, c.VolumeCount).Select(v => c.ReplicaNodesOf(v).Select(c.Domains.RackOf).Distinct().Count()),
            Is.All.EqualTo(3), "re-mirrored into other racks");
        Assert.That(() => c.CheckInvariants(), Throws.Nothing);
    }

    [Test]
    public void WithoutRackAwarenessARackThatBurnsLosesTheVolumesWhollyInItAndOneCutOffBlocksThemUntilItsRepair()
    {
        // Random placement, two replicas: the volumes with both replicas in the rack are the ones at stake. A rack
        // whose data is lost loses exactly those; one that is only cut off blocks them (no reachable copy) and gives
        // them back whole at its repair, with no doubt about their last writes (unlike a power loss).
        const int rack = 6;
        foreach (double dataLostPct in new[] { 100.0, 0.0 })
        {
            var scenario = Small(freeCapacityPct: 50, horizonH: 4, faults: [Failure(FailureDomainLevel.Rack, rack, dataLostPct)])
                .WithLayout(PowerDomains, RacksPerPowerDomain, PlacementKind.Random);
            var rig = new ClusterRig(scenario);
            var c = rig.Cluster;
            var inRack = NodesOf(c, DomainLevel.Rack, rack).ToHashSet();
            int wholly = Enumerable.Range(0, c.VolumeCount).Count(v => c.ReplicaNodesOf(v).All(inRack.Contains));
            Assert.That(wholly, Is.GreaterThan(0), "some volumes have both replicas in the rack");

            rig.RunTo(0.11);
            if (dataLostPct == 100)
            {
                Assert.That(c.LostVolumes, Is.EqualTo(wholly), "lost at once: their every copy burned");
                Assert.That(c.UnavailableVolumes, Is.Zero);
            }
            else
            {
                Assert.That(c.UnavailableVolumes, Is.EqualTo(wholly), "blocked: no reachable replica");
                Assert.That(c.LostVolumes + c.PowerLostVolumes, Is.Zero);
            }
            rig.RunTo(4);
            Assert.That(c.LostVolumes, Is.EqualTo(dataLostPct == 100 ? wholly : 0), $"data lost {dataLostPct} %");
            Assert.That(c.StuckVolumes + c.DegradedVolumes + c.ConsistencyUnknownVolumes + c.UnavailableVolumes, Is.Zero, "the rest serve again");
            Assert.That(() => c.CheckInvariants(), Throws.Nothing);
        }
    }

    [TestCase(FailureDomainLevel.PowerDomain, 2, 0.0)]
    [TestCase(FailureDomainLevel.PowerDomain, 1, 100.0)]
    [TestCase(FailureDomainLevel.PowerDomain, 3, 50.0)]
    [TestCase(FailureDomainLevel.Zone, 0, 0.0)]
    [TestCase(FailureDomainLevel.Zone, 0, 100.0)]
    [TestCase(FailureDomainLevel.Rack, 9, 100.0)]
    public void ADomainFailureTakesDownExactlyThatDomainsNodes(FailureDomainLevel level, int index, double dataLostPct)
    {
        var scenario = Small(freeCapacityPct: 50, horizonH: 0.5, faults: [Failure(level, index, dataLostPct)])
            .WithLayout(PowerDomains, RacksPerPowerDomain);
        var rig = new ClusterRig(scenario);
        var c = rig.Cluster;
        var domainLevel = level switch { FailureDomainLevel.Rack => DomainLevel.Rack, FailureDomainLevel.PowerDomain => DomainLevel.PowerDomain, _ => DomainLevel.Zone };
        var domain = NodesOf(c, domainLevel, index);
        // Node n is in power domain n mod 4 and in rack (n mod 12) mod 4 · 3 + (n mod 12) / 4: 10 nodes per power
        // domain; racks 0, 3, 6 and 9 take the 4 nodes with n mod 12 < 4 left over from 36, the others 3.
        Assert.That(domain, Has.Count.EqualTo(level switch
        {
            FailureDomainLevel.Zone => Nodes,
            FailureDomainLevel.PowerDomain => Nodes / PowerDomains,
            _ => index % RacksPerPowerDomain == 0 ? 4 : 3,
        }));

        rig.RunTo(0.0999);
        Assert.That(c.DarkNodes + c.NodesDown, Is.Zero, "nothing before the fault");
        rig.RunTo(0.1);
        var dark = Where(c, c.IsNodeDark);
        var failed = Where(c, n => c.NodeStatusOf(n) == NodeStatus.Crashed);
        Assert.That(dark.Concat(failed).Order(), Is.EqualTo(domain), "every node of the domain, no other");
        Assert.That(dark.Intersect(failed), Is.Empty);
        if (dataLostPct == 0) Assert.That(failed, Is.Empty, "a domain that keeps its data: cut off only");
        if (dataLostPct == 100) Assert.That(dark, Is.Empty, "a domain that loses its data: every node failed for good");
        if (dataLostPct == 50) Assert.That(dark.Count * failed.Count, Is.GreaterThan(0), "10 nodes at one half each: both kinds (all of one kind: p = 2⁻⁹)");
        Assert.That(c.UnpoweredNodes, Is.Zero, "not a power loss");
        Assert.That(c.IsolatedNodes, Is.Zero);
    }

    [Test]
    public void TheNodesComeBackAtTheRepairTimeWithTheirDataOrEmpty()
    {
        // Sigma 0: the repair takes exactly the median, 1.5 h after the fault at 0.1 h.
        var scenario = Small(freeCapacityPct: 50, horizonH: 3, faults: [Failure(FailureDomainLevel.PowerDomain, 0, 50, repairH: 1.5)])
            .WithLayout(PowerDomains, RacksPerPowerDomain);
        var rig = new ClusterRig(scenario);
        var c = rig.Cluster;
        rig.RunTo(0.1);
        var dark = Where(c, c.IsNodeDark);
        var failed = Where(c, n => c.NodeStatusOf(n) == NodeStatus.Crashed);
        Assert.That(dark.Count * failed.Count, Is.GreaterThan(0), "seed 1 draws both kinds");
        var heldBefore = dark.ToDictionary(n => n, n => Enumerable.Range(0, c.VolumeCount).Count(v => c.ReplicaNodesOf(v).Contains(n)));

        rig.RunTo(1.5999);
        Assert.That(dark.All(c.IsNodeDark) && failed.All(n => c.NodeStatusOf(n) == NodeStatus.Crashed), "still down just before the repair");
        rig.RunTo(1.6);
        Assert.That(c.DarkNodes + c.NodesDown, Is.Zero, "all back at 1.6 h");
        Assert.That(failed.Select(n => Enumerable.Range(0, c.VolumeCount).Count(v => c.StateOf(v) != VolumeState.Lost && c.ReplicaNodesOf(v).Contains(n))),
            Is.All.Zero, "the nodes that lost their data come back empty (lost volumes keep naming where their last copy was)");
        Assert.That(dark.Sum(n => heldBefore[n]), Is.GreaterThan(0), "the others held replicas when cut off");
        Assert.That(() => c.CheckInvariants(), Throws.Nothing);
    }

    [Test]
    public void RepairTimesAreLogNormalWithTheGivenMedianAndSigma()
    {
        // One draw per fault: over 60 seeds, ln(repair) has mean ln(median) (standard error σ/√60) and standard
        // deviation σ (its standard error about σ/√(2·59)).
        const int seeds = 60;
        const double medianH = 2, sigma = 0.6, atH = 0.1;
        var logs = new List<double>();
        for (ulong seed = 1; seed <= seeds; seed++)
        {
            var scenario = Small(freeCapacityPct: 50, volumes: 200, horizonH: 100,
                faults: [Failure(FailureDomainLevel.Rack, 4, 0, atH: atH, repairH: medianH, repairSigma: sigma)]).WithLayout(PowerDomains, RacksPerPowerDomain);
            var rig = new ClusterRig(scenario, seed);
            rig.RunTo(atH);
            Assert.That(rig.Cluster.DarkNodes, Is.EqualTo(3));
            rig.Sim.RunUntil(() => rig.Cluster.DarkNodes == 0);
            logs.Add(Math.Log(rig.Sim.Now.TotalHours - atH));
        }
        double mean = logs.Average(), sd = Math.Sqrt(logs.Sum(x => (x - mean) * (x - mean)) / (seeds - 1));
        Assert.That(mean, Is.EqualTo(Math.Log(medianH)).Within(4 * sigma / Math.Sqrt(seeds)), "log of the median");
        Assert.That(sd, Is.EqualTo(sigma).Within(4 * sigma / Math.Sqrt(2.0 * (seeds - 1))), "sigma");
        Assert.That(logs.Distinct().Count(), Is.EqualTo(seeds), "each seed its own draw");
    }

    [Test]
    public void OverlappingOutagesEndOneAtATime()
    {
        // Power domain 0 (racks 0–2) is cut off from 0.1 h to 1.1 h; its rack 1 also from 0.5 h to 2.5 h: rack 1
        // stays dark until its own repair, the rest of the power domain returns at 1.1 h.
        var scenario = Small(freeCapacityPct: 50, horizonH: 3,
                faults: [Failure(FailureDomainLevel.PowerDomain, 0, 0, atH: 0.1, repairH: 1), Failure(FailureDomainLevel.Rack, 1, 0, atH: 0.5, repairH: 2)])
            .WithLayout(PowerDomains, RacksPerPowerDomain);
        var rig = new ClusterRig(scenario);
        var c = rig.Cluster;
        rig.RunTo(0.6);
        Assert.That(Where(c, c.IsNodeDark), Is.EqualTo(NodesOf(c, DomainLevel.PowerDomain, 0)));
        rig.RunTo(1.2);
        Assert.That(Where(c, c.IsNodeDark), Is.EqualTo(NodesOf(c, DomainLevel.Rack, 1)), "the rack's own outage is not over");
        rig.RunTo(2.6);
        Assert.That(c.DarkNodes, Is.Zero);
        Assert.That(c.StuckVolumes + c.DegradedVolumes + c.LostVolumes + c.UnavailableVolumes, Is.Zero);
        Assert.That(() => c.CheckInvariants(), Throws.Nothing);
    }

    [TestCase("    level: rack\n    index: 20\n", "faults[0].index: expected a rack of cluster ebs-1a (0 to 19), found 20")]
    [TestCase("    level: power_domain\n    index: 4\n", "faults[0].index: expected a power domain of cluster ebs-1a (0 to 3), found 4")]
    [TestCase("    level: zone\n    index: 1\n", "faults[0].index: expected a zone of cluster ebs-1a (0 to 0), found 1")]
    [TestCase("    level: rack\n    index: -1\n", "faults[0].index: expected a non-negative integer, found \"-1\"")]
    [TestCase("    level: shelf\n    index: 0\n", "faults[0].level:")]
    public void ADomainThatDoesNotExistIsRefusedWithItsPlace(string fields, string expected)
    {
        var errors = FaultYaml.Errors("  - at: 1h\n    kind: domain_failure\n    cluster: ebs-1a\n" + fields + "    data_lost: 0%\n    repair: {median: 2h}\n");
        Assert.That(errors, Has.Some.Contains(expected), string.Join("\n", errors));
    }

    [TestCase("    data_lost: 120%\n", "faults[0].data_lost: expected a fraction between 0% and 100%, found \"120%\"")]
    [TestCase("", "data_lost")]
    public void TheDataLostShareIsRequiredAndAFraction(string dataLost, string expected)
    {
        var errors = FaultYaml.Errors("  - at: 1h\n    kind: domain_failure\n    cluster: ebs-1a\n    level: rack\n    index: 0\n" + dataLost + "    repair: {median: 2h}\n");
        Assert.That(errors, Has.Some.Contains(expected), string.Join("\n", errors));
    }
}
