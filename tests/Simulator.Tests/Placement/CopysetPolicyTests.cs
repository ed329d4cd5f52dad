using NUnit.Framework;
using Simulator.Engine;
using Simulator.Placement;

namespace Simulator.Tests.Placement;

public sealed class CopysetPolicyTests
{
    private static string Key(IEnumerable<int> nodes) => string.Join(",", nodes.Order());

    [TestCase(60, 3, 4)]
    [TestCase(60, 3, 10)]
    [TestCase(40, 2, 3)]
    public void ItemsUseAtMostPTimesNOverRDistinctReplicaSetsAndEachIsACopyset(int nodes, int replicas, int scatterWidth)
    {
        var domains = FailureDomains.Uniform(nodes, zones: 2, powerDomainsPerZone: 2, racksPerPowerDomain: 3);
        var policy = new CopysetPolicy(domains, replicas, scatterWidth, new RandomStream(50));
        int bound = scatterWidth / (replicas - 1) * (nodes / replicas);
        var (_, items) = DomainSpreadPolicyTests.PlaceItems(policy, count: 20_000, capacity: long.MaxValue / 2, seed: 51);

        var copysets = Enumerable.Range(0, policy.CopysetCount).Select(g => Key(policy.Members(g).ToArray())).ToHashSet();
        var used = items.Select(Key).ToHashSet();
        Assert.That(policy.CopysetCount, Is.EqualTo(bound), "copysets built: P permutations of N/R groups");
        Assert.That(used, Has.Count.LessThanOrEqualTo(bound), "distinct replica sets used");
        Assert.That(used.IsSubsetOf(copysets), Is.True, "every item is on a copyset");
        Assert.That(used, Has.Count.GreaterThan(bound * 9 / 10), "items spread over (almost) all copysets");
        for (int n = 0; n < nodes; n++)
        {
            int partners = policy.CopysetsOf(n).ToArray().SelectMany(g => policy.Members(g).ToArray()).Where(m => m != n).Distinct().Count();
            Assert.That(partners, Is.LessThanOrEqualTo(scatterWidth), $"node {n} shares copysets with at most S others");
        }
        // Random placement of the same items uses far more sets: the bound is not trivially met.
        var (_, random) = DomainSpreadPolicyTests.PlaceItems(new RandomPolicy(domains, replicas), count: 20_000, capacity: long.MaxValue / 2, seed: 51);
        Assert.That(random.Select(Key).Distinct().Count(), Is.GreaterThan(2 * bound));
    }

    [Test]
    public void WithTwoReplicasAReplacementIsTheSurvivorsPartnerInAnotherCopyset()
    {
        var domains = FailureDomains.Uniform(50);
        var policy = new CopysetPolicy(domains, replicas: 2, scatterWidth: 4, new RandomStream(60));
        var (space, items) = DomainSpreadPolicyTests.PlaceItems(policy, count: 5000, capacity: long.MaxValue / 2, seed: 61);
        var stream = new RandomStream(62);
        var copysets = Enumerable.Range(0, policy.CopysetCount).Select(g => Key(policy.Members(g).ToArray())).ToHashSet();

        foreach (int failed in new[] { 3, 17, 31 })
        {
            DomainSpreadPolicyTests.ReplaceLostReplicas(policy, space, items, failed, stream);
            Assert.That(items.Where(item => !copysets.Contains(Key(item))).ToList(), Is.Empty, $"items off the copysets after node {failed} is lost");
        }
    }

    [Test]
    public void WithThreeReplicasAReplacementStaysInACopysetOfTheSurvivorsWhenItCan()
    {
        var domains = FailureDomains.Uniform(60);
        var policy = new CopysetPolicy(domains, replicas: 3, scatterWidth: 4, new RandomStream(70), strict: true);
        var (space, items) = DomainSpreadPolicyTests.PlaceItems(policy, count: 3000, capacity: long.MaxValue / 2, seed: 71);
        var stream = new RandomStream(72);
        int rejoined = 0, nearby = 0;
        foreach (var item in items.Take(300))
        {
            // A replica given up on a node that is still up: the copyset's own member is the one to take it back.
            int t = policy.ChooseReplacement(1, item[1..], space, stream);
            Assert.That(Copyset(policy, item[1..], t), Is.True, $"item {Key(item)} replaced with {t}: a copyset");
            if (t == item[0]) rejoined++;
            // That member is dark: the replacement shares a copyset with a survivor.
            long saved = space.FreeOf(item[0]);
            space.Set(item[0], -1);
            t = policy.ChooseReplacement(1, item[1..], space, stream);
            space.Set(item[0], saved);
            Assert.That(t, Is.Not.EqualTo(item[0]).And.Not.EqualTo(-1));
            bool shares = item[1..].Any(s => policy.CopysetsOf(s).ToArray().Any(g => policy.Members(g).Contains(t)));
            Assert.That(shares, Is.True, $"item {Key(item)}: replacement {t} shares a copyset with a survivor");
            nearby++;
        }
        Assert.That(rejoined, Is.GreaterThan(250), "replacements back on the copyset's own member");
        Assert.That(nearby, Is.EqualTo(300));

        // Nothing near the survivors can take it: strict refuses, the default falls back to the most-free node.
        int[] survivors = [.. policy.Members(0)[1..]];
        int far = Enumerable.Range(0, 60).First(n => !survivors.Contains(n)
            && !survivors.Any(s => policy.CopysetsOf(s).ToArray().Any(g => policy.Members(g).Contains(n))));
        var full = new DomainFreeSpace(domains);
        for (int n = 0; n < 60; n++) full.Set(n, n == far ? 1000 : 0);
        var loose = new CopysetPolicy(domains, replicas: 3, scatterWidth: 4, new RandomStream(70));
        Assert.That(policy.ChooseReplacement(1, survivors, full, stream), Is.EqualTo(-1));
        Assert.That(loose.ChooseReplacement(1, survivors, full, stream), Is.EqualTo(far));
    }

    [Test]
    public void NodesAddedGetCopysetsOfTheirOwnAndOldCopysetsStay()
    {
        var domains = FailureDomains.Uniform(30);
        var policy = new CopysetPolicy(domains, replicas: 3, scatterWidth: 4, new RandomStream(80));
        var before = Enumerable.Range(0, policy.CopysetCount).Select(g => Key(policy.Members(g).ToArray())).ToList();
        for (int i = 0; i < 7; i++) domains.AddNode();
        policy.OnNodesAdded(new RandomStream(81));

        var after = Enumerable.Range(0, policy.CopysetCount).Select(g => Key(policy.Members(g).ToArray())).ToList();
        Assert.That(after.Take(before.Count), Is.EqualTo(before), "old copysets unchanged");
        Assert.That(policy.CopysetCount, Is.EqualTo(20 + 2 * 3), "each of the 2 permutations cuts 7 new nodes into 3 groups");
        for (int n = 30; n < 37; n++) Assert.That(policy.CopysetsOf(n).Length, Is.EqualTo(2), $"new node {n}");
        for (int g = before.Count; g < after.Count; g++)
            Assert.That(policy.Members(g).ToArray().Distinct().Count(), Is.EqualTo(3), $"copyset {g} has distinct members");
    }

    private static bool Copyset(CopysetPolicy policy, int[] keep, int t) =>
        Enumerable.Range(0, policy.CopysetCount).Any(g => keep.Append(t).All(n => policy.Members(g).Contains(n)));
}
