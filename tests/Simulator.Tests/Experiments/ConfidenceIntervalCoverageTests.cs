using NUnit.Framework;
using Simulator.Reporting;

namespace Simulator.Tests.ExperimentLayer;

public sealed class ConfidenceIntervalCoverageTests
{
    private const double Lambda = 0.5, Mu = 1.0;
    private const double HorizonS = 2000;
    private const int Replications = 10;
    private const int Experiments = 400;

    /// <summary>
    /// 400 experiments of 10 replications of a stationary M/M/1 queue (ρ = 0.5, L = 1, 2000 s ≈ 1000 customers per
    /// replication, long enough that the skew of a time average does not bias the t interval), each replication on its own
    /// streams (seed, replication): the 95 % Student-t interval that summary.csv reports must cover L in about 95 % of
    /// them. The seeds are fixed, so the count is a fixed number; the bounds are those of a fair coin of p = 0.95 over
    /// 400 throws at about ±3 standard deviations (±3.3 points), and they exclude what a normal (z) interval or a
    /// population standard deviation would give with 10 replications (about 92 %).
    /// </summary>
    [Test]
    public void TheNinetyFivePercentIntervalCoversTheMeanOfAnMM1QueueInAboutNinetyFivePercentOfExperiments()
    {
        double expected = MM1Queue.ExpectedInSystem(Lambda, Mu);
        int covered = 0, coveredByZ = 0;
        for (int experiment = 0; experiment < Experiments; experiment++)
        {
            ulong seed = 1000 + (ulong)experiment;
            var values = Enumerable.Range(0, Replications)
                .Select(r => new MM1Queue(Lambda, Mu, seed, r).TimeAverageInSystem(HorizonS)).ToList();
            var stats = SummaryStatistics.Of(values);
            if (stats.Ci95Low <= expected && expected <= stats.Ci95High) covered++;
            double z = 1.959964 * stats.StandardDeviation / Math.Sqrt(Replications);
            if (stats.Mean - z <= expected && expected <= stats.Mean + z) coveredByZ++;
        }
        double coverage = (double)covered / Experiments;
        TestContext.Out.WriteLine($"coverage {coverage:P1} (normal interval: {(double)coveredByZ / Experiments:P1})");
        Assert.That(coverage, Is.InRange(0.93, 0.975));
        Assert.That(covered, Is.GreaterThan(coveredByZ), "the t interval is wider than the normal one with 10 replications");
    }
}
