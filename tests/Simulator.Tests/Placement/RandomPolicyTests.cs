using NUnit.Framework;
using Simulator.Engine;
using Simulator.Placement;

namespace Simulator.Tests.Placement;

public sealed class RandomPolicyTests
{
    /// <summary>
    /// With D = pN of N nodes dark, a uniformly random set of R distinct nodes is all dark with the hypergeometric
    /// probability P(X = R), X ~ Hypergeometric(N, D, R): C(D, R) / C(N, R) = Π_{i&lt;R} (D − i) / (N − i). For R = 2 that is
    /// D(D − 1) / (N(N − 1)) = p(Np − 1) / (N − 1). Drawing with replacement would give p^R instead (0.0625 against 0.0526
    /// for R = 2 here, 20 standard errors apart), so the check tells the two apart.
    /// </summary>
    [TestCase(2)]
    [TestCase(3)]
    public void TheShareOfItemsWithEveryReplicaDarkIsHypergeometric(int replicas)
    {
        const int nodes = 20, dark = 5, items = 200_000;
        var domains = FailureDomains.Uniform(nodes, zones: 2, powerDomainsPerZone: 2, racksPerPowerDomain: 1);
        var policy = new RandomPolicy(domains, replicas);
        var space = new DomainFreeSpace(domains);
        for (int n = 0; n < nodes; n++) space.Set(n, long.MaxValue / 2);
        var darkNodes = Enumerable.Range(0, nodes).ToArray();
        new RandomStream(30).ShuffleFirst(darkNodes.AsSpan(), dark);
        var isDark = new bool[nodes];
        foreach (int n in darkNodes[..dark]) isDark[n] = true;

        var stream = new RandomStream(31);
        Span<int> set = stackalloc int[replicas];
        int allDark = 0;
        for (int i = 0; i < items; i++)
        {
            Assert.That(policy.TryPlace(1, space, stream, set), Is.True);
            bool all = true;
            for (int k = 0; k < replicas; k++)
            {
                all &= isDark[set[k]];
                for (int j = 0; j < k; j++) Assert.That(set[j], Is.Not.EqualTo(set[k]), "replicas on distinct nodes");
            }
            if (all) allDark++;
        }

        double expected = 1;
        for (int i = 0; i < replicas; i++) expected *= (double)(dark - i) / (nodes - i);
        if (replicas == 2)
        {
            double p = (double)dark / nodes;
            Assert.That(expected, Is.EqualTo(p * (nodes * p - 1) / (nodes - 1)).Within(1e-12), "the closed form for R = 2");
        }
        double share = (double)allDark / items, se = Math.Sqrt(expected * (1 - expected) / items);
        Assert.That(share, Is.EqualTo(expected).Within(4 * se), $"share of items with all {replicas} replicas dark (±4 standard errors)");
        Assert.That(Math.Abs(share - Math.Pow((double)dark / nodes, replicas)), Is.GreaterThan(4 * se), "drawing with replacement is told apart");
    }

    [Test]
    public void AReplacementIsDrawnUniformlyAmongTheNodesThatCanTakeIt()
    {
        var domains = FailureDomains.Uniform(10);
        var policy = new RandomPolicy(domains, replicas: 2);
        var space = new DomainFreeSpace(domains);
        for (int n = 0; n < 10; n++) space.Set(n, n < 5 ? 100 : 5); // nodes 5…9 cannot take 10
        space.Set(0, -1);
        var stream = new RandomStream(40);
        var hits = new int[10];
        for (int i = 0; i < 40_000; i++) hits[policy.ChooseReplacement(10, [1], space, stream)]++;

        Assert.That(hits[0] + hits[1] + hits[5] + hits[6] + hits[7] + hits[8] + hits[9], Is.Zero, "ineligible, kept or too full");
        foreach (int n in new[] { 2, 3, 4 }) Assert.That(hits[n], Is.EqualTo(40_000 / 3.0).Within(400), $"node {n}");
        for (int n = 1; n < 5; n++) space.Set(n, 5);
        Assert.That(policy.ChooseReplacement(10, [1], space, stream), Is.EqualTo(-1), "no node can take it");
    }
}
