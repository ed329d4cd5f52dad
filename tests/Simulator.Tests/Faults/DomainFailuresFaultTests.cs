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

public sealed class DomainFailuresFaultTests
{
    private static DomainFailuresFault Failures(FailureDomainLevel level, double mttfH, double repairH, double dataLostPct, double shape = 1) => new()
    {
        At = Duration.Zero,
        Cluster = ClusterName,
        Level = level,
        Mttf = Duration.FromHours(mttfH),
        Shape = shape,
        DataLost = Fraction.FromPercent(dataLostPct),
        Repair = new DurationDistributionSpec { Median = Duration.FromHours(repairH) },
    };

    [TestCase(1.0)]
    [TestCase(2.0)]
    public void EachRackIsDownTheRepairTimeOverTheCycleTimeAndGoesDownWhole(double shape)
    {
        // 12 racks, each alternating a lifetime (mean 10 h) and a fixed repair (2 h): down a share 2 / 12 of the
        // time, whatever the lifetime's shape. Over 1,000 h one rack's share has a standard deviation of about
        // sqrt(Var[life] E[repair]² / E[cycle]³ / T) = 0.015 (exponential: Var 100 h²), 0.0044 over 12 racks; the
        // nodes' share weights racks by their 3 or 4 nodes, which changes it little. The data is kept: the nodes
        // are dark, never crashed, and at every sample the dark ones make up whole racks.
        const double mttfH = 10, repairH = 2, horizonH = 1000;
        var scenario = Small(freeCapacityPct: 50, volumes: 400, horizonH: horizonH,
            faults: [Failures(FailureDomainLevel.Rack, mttfH, repairH, dataLostPct: 0, shape: shape)]).WithLayout(powerDomains: 4, racksPerPowerDomain: 3);
        var rig = new ClusterRig(scenario);
        var samples = rig.RunTo(horizonH, everyMinutes: 15, c =>
        {
            var darkRacks = Enumerable.Range(0, c.NodeCount).Where(c.IsNodeDark).Select(c.Domains.RackOf).ToHashSet();
            bool whole = Enumerable.Range(0, c.NodeCount).All(n => c.IsNodeDark(n) == darkRacks.Contains(c.Domains.RackOf(n)));
            return (Share: (double)c.DarkNodes / c.NodeCount, Whole: whole);
        });

        double expected = repairH / (mttfH + repairH);
        TestContext.Out.WriteLine($"shape {shape}: closed form {expected:F4}, simulated {samples.Average(s => s.Share):F4}");
        Assert.That(samples.Average(s => s.Share), Is.EqualTo(expected).Within(3 * 0.0044 + 0.003), $"shape {shape}");
        Assert.That(samples.Select(s => s.Whole), Is.All.True, "racks go down and come back whole");
        Assert.That(rig.Cluster.NodesCrashed, Is.Zero, "no data lost");
        Assert.That(() => rig.Cluster.CheckInvariants(), Throws.Nothing);
    }

    [Test]
    public void PowerDomainsThatLoseTheirDataFailAsWholesAndComeBackEmpty()
    {
        // 4 power domains of 10 nodes, lifetimes of mean 50 h, repairs of 5 h, over 500 h: about 4 × 500 / 55 = 36
        // failures, each of all 10 nodes of a power domain (a Poisson-like count: ±4 standard deviations is ±24).
        const double mttfH = 50, repairH = 5, horizonH = 500;
        var scenario = Small(freeCapacityPct: 50, volumes: 400, horizonH: horizonH,
            faults: [Failures(FailureDomainLevel.PowerDomain, mttfH, repairH, dataLostPct: 100)]).WithLayout(powerDomains: 4, racksPerPowerDomain: 3);
        var rig = new ClusterRig(scenario);
        var wholes = rig.RunTo(horizonH, everyMinutes: 30, c =>
        {
            var down = Enumerable.Range(0, c.NodeCount).Where(n => c.NodeStatusOf(n) == NodeStatus.Crashed).ToList();
            return down.GroupBy(c.Domains.PowerDomainOf).All(g => g.Count() == c.Domains.NodesIn(DomainLevel.PowerDomain, g.Key));
        });

        Assert.That(wholes, Is.All.True, "whole power domains fail");
        Assert.That(rig.Cluster.NodesCrashed % 10, Is.Zero, "ten nodes at a time");
        double failures = 4 * horizonH / (mttfH + repairH);
        TestContext.Out.WriteLine($"power domain failures: closed form {failures:F1}, simulated {rig.Cluster.NodesCrashed / 10}");
        Assert.That(rig.Cluster.NodesCrashed / 10, Is.InRange(failures - 4 * Math.Sqrt(failures), failures + 4 * Math.Sqrt(failures)));
        Assert.That(rig.Cluster.DarkNodes, Is.Zero, "nodes that lose their data are not cut off but failed");
        Assert.That(() => rig.Cluster.CheckInvariants(), Throws.Nothing);
    }

    [Test]
    public void InvariantsHoldAtEverySampleWhileDomainFailuresBurstsAndAPowerLossOverlap()
    {
        // Racks failing every few hours (some data lost), a power domain cut off with its data, node failures in
        // bursts, a power loss of another power domain with some nodes back empty: nodes are dark for several
        // reasons at once, fail while dark, come back while others stay down. A full recount at every sample.
        var scenario = Small(freeCapacityPct: 50, volumes: 800, horizonH: 24, replicas: 3, writeRule: WriteRule.Majority,
            faults:
            [
                Failures(FailureDomainLevel.Rack, mttfH: 30, repairH: 3, dataLostPct: 30),
                new DomainFailureFault
                {
                    At = Duration.FromHours(2), Cluster = ClusterName, Level = FailureDomainLevel.PowerDomain, Index = 1,
                    DataLost = Fraction.Zero, Repair = new DurationDistributionSpec { Median = Duration.FromHours(6), Sigma = 0.5 },
                },
                new NodeFailuresFault
                {
                    At = Duration.Zero, Cluster = ClusterName, Mttf = Duration.FromHours(100),
                    Repair = new DurationDistributionSpec { Median = Duration.FromHours(2), Sigma = 1 },
                    Bursts = new FailureBurstsSpec { Share = Fraction.FromPercent(50), MeanSize = 3, SameRack = Fraction.FromPercent(70) },
                },
                new PowerLossFault
                {
                    At = Duration.FromHours(4), Cluster = ClusterName, PowerDomains = [1, 2],
                    RestoreAfter = new DurationDistributionSpec { Median = Duration.FromHours(1), Sigma = 0.5 },
                    WithoutData = Fraction.FromPercent(20),
                },
            ]).WithLayout(powerDomains: 4, racksPerPowerDomain: 3, PlacementKind.RackAware);

        Experiments.SimulationRun? run = null;
        Assert.That(() => run = Run(scenario, seed: 3, fullInvariantCheckEvery: scenario.SampleInterval), Throws.Nothing, "CheckInvariants at every sample");

        var rows = run!.Rows.Where(r => r.Scope == ClusterScope).ToList();
        TestContext.Out.WriteLine($"nodes failed {run.Clusters[0].NodesCrashed}, most dark at once {rows.Where(r => r.Metric == "nodes_dark").Max(r => r.Value)}, " +
            $"lost {run.Clusters[0].LostVolumes}, power-lost {run.Clusters[0].PowerLostVolumes}");
        Assert.That(rows.Where(r => r.Metric == "nodes_dark").Max(r => r.Value), Is.GreaterThanOrEqualTo(10), "the power domain was cut off");
        Assert.That(run.Clusters[0].NodesCrashed, Is.GreaterThan(10), "nodes failed");
        var lost = run.Rows.Where(r => r.Scope == ZoneAScope && r.Metric == "volumes_lost_pct").Select(r => r.Value).ToList();
        Assert.That(lost.Zip(lost.Skip(1)).All(p => p.Second >= p.First), "lost volumes never come back");
        Assert.That(run.Clusters[0].DarkNodes, Is.EqualTo(rows.Last(r => r.Metric == "nodes_dark").Value));
    }

    [TestCase("    mttf: 0s\n", "faults[0].mttf: expected a positive duration, found \"0s\"")]
    [TestCase("    mttf: 10y\n    shape: 0\n", "faults[0].shape:")]
    [TestCase("    mttf: 10y\n    index: 2\n", "faults[0].index: unknown field \"index\" for kind \"domain_failures\"")]
    public void BadGeneratorsAreRefusedWithTheirPlace(string fields, string expected)
    {
        var errors = FaultYaml.Errors("  - at: 0h\n    kind: domain_failures\n    cluster: ebs-1a\n    level: rack\n" + fields + "    data_lost: 0%\n    repair: {median: 2h}\n");
        Assert.That(errors, Has.Some.Contains(expected), string.Join("\n", errors));
    }

    [Test]
    public void AGoodGeneratorLoads()
    {
        Assert.That(FaultYaml.Errors("  - at: 0h\n    kind: domain_failures\n    cluster: ebs-1a\n    level: power_domain\n    mttf: 10y\n    data_lost: 100%\n    repair: {median: 2d, sigma: 1}\n"),
            Is.Empty);
    }
}
