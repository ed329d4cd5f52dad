using NUnit.Framework;
using Simulator.Engine;
using Simulator.Scenarios.Model;
using Simulator.Storage;

namespace Simulator.Tests.Storage;

/// <summary>Retry intervals after a failed search for space (Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 2015).</summary>
public sealed class RetryScheduleTests
{
    private const double BaseS = 1, CapS = 60;
    private static readonly double[] Uniforms = [0, 0.001, 0.25, 0.5, 0.75, 0.999999];

    private static RetrySchedule Schedule(RetryPolicyKind policy) => new(new RetryPolicySpec
    {
        Policy = policy,
        Interval = Duration.FromSeconds(BaseS),
        MaxInterval = Duration.FromSeconds(CapS),
        Multiplier = 2,
    });

    /// <summary>The capped exponential interval after <paramref name="failures"/> failures: 1, 2, 4, …, 32, 60, 60, …</summary>
    private static double CappedExponential(int failures) => Math.Min(CapS, BaseS * Math.Pow(2, failures - 1));

    [Test]
    public void FixedRetriesWaitTheSameIntervalEveryTime()
    {
        var fixedRetry = new RetrySchedule(new RetryPolicySpec { Interval = Duration.FromSeconds(5) });
        var intervals = Enumerable.Range(1, 20).SelectMany(k => Uniforms.Select(u => fixedRetry.NextIntervalSeconds(k, 5, u)));
        Assert.That(intervals, Is.All.EqualTo(5));
        Assert.That(fixedRetry.SteadyMeanIntervalSeconds, Is.EqualTo(5));
        Assert.That(fixedRetry.IsSteady(1), Is.True);
        Assert.That(fixedRetry.Budget, Is.Null);
    }

    [Test]
    public void ExponentialBackoffDoublesFromTheFirstIntervalUpToTheCap()
    {
        var exponential = Schedule(RetryPolicyKind.Exponential);
        var intervals = Enumerable.Range(1, 9).Select(k => exponential.NextIntervalSeconds(k, 0, 0.5));
        Assert.That(intervals, Is.EqualTo(new[] { 1.0, 2, 4, 8, 16, 32, 60, 60, 60 }));
    }

    [Test]
    public void FullJitterDrawsFromZeroUpToTheCappedExponential()
    {
        var full = Schedule(RetryPolicyKind.FullJitter);
        for (int k = 1; k <= 10; k++)
        {
            double exp = CappedExponential(k);
            var intervals = Uniforms.Select(u => full.NextIntervalSeconds(k, 0, u)).ToList();
            Assert.That(intervals, Is.All.GreaterThanOrEqualTo(0), $"after {k} failures");
            Assert.That(intervals, Is.All.LessThan(exp), $"after {k} failures");
            Assert.That(full.NextIntervalSeconds(k, 0, 0.5), Is.EqualTo(exp / 2).Within(1e-9));
        }
    }

    [Test]
    public void EqualJitterDrawsFromTheUpperHalfOfTheCappedExponential()
    {
        var equal = Schedule(RetryPolicyKind.EqualJitter);
        for (int k = 1; k <= 10; k++)
        {
            double exp = CappedExponential(k);
            var intervals = Uniforms.Select(u => equal.NextIntervalSeconds(k, 0, u)).ToList();
            Assert.That(intervals, Is.All.GreaterThanOrEqualTo(exp / 2), $"after {k} failures");
            Assert.That(intervals, Is.All.LessThan(exp), $"after {k} failures");
            Assert.That(equal.NextIntervalSeconds(k, 0, 0), Is.EqualTo(exp / 2));
        }
    }

    [Test]
    public void DecorrelatedJitterDrawsFromTheBaseUpToThreeTimesThePreviousIntervalCapped()
    {
        var decorrelated = Schedule(RetryPolicyKind.DecorrelatedJitter);
        var random = new RandomStream(7);
        double previous = 0;
        for (int k = 1; k <= 200; k++)
        {
            double next = decorrelated.NextIntervalSeconds(k, previous, random.NextDouble());
            Assert.That(next, Is.InRange(BaseS, Math.Min(CapS, 3 * Math.Max(BaseS, previous))), $"after {previous} s");
            previous = next;
        }
        Assert.That(decorrelated.NextIntervalSeconds(5, 10, 0), Is.EqualTo(BaseS));
        Assert.That(decorrelated.NextIntervalSeconds(5, 10, 0.999999), Is.EqualTo(30).Within(1e-3));
        Assert.That(decorrelated.NextIntervalSeconds(5, 50, 0.999999), Is.EqualTo(CapS));
    }

    [TestCase(RetryPolicyKind.Fixed)]
    [TestCase(RetryPolicyKind.Exponential)]
    [TestCase(RetryPolicyKind.FullJitter)]
    [TestCase(RetryPolicyKind.EqualJitter)]
    [TestCase(RetryPolicyKind.DecorrelatedJitter)]
    public void SteadyMeanIntervalIsTheMeanOfTheIntervalsOnceSteady(RetryPolicyKind policy)
    {
        // Monte-Carlo over the policy's own sequence, far past the ramp: 200,000 intervals give a standard error under 0.2 %.
        var schedule = Schedule(policy);
        var random = new RandomStream(11);
        double previous = 0, sum = 0;
        const int burnIn = 1000, draws = 200_000;
        for (int k = 1; k <= burnIn + draws; k++)
        {
            previous = schedule.NextIntervalSeconds(Math.Min(k, 1000), previous, random.NextDouble());
            if (k > burnIn) sum += previous;
        }
        Assert.That(schedule.SteadyMeanIntervalSeconds, Is.EqualTo(sum / draws).Within(2).Percent);
    }

    [TestCase(RetryPolicyKind.Exponential)]
    [TestCase(RetryPolicyKind.FullJitter)]
    [TestCase(RetryPolicyKind.EqualJitter)]
    public void IsSteadyFlipsWhenTheCappedExponentialReachesTheCap(RetryPolicyKind policy)
    {
        var schedule = Schedule(policy);
        // After k = 1 … 12 failures: the interval is 1, 2, 4, 8, 16, 32 s, then the 60 s cap from k = 7.
        var steady = Enumerable.Range(1, 12).Select(schedule.IsSteady).ToArray();
        var atCap = Enumerable.Range(1, 12).Select(k => CappedExponential(k) >= CapS).ToArray();
        Assert.That(steady, Is.EqualTo(atCap));
    }
}
