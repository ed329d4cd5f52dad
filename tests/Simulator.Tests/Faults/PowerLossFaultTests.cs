using NUnit.Framework;
using Simulator.Engine;
using Simulator.Faults;
using Simulator.Faults.Kinds;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Tests.Support;
using Simulator.Units;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Faults;

public sealed class PowerLossFaultTests
{
    private static PowerLossFault PowerLoss(double portionPct, double withoutDataPct = 0, double restoreH = 1, double? connectivityH = null) => new()
    {
        At = Duration.FromHours(0.1),
        Cluster = ClusterName,
        Portion = Fraction.FromPercent(portionPct),
        RestoreAfter = new DurationDistributionSpec { Median = Duration.FromHours(restoreH) },
        ConnectivityAfter = connectivityH is { } c ? Duration.FromHours(c) : null,
        WithoutData = Fraction.FromPercent(withoutDataPct),
    };

    private static OperatorActionSpec Snapshots(double atH, double perHour) =>
        new RecoverySnapshotsAction { At = Duration.FromHours(atH), Cluster = ClusterName, Rate = Rate.FromPerHour(perHour) };

    [Test]
    public void VolumesWhoseEveryReplicaLostPowerWaitForARecoverySnapshotTheOthersReMirror()
    {
        var rig = new ClusterRig(Small(freeCapacityPct: 50, horizonH: 4, faults: [PowerLoss(portionPct: 25, connectivityH: 1.5)],
            operators: [Snapshots(atH: 2, perHour: 600)]));
        var before = Enumerable.Range(0, rig.Cluster.VolumeCount).Select(rig.Cluster.ReplicaNodesOf).ToList();
        rig.RunTo(0.11);
        var dark = Enumerable.Range(0, rig.Cluster.NodeCount).Where(rig.Cluster.IsNodeDark).ToHashSet();
        Assert.That(dark, Has.Count.EqualTo(10));
        int allDark = before.Count(r => r.All(dark.Contains)), someDark = before.Count(r => r.Any(dark.Contains)) - allDark;
        Assert.That(allDark, Is.GreaterThan(0));
        Assert.That(rig.Cluster.PowerLostVolumes, Is.EqualTo(allDark), "every replica dark: power lost during writes");
        Assert.That(rig.Cluster.UnavailableVolumes, Is.EqualTo(allDark), "no reachable replica");

        rig.RunTo(1.2);
        Assert.That(rig.Cluster.DarkNodes, Is.EqualTo(10), "power is back at 1.1 h, the network only at 1.6 h");
        Assert.That(rig.Cluster.UnpoweredNodes, Is.Zero);
        Assert.That(rig.Cluster.EverStuckVolumes, Is.EqualTo(allDark + someDark), "the others noticed on their next write and re-mirrored");
        Assert.That(rig.Cluster.StuckVolumes, Is.EqualTo(allDark), "the others are done");

        rig.RunTo(1.7);
        Assert.That(rig.Cluster.DarkNodes, Is.Zero);
        Assert.That(rig.Cluster.ConsistencyUnknownVolumes, Is.EqualTo(allDark), "reachable again, but not returned to service");
        Assert.That(rig.Cluster.StuckVolumes, Is.Zero);

        rig.RunTo(4);
        Assert.That(rig.Cluster.RecoveredBySnapshotVolumes, Is.EqualTo(allDark));
        Assert.That(rig.Cluster.ConsistencyUnknownVolumes + rig.Cluster.LostVolumes, Is.Zero);
        Assert.That(() => rig.Cluster.CheckInvariants(), Throws.Nothing);
    }

    [Test]
    public void NodesThatComeBackWithoutTheirDataLoseTheVolumesWhoseEveryReplicaWasThere()
    {
        var rig = new ClusterRig(Small(freeCapacityPct: 50, horizonH: 3, faults: [PowerLoss(portionPct: 25, withoutDataPct: 100)]));
        var before = Enumerable.Range(0, rig.Cluster.VolumeCount).Select(rig.Cluster.ReplicaNodesOf).ToList();
        rig.RunTo(0.11);
        var dark = Enumerable.Range(0, rig.Cluster.NodeCount).Where(rig.Cluster.IsNodeDark).ToHashSet();
        int allDark = before.Count(r => r.All(dark.Contains));

        rig.RunTo(3);
        Assert.That(rig.Cluster.LostVolumes, Is.EqualTo(allDark), "no copy with the latest writes is left");
        Assert.That(rig.Cluster.ConsistencyUnknownVolumes + rig.Cluster.StuckVolumes + rig.Cluster.DegradedVolumes, Is.Zero);
        Assert.That(dark.Select(rig.Cluster.NodeStatusOf), Is.All.EqualTo(NodeStatus.Up), "they came back empty and take replicas");
        Assert.That(() => rig.Cluster.CheckInvariants(), Throws.Nothing);
    }

    [Test]
    public void WithRandomPlacementTheShareOfVolumesWithBothReplicasDarkFollowsFromTheShareOfNodesDark()
    {
        // A share p = k/N of the nodes dark, two replicas on distinct nodes: if the pair were uniform over the
        // N(N−1)/2 pairs, P(both dark) = k(k−1) / (N(N−1)). Placement levels free space (second replica on the most
        // free node) rather than drawing pairs uniformly; with equal volume sizes it is close to uniform.
        const int n = 40, k = 20;
        double expected = (double)k * (k - 1) / (n * (n - 1));
        int both = 0, total = 0;
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var rig = new ClusterRig(Small(freeCapacityPct: 50, horizonH: 0.2, faults: [PowerLoss(portionPct: 50)]), seed);
            rig.RunTo(0.11);
            both += rig.Cluster.PowerLostVolumes;
            total += rig.Cluster.VolumeCount;
        }
        double share = (double)both / total, se = Math.Sqrt(expected * (1 - expected) / total);
        Assert.That(share, Is.EqualTo(expected).Within(4 * se + 0.01), $"share {share:F4} against {expected:F4}");
    }

    [Test]
    public void APowerDomainThatLosesPowerTakesExactlyItsNodes()
    {
        var scenario = Small(freeCapacityPct: 50, horizonH: 0.5);
        var cluster = scenario.Topology.Regions[0].Zones[0].Clusters[0] with { PowerDomains = 4, RacksPerPowerDomain = 2 };
        scenario = scenario with
        {
            Topology = scenario.Topology with
            {
                Regions = [scenario.Topology.Regions[0] with { Zones = [scenario.Topology.Regions[0].Zones[0] with { Clusters = [cluster] }, scenario.Topology.Regions[0].Zones[1]] }],
            },
            Faults = [new PowerLossFault
            {
                At = Duration.FromHours(0.1), Cluster = ClusterName, PowerDomains = [1, 3],
                RestoreAfter = new DurationDistributionSpec { Median = Duration.FromHours(1) },
            }],
        };
        var rig = new ClusterRig(scenario);
        rig.RunTo(0.11);
        var dark = Enumerable.Range(0, rig.Cluster.NodeCount).Where(rig.Cluster.IsNodeDark).ToList();
        Assert.That(dark, Has.Count.EqualTo(Nodes / 2));
        Assert.That(dark.Select(rig.Cluster.Domains.PowerDomainOf).Distinct(), Is.EquivalentTo(new[] { 1, 3 }));
    }

    [TestCase("    power_domains: [7]\n", "faults[0].power_domains[0]: expected a power domain of cluster ebs-1a (0 to 3), found 7")]
    [TestCase("    power_domains: [1]\n    portion: 35%\n", "faults[0]: a power loss takes either portion (a share of the nodes) or power_domains (a list), not both or neither")]
    public void APowerLossOfADomainThatDoesNotExistOrOfTwoKindsIsRefusedWithItsPlace(string fields, string expected)
    {
        string dir = Path.Combine(Path.GetTempPath(), "replsim-power-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "s.yaml");
            string text = File.ReadAllText(Replay.RepositoryPaths.Scenario("aws-2011-eu-west-1-power.yaml"))
                .Replace("              free_capacity: 10%", "              power_domains: 4\n              free_capacity: 10%", StringComparison.Ordinal)
                .Replace("    portion: 35%", "#", StringComparison.Ordinal)
                .Replace("    kind: power_loss\n", "    kind: power_loss\n" + fields, StringComparison.Ordinal);
            File.WriteAllText(path, text);
            var errors = Assert.Throws<Simulator.Scenarios.ScenarioException>(() => Experiments.ScenarioRunner.Load(path))!.Errors.Select(e => e.ToString()).ToList();
            Assert.That(errors, Has.Some.Contains(expected));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
