using NUnit.Framework;
using Simulator.Experiments;

namespace Simulator.Tests.ExperimentLayer;

public sealed class ShardTests
{
    [TestCase("0/1", 0, 1)]
    [TestCase("2/8", 2, 8)]
    [TestCase("7/8", 7, 8)]
    public void ReadsIOfN(string text, int index, int count)
    {
        Assert.That(Shard.TryParse(text, out var shard, out string error), Is.True, error);
        Assert.That(shard, Is.EqualTo(new Shard(index, count)));
        Assert.That(shard.ToString(), Is.EqualTo(text));
    }

    [TestCase("3/2", "shard index must be below the shard count (0 to 1 for n = 2), found \"3/2\"")]
    [TestCase("2/2", "shard index must be below the shard count (0 to 1 for n = 2)")]
    [TestCase("0/0", "expected at least 1 shard")]
    [TestCase("1", "expected i/n such as 0/4")]
    [TestCase("-1/3", "expected i/n such as 0/4")]
    [TestCase("a/b", "expected i/n such as 0/4")]
    public void RefusesWhatIsNotAShareWithTheReason(string text, string reason)
    {
        Assert.That(Shard.TryParse(text, out _, out string error), Is.False);
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void TheShardsOfAPlanTakeEveryUnitExactlyOnce()
    {
        var plan = PlanOf(variants: 2, points: 3, replications: 5);
        foreach (int n in new[] { 1, 2, 3, 7, 30, 31 })
        {
            var taken = Enumerable.Range(0, n).SelectMany(i => plan.Units(new Shard(i, n))).Select(u => u.Index).Order().ToList();
            Assert.That(taken, Is.EqualTo(Enumerable.Range(0, 30)), $"{n} shards");
            Assert.That(Enumerable.Range(0, n).Sum(i => plan.UnitCountOf(new Shard(i, n))), Is.EqualTo(30));
        }
    }

    internal static ExperimentPlan PlanOf(int variants, int points, int replications, ulong seed = 1) => new()
    {
        Kind = variants > 1 ? ExperimentKind.Compare : ExperimentKind.Sweep,
        Variants = [.. Enumerable.Range(0, variants).Select(v => new PlanVariant($"v{v}.yaml", $"/x/v{v}.yaml", $"v{v}", $"v{v}", new string((char)('a' + v), 64)))],
        Parameters = points > 1 ? [new PlanParameter("horizon", "list", [.. Enumerable.Range(1, points).Select(h => $"{h}h")])] : [],
        Points = [.. Enumerable.Range(0, points).Select(p => new PlanPoint(p, points > 1 ? [$"{p + 1}h"] : []))],
        Replications = replications,
        Seed = seed,
    };
}
