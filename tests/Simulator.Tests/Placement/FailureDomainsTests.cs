using NUnit.Framework;
using Simulator.Placement;

namespace Simulator.Tests.Placement;

public sealed class FailureDomainsTests
{
    [TestCase(100, 3, 2, 4)]
    [TestCase(7, 2, 2, 2)]
    [TestCase(48, 1, 3, 4)]
    public void UniformSpreadsNodesRoundRobinSoThatDomainsDifferByAtMostOneNodeAndNest(int nodes, int zones, int powers, int racks)
    {
        var d = FailureDomains.Uniform(nodes, zones, powers, racks);

        Assert.That((d.NodeCount, d.ZoneCount, d.PowerDomainCount, d.RackCount), Is.EqualTo((nodes, zones, zones * powers, zones * powers * racks)));
        foreach (var level in new[] { DomainLevel.Rack, DomainLevel.PowerDomain, DomainLevel.Zone })
        {
            var counts = Enumerable.Range(0, d.DomainCount(level)).Select(x => d.NodesIn(level, x)).ToArray();
            Assert.That(counts.Sum(), Is.EqualTo(nodes));
            Assert.That(counts.Max() - counts.Min(), Is.LessThanOrEqualTo(1), $"{level} node counts {string.Join(",", counts)}");
        }
        for (int n = 0; n < nodes; n++)
        {
            Assert.That(d.PowerDomainOfRack(d.RackOf(n)), Is.EqualTo(d.PowerDomainOf(n)), $"node {n}: its rack is in its power domain");
            Assert.That(d.ZoneOfPowerDomain(d.PowerDomainOf(n)), Is.EqualTo(d.ZoneOf(n)), $"node {n}: its power domain is in its zone");
            if (n > 0 && zones > 1) Assert.That(d.ZoneOf(n), Is.Not.EqualTo(d.ZoneOf(n - 1)), "consecutive nodes are in distinct zones");
        }
    }

    [Test]
    public void AddingNodesContinuesTheRoundRobinOfAUniformLayout()
    {
        var grown = FailureDomains.Uniform(13, zones: 3, powerDomainsPerZone: 2, racksPerPowerDomain: 3);
        int versionBefore = grown.Version;
        for (int i = 0; i < 50; i++) Assert.That(grown.AddNode(), Is.EqualTo(13 + i));
        var built = FailureDomains.Uniform(63, zones: 3, powerDomainsPerZone: 2, racksPerPowerDomain: 3);

        Assert.That(grown.Version, Is.GreaterThan(versionBefore));
        for (int n = 0; n < 63; n++)
            Assert.That((grown.ZoneOf(n), grown.PowerDomainOf(n), grown.RackOf(n)), Is.EqualTo((built.ZoneOf(n), built.PowerDomainOf(n), built.RackOf(n))), $"node {n}");
    }

    [Test]
    public void AddedNodesGoToTheLeastPopulatedDomainsOfAnExplicitLayoutOrToTheRackNamed()
    {
        // Zone 0: power domain 0 with racks 0 (3 nodes) and 1 (1 node). Zone 1: power domain 1 with rack 2 (1 node).
        var d = FailureDomains.FromArrays(zoneOf: [0, 0, 0, 0, 1], powerDomainOf: [0, 0, 0, 0, 1], rackOf: [0, 0, 0, 1, 2]);

        Assert.That(d.RackOf(d.AddNode()), Is.EqualTo(2), "zone 1 has fewer nodes");
        Assert.That(d.RackOf(d.AddNode()), Is.EqualTo(2), "zone 1 still has fewer nodes than zone 0 (2 < 4)");
        Assert.That(d.RackOf(d.AddNode()), Is.EqualTo(2), "3 < 4");
        Assert.That(d.RackOf(d.AddNode()), Is.EqualTo(1), "zones tie at 4: zone 0, whose rack 1 has the fewest");
        int rack = d.AddRack(powerDomain: 1);
        int n = d.AddNode(rack);
        Assert.That((d.RackOf(n), d.PowerDomainOf(n), d.ZoneOf(n)), Is.EqualTo((3, 1, 1)));
        int zone = d.AddZone();
        int power = d.AddPowerDomain(zone);
        Assert.That(d.OccupiedDomains(DomainLevel.Zone), Is.EqualTo(2), "an empty zone holds no replica");
        Assert.That(d.RackOf(d.AddNode(d.AddRack(power))), Is.EqualTo(4));
        Assert.That(d.OccupiedDomains(DomainLevel.Zone), Is.EqualTo(3));
    }

    [Test]
    public void ExplicitLayoutsMustBeDenseAndNested()
    {
        Assert.That(() => FailureDomains.FromArrays([0, 0], [0, 0], [0, 2]),
            Throws.ArgumentException.With.Message.Contains("rack 1 has no node"));
        Assert.That(() => FailureDomains.FromArrays([0, 0], [0, 1], [0, 0]),
            Throws.ArgumentException.With.Message.Contains("rack 0 spans power domains 0 and 1"));
        Assert.That(() => FailureDomains.FromArrays([0, 1], [0, 0], [0, 1]),
            Throws.ArgumentException.With.Message.Contains("power domain 0 spans zones 0 and 1"));
        Assert.That(() => FailureDomains.FromArrays([0], [0, 0], [0, 0]), Throws.ArgumentException);
        Assert.That(FailureDomains.FromArrays([1, 0], [1, 0], [0, 1]).ZoneOf(0), Is.EqualTo(1));
    }
}
