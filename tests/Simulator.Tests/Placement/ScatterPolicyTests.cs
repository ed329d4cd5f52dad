using NUnit.Framework;
using Simulator.Engine;
using Simulator.Placement;

namespace Simulator.Tests.Placement;

public sealed class ScatterPolicyTests
{
    [Test]
    public void EveryItemLiesWithinSRingStepsBeforeAndAfterReplacements()
    {
        const int nodes = 50, scatter = 6;
        var domains = FailureDomains.Uniform(nodes, zones: 1, powerDomainsPerZone: 5, racksPerPowerDomain: 2);
        var policy = new ScatterPolicy(domains, replicas: 3, scatter, new RandomStream(90));
        var (space, items) = DomainSpreadPolicyTests.PlaceItems(policy, count: 5000, capacity: long.MaxValue / 2, seed: 91);

        foreach (var item in items)
            foreach (int n in item[1..])
                Assert.That(Steps(policy, item[0], n), Is.InRange(1, scatter), $"item {string.Join(",", item)}: replica {n} follows the primary");
        var partners = Partners(items, nodes);
        Assert.That(partners.Max(), Is.LessThanOrEqualTo(2 * scatter), "a node shares items with at most 2S others");

        var rng = new RandomStream(92);
        for (int i = 0; i < 8; i++) DomainSpreadPolicyTests.ReplaceLostReplicas(policy, space, items, rng.Next(nodes), rng);
        Assert.That(items.Where(item => Span(policy, item) > scatter).ToList(), Is.Empty, "items spanning more than S ring steps after replacements");

        // Random placement spans far more: the check can fail.
        var (_, random) = DomainSpreadPolicyTests.PlaceItems(new RandomPolicy(domains, 3), count: 5000, capacity: long.MaxValue / 2, seed: 91);
        Assert.That(random.Count(item => Span(policy, item) > scatter), Is.GreaterThan(2500));
    }

    [Test]
    public void AReplacementIsTheMostFreeNodeThatKeepsTheItemWithinSStepsOrNoneWhenStrict()
    {
        var domains = FailureDomains.Uniform(20);
        var strict = new ScatterPolicy(domains, replicas: 2, scatterWidth: 3, new RandomStream(93), strict: true);
        var loose = new ScatterPolicy(domains, replicas: 2, scatterWidth: 3, new RandomStream(93));
        var space = new DomainFreeSpace(domains);
        for (int n = 0; n < 20; n++) space.Set(n, 10 + n);
        int survivor = 0;
        var window = Enumerable.Range(0, 20).Where(n => n != survivor && (Steps(strict, survivor, n) <= 3 || Steps(strict, n, survivor) <= 3)).ToArray();
        Assert.That(window, Has.Length.EqualTo(6));
        var stream = new RandomStream(94);

        Assert.That(strict.ChooseReplacement(5, [survivor], space, stream), Is.EqualTo(window.Max()), "most free within 3 steps either side");
        foreach (int n in window) space.Set(n, 1);
        Assert.That(strict.ChooseReplacement(5, [survivor], space, stream), Is.EqualTo(-1));
        Assert.That(loose.ChooseReplacement(5, [survivor], space, stream), Is.EqualTo(Enumerable.Range(1, 19).Where(n => !window.Contains(n)).Max()),
            "outside the window: the most-free node but the survivor");
    }

    private static int Steps(ScatterPolicy policy, int from, int to) =>
        (policy.RingPosition(to) - policy.RingPosition(from) + policy.RingLength) % policy.RingLength;

    /// <summary>Ring steps the item spans from the replica that starts its shortest covering arc.</summary>
    private static int Span(ScatterPolicy policy, int[] item) => item.Min(a => item.Max(b => Steps(policy, a, b)));

    private static int[] Partners(List<int[]> items, int nodes)
    {
        var sets = Enumerable.Range(0, nodes).Select(_ => new HashSet<int>()).ToArray();
        foreach (var item in items)
            foreach (int a in item)
                foreach (int b in item)
                    if (a != b) sets[a].Add(b);
        return sets.Select(s => s.Count).ToArray();
    }
}
