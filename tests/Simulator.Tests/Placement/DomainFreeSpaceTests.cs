using NUnit.Framework;
using Simulator.Engine;
using Simulator.Placement;
using Simulator.Storage;

namespace Simulator.Tests.Placement;

/// <summary>
/// The domain-ordered segment tree against two oracles: the storage model's <see cref="FreeSpaceIndex"/> for the
/// searches it has, and a linear scan for the searches that leave out nodes and whole domains.
/// </summary>
public sealed class DomainFreeSpaceTests
{
    [Test]
    public void AnswersLikeTheStorageModelsFreeSpaceIndexUnderRandomUpdates()
    {
        const int nodes = 37;
        var rng = new RandomStream(11);
        var index = new FreeSpaceIndex(nodes);
        var space = new DomainFreeSpace(FailureDomains.Uniform(nodes, zones: 2, powerDomainsPerZone: 2, racksPerPowerDomain: 3));
        for (int step = 0; step < 20_000; step++)
        {
            int n = rng.Next(nodes);
            long free = rng.Next(8) - 1; // −1…6: many ties, some ineligible nodes
            index.Set(n, free);
            space.Set(n, free);
            long need = rng.Next(8) - 1;
            int a = rng.Next(nodes + 1) - 1, b = rng.Next(4) == 0 ? a : rng.Next(nodes + 1) - 1;
            Assert.That(space.FindMostFree(need, a, b), Is.EqualTo(index.FindMostFree(need, a, b)), $"step {step}: need {need}, skip {a} and {b}");
            Assert.That(space.MaxFree, Is.EqualTo(index.MaxFree), $"step {step}: largest free space");
            Assert.That(space.TotalFree, Is.EqualTo(index.TotalFree), $"step {step}: total free space");
            Assert.That(space.Get(n), Is.EqualTo(index.Get(n)));
        }
    }

    [TestCase(DomainLevel.Node)]
    [TestCase(DomainLevel.Rack)]
    [TestCase(DomainLevel.PowerDomain)]
    [TestCase(DomainLevel.Zone)]
    public void LeavingOutTheDomainsOfSomeNodesFindsWhatAScanFinds(DomainLevel level)
    {
        var domains = FailureDomains.Uniform(53, zones: 3, powerDomainsPerZone: 2, racksPerPowerDomain: 4);
        var rng = new RandomStream(12 + (ulong)level);
        var space = new DomainFreeSpace(domains);
        var scan = new ScanFreeSpace(domains);
        int found = 0;
        for (int step = 0; step < 20_000; step++)
        {
            int n = rng.Next(domains.NodeCount);
            long free = rng.Next(12) - 1;
            space.Set(n, free);
            scan.Set(n, free);
            var exclude = Enumerable.Range(0, rng.Next(6)).Select(_ => rng.Next(domains.NodeCount)).ToList();
            if (rng.Next(2) == 0) exclude.Add(scan.FindMostFree(0, [], DomainLevel.Node)); // the best of all left out: the searches of the gaps
            long need = rng.Next(12) - 1;
            int expected = scan.FindMostFree(need, exclude.ToArray(), level);
            Assert.That(space.FindMostFree(need, exclude.ToArray(), level), Is.EqualTo(expected),
                $"step {step}: need {need}, excluding [{string.Join(", ", exclude)}] at {level}");
            if (expected >= 0) found++;
        }
        Assert.That(found, Is.GreaterThan(1000), "searches that found a node");
    }

    [TestCase(DomainLevel.Rack)]
    [TestCase(DomainLevel.PowerDomain)]
    [TestCase(DomainLevel.Zone)]
    public void LeavingOutListedDomainsAndNodesFindsWhatAScanFinds(DomainLevel level)
    {
        var domains = FailureDomains.Uniform(64, zones: 4, powerDomainsPerZone: 2, racksPerPowerDomain: 2);
        var rng = new RandomStream(21 + (ulong)level);
        var space = new DomainFreeSpace(domains);
        var scan = new ScanFreeSpace(domains);
        for (int step = 0; step < 10_000; step++)
        {
            int n = rng.Next(domains.NodeCount);
            long free = rng.Next(30) - 1;
            space.Set(n, free);
            scan.Set(n, free);
            var outside = Enumerable.Range(0, rng.Next(4)).Select(_ => rng.Next(domains.DomainCount(level))).ToArray();
            var nodes = Enumerable.Range(0, rng.Next(4)).Select(_ => rng.Next(domains.NodeCount)).ToArray();
            Assert.That(space.FindMostFreeOutside(0, level, outside, nodes), Is.EqualTo(scan.FindMostFreeOutside(0, level, outside, nodes)),
                $"step {step}: outside {level}s [{string.Join(", ", outside)}], nodes [{string.Join(", ", nodes)}]");
        }
    }

    [Test]
    public void NodesAddedToTheDomainsAreSearchedInTheirOwnDomainsAndOldNodesKeepTheirSpace()
    {
        var domains = FailureDomains.Uniform(10, zones: 2, powerDomainsPerZone: 1, racksPerPowerDomain: 2);
        var space = new DomainFreeSpace(domains);
        var scan = new ScanFreeSpace(domains);
        for (int n = 0; n < 10; n++) { space.Set(n, 100 + n); scan.Set(n, 100 + n); }

        int added = domains.AddNode();
        int newRack = domains.AddRack(domains.PowerDomainOf(0));
        int inNewRack = domains.AddNode(newRack);
        Assert.That(space.FreeOf(added), Is.EqualTo(-1), "an added node takes nothing until its space is set");
        space.Set(added, 500); scan.Set(added, 500);
        space.Set(inNewRack, 400); scan.Set(inNewRack, 400);

        Assert.That(space.FindMostFree(0, [], DomainLevel.Node), Is.EqualTo(added));
        Assert.That(space.TotalFree, Is.EqualTo(Enumerable.Range(0, 10).Sum(n => 100L + n) + 900));
        foreach (var level in new[] { DomainLevel.Rack, DomainLevel.PowerDomain, DomainLevel.Zone })
            for (int n = 0; n < domains.NodeCount; n++)
                Assert.That(space.FindMostFree(0, [n], level), Is.EqualTo(scan.FindMostFree(0, [n], level)), $"excluding the {level} of node {n}");
        Assert.That(space.FindMostFree(0, [added], DomainLevel.Rack), Is.EqualTo(inNewRack), "the new rack is a rack of its own");
    }
}
