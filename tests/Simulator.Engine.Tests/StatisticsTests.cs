using NUnit.Framework;

namespace Simulator.Engine.Tests;

public sealed class StatisticsTests
{
    private static SimTime S(double seconds) => SimTime.FromSeconds(seconds);

    [Test]
    public void TimeWeightedLevelAveragesOverSimulatedTime()
    {
        // Level 0 on [0,1), 2 on [1,3), 5 on [3,4), 1 on [4,6): area 0 + 4 + 5 + 2 = 11 over 6 s.
        var level = new TimeWeightedLevel(S(0), initial: 0, threshold: 1.5);
        level.Set(S(1), 2);
        level.Add(S(3), 3);
        level.Set(S(4), 1);
        Assert.That(level.Mean(S(6)), Is.EqualTo(11.0 / 6).Within(1e-12));
        Assert.That(level.Max, Is.EqualTo(5));
        Assert.That(level.Min, Is.EqualTo(0));
        Assert.That(level.TimeAbove(S(6)), Is.EqualTo(Duration.FromSeconds(3)));
        Assert.That(level.AreaHours(S(6)), Is.EqualTo(11.0 / 3600).Within(1e-15));
        Assert.That(level.Current, Is.EqualTo(1));
    }

    [Test]
    public void TimeWeightedLevelCountsTimeAboveUpToNowWhileStillAbove()
    {
        var level = new TimeWeightedLevel(S(10), initial: 3, threshold: 2);
        Assert.That(level.TimeAbove(S(25)), Is.EqualTo(Duration.FromSeconds(15)));
        Assert.That(level.Mean(S(10)), Is.EqualTo(3), "no time has passed: the mean is the level");
        Assert.Throws<ArgumentOutOfRangeException>(() => level.Set(S(5), 1));
    }

    [Test]
    public void TallyGivesExactMomentsOfHandComputedData()
    {
        var t = new Tally();
        foreach (double x in new double[] { 2, 4, 4, 4, 5, 5, 7, 9 }) t.Add(x);
        Assert.That(t.Count, Is.EqualTo(8));
        Assert.That(t.Mean, Is.EqualTo(5).Within(1e-12));
        Assert.That(t.Variance, Is.EqualTo(32.0 / 7).Within(1e-12));
        Assert.That(t.Min, Is.EqualTo(2));
        Assert.That(t.Max, Is.EqualTo(9));
        Assert.That(t.Sum, Is.EqualTo(40).Within(1e-12));
        Assert.That(t.Percentile(0), Is.EqualTo(2));
        Assert.That(t.Percentile(50), Is.EqualTo(4).Within(4 * 0.01), "rank ⌊0.5 × 7⌋ = 3 of the sorted data");
        Assert.That(t.Percentile(100), Is.EqualTo(9));
    }

    [Test]
    public void TallyPercentilesStayWithinTheirRelativeAccuracy()
    {
        var t = new Tally(relativeAccuracy: 0.01);
        var values = Enumerable.Range(1, 10_000).Select(i => i * 0.37).ToArray();
        foreach (double v in values.Reverse()) t.Add(v);
        foreach (double p in new double[] { 1, 10, 25, 50, 90, 99, 99.9 })
        {
            double exact = values[(int)Math.Floor(p / 100 * (values.Length - 1))];
            Assert.That(t.Percentile(p), Is.EqualTo(exact).Within(0.01).Percent.Or.EqualTo(exact).Within(exact * 0.0100001), $"p{p}");
        }
    }

    [Test]
    public void TallyHandlesNegativeAndZeroObservationsInOrder()
    {
        var t = new Tally();
        foreach (double x in new double[] { -10, -1, 0, 0, 1, 10 }) t.Add(x);
        Assert.That(t.Percentile(20), Is.EqualTo(-1).Within(0.01));
        Assert.That(t.Percentile(40), Is.EqualTo(0));
        Assert.That(t.Percentile(60), Is.EqualTo(0));
        Assert.That(t.Percentile(80), Is.EqualTo(1).Within(0.01));
    }

    [Test]
    public void MergingTalliesEqualsTallyingEverything()
    {
        var all = new Tally();
        var a = new Tally();
        var b = new Tally();
        var rng = new RandomStream(3);
        for (int i = 0; i < 1000; i++)
        {
            double x = rng.NextExponential(0.5);
            all.Add(x);
            (i % 3 == 0 ? a : b).Add(x);
        }
        a.Merge(b);
        Assert.That(a.Count, Is.EqualTo(all.Count));
        Assert.That(a.Mean, Is.EqualTo(all.Mean).Within(1e-12));
        Assert.That(a.Variance, Is.EqualTo(all.Variance).Within(1e-9));
        Assert.That(a.Min, Is.EqualTo(all.Min));
        Assert.That(a.Max, Is.EqualTo(all.Max));
        Assert.That(a.Percentile(90), Is.EqualTo(all.Percentile(90)));
    }

    [Test]
    public void AnEmptyTallyReportsNaN()
    {
        var t = new Tally();
        Assert.That(t.Mean, Is.NaN);
        Assert.That(t.Variance, Is.NaN);
        Assert.That(t.Percentile(50), Is.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Add(double.PositiveInfinity));
    }

    [Test]
    public void SamplerRecordsEveryIntervalUpToItsEndInclusive()
    {
        var sim = new Simulation();
        var level = new TimeWeightedLevel();
        sim.Schedule(S(25), () => level.Set(sim.Now, 7));
        var sampler = new Sampler(sim, Duration.FromSeconds(10), end: S(40));
        sampler.Add("level", () => level.Current);
        sampler.Add("events", () => sim.EventsProcessed);
        sampler.Start();
        sim.Run();
        Assert.That(sampler.Times, Is.EqualTo(new[] { S(0), S(10), S(20), S(30), S(40) }));
        Assert.That(sampler.Series("level"), Is.EqualTo(new double[] { 0, 0, 0, 7, 7 }));
        Assert.That(sampler.Series(1), Is.EqualTo(new double[] { 1, 2, 3, 5, 6 }));
        Assert.That(sim.PendingCount, Is.Zero, "no sample is scheduled past the end");
        Assert.Throws<KeyNotFoundException>(() => sampler.Series("missing"));
    }

    [Test]
    public void AStoppedSamplerTakesNoMoreSamples()
    {
        var sim = new Simulation();
        var sampler = new Sampler(sim, Duration.FromSeconds(1));
        sampler.Add("t", () => sim.Now.TotalSeconds);
        sampler.Start();
        sim.Schedule(S(3.5), sampler.Stop);
        sim.RunUntil(S(100));
        Assert.That(sampler.Series("t"), Is.EqualTo(new double[] { 0, 1, 2, 3 }));
    }
}
