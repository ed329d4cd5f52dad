using NUnit.Framework;
using Simulator.Engine;
using Simulator.Placement;

namespace Simulator.Tests.Placement;

/// <summary>Layouts that can never satisfy a policy are reported before anything runs, with the reason.</summary>
public sealed class SatisfiabilityTests
{
    private static readonly FailureDomains TwoRacks = FailureDomains.Uniform(10, zones: 1, powerDomainsPerZone: 1, racksPerPowerDomain: 2);

    [TestCase("rack_aware", 3, 0, "rack-aware R=3 needs at least 3 racks, the cluster has 2")]
    [TestCase("power_domain_aware", 2, 0, "power-domain-aware R=2 needs at least 2 power domains, the cluster has 1")]
    [TestCase("zone_spread", 2, 0, "zone-spread R=2 needs at least 2 zones, the cluster has 1")]
    [TestCase("most_free", 11, 0, "most-free R=11 needs at least 11 nodes, the cluster has 10")]
    [TestCase("random", 0, 0, "random needs at least 1 replica, found R=0")]
    [TestCase("copyset", 3, 5, "copyset scatter width must be a positive multiple of R−1 = 2, found S=5")]
    [TestCase("copyset", 3, 10, "copyset scatter width S=10 needs at least 11 nodes, the cluster has 10")]
    [TestCase("copyset", 1, 2, "copyset needs at least 2 replicas, found R=1")]
    [TestCase("scatter", 3, 1, "scatter R=3 needs a scatter width of at least 2, found S=1")]
    [TestCase("scatter", 2, 12, "scatter width S=12 needs at least 13 nodes, the cluster has 10")]
    [TestCase("spread", 2, 0, "unknown placement kind \"spread\"; expected one of most_free, random, rack_aware, power_domain_aware, zone_spread, copyset, scatter")]
    public void AnUnsatisfiablePolicyIsReportedWithItsReason(string kind, int replicas, int scatterWidth, string reason)
    {
        Assert.That(PlacementKinds.Check(kind, TwoRacks, replicas, scatterWidth), Is.EqualTo(reason));
        Assert.That(() => PlacementKinds.Create(kind, TwoRacks, replicas, scatterWidth, new RandomStream(1)),
            Throws.ArgumentException.With.Message.StartsWith(reason));
    }

    [TestCase("most_free", 2, 0)]
    [TestCase("random", 3, 0)]
    [TestCase("rack_aware", 2, 0)]
    [TestCase("copyset", 3, 4)]
    [TestCase("scatter", 3, 9)]
    public void ASatisfiablePolicyIsBuiltAndHasNoReason(string kind, int replicas, int scatterWidth)
    {
        Assert.That(PlacementKinds.Check(kind, TwoRacks, replicas, scatterWidth), Is.Null);
        var policy = PlacementKinds.Create(kind, TwoRacks, replicas, scatterWidth, new RandomStream(1));
        Assert.That((policy.Kind, policy.Replicas, policy.Unsatisfiable()), Is.EqualTo((kind, replicas, (string?)null)));
    }

    [Test]
    public void EmptyRacksDoNotCountAndAddingNodesToThemMakesThePolicySatisfiable()
    {
        var domains = FailureDomains.Uniform(6, zones: 1, powerDomainsPerZone: 1, racksPerPowerDomain: 2);
        int rack = domains.AddRack(powerDomain: 0);
        Assert.That(PlacementKinds.Check("rack_aware", domains, 3), Is.EqualTo("rack-aware R=3 needs at least 3 racks, the cluster has 2 with nodes"));
        domains.AddNode(rack);
        Assert.That(PlacementKinds.Check("rack_aware", domains, 3), Is.Null);
    }
}
