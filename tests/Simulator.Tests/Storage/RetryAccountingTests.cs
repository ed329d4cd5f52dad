using NUnit.Framework;
using Simulator.Engine;
using Simulator.Scenarios.Model;
using Simulator.Tests.Support;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Storage;

/// <summary>Aggregated accounting of futile retries (rates, waiters woken when space appears) against the exact reference.</summary>
public sealed class RetryAccountingTests
{
    /// <summary>
    /// No space for an hour after 10 % of 400 nodes are cut off (about 200 of 1,000 volumes search every 5 s);
    /// each attempt may crash a node, and each crash sets ~5 more volumes searching (a small cascade, so runs
    /// vary little); capacity arrives at 1 h. Negotiations are off: the control plane is not under test here
    /// and would double the exact mode's events.
    /// </summary>
    private static Scenario Storm(RetryAccounting accounting)
    {
        var storm = Small(nodes: 400, volumes: 1000, freeCapacityPct: 0.5, horizonH: 1.5, accounting: accounting, crashPerClosure: 1e-4,
            faults: [RoutingChange(portionPct: 10)], operators: [AddCapacity(atH: 1, nodes: 100)]);
        return storm with { Replication = storm.Replication with { NegotiatePerAttempt = false } };
    }

    private sealed record Outcome(double MeanStuckPct, double StuckPctAt1H, double Attempts, double Crashes, long Events);

    private static Outcome RunStorm(RetryAccounting accounting, ulong seed)
    {
        var run = Run(Storm(accounting), seed);
        return new Outcome(
            Series.Of(run, ZoneAScope, "volumes_stuck_pct").Average(s => s.Value),
            Series.At(run, ZoneAScope, "volumes_stuck_pct", 1),
            Series.Integrated(run, ClusterScope, "remirror_attempts_per_s"),
            run.Clusters[0].NodesCrashed,
            run.EventsProcessed);
    }

    /// <summary>
    /// The two modes draw different random numbers, so single runs differ; only their means over seeds can agree.
    /// They must agree within three standard errors of the difference (a 0.3 % false alarm under the normal
    /// approximation); and that bound must be tighter than <paramref name="resolution"/> of the value, else the
    /// comparison could not catch a bias of that size.
    /// </summary>
    private static void AssertSameMean(List<Outcome> exact, List<Outcome> aggregated, Func<Outcome, double> metric, double resolution, string what)
    {
        static (double Mean, double Se2) Stats(List<Outcome> runs, Func<Outcome, double> metric)
        {
            var x = runs.Select(metric).ToList();
            double m = x.Average();
            return (m, x.Sum(v => (v - m) * (v - m)) / (x.Count - 1) / x.Count);
        }
        var (e, eSe2) = Stats(exact, metric);
        var (a, aSe2) = Stats(aggregated, metric);
        double bound = 3 * Math.Sqrt(eSe2 + aSe2);
        TestContext.Out.WriteLine($"{what}: exact {e:G4}, aggregated {a:G4}, bound ±{bound:G3} ({100 * bound / e:F0} %)");
        Assert.That(bound, Is.LessThan(resolution * e), $"{what}: too few seeds for a sharp comparison");
        Assert.That(a, Is.EqualTo(e).Within(bound), what);
    }

    [Test]
    public void AggregatedAccountingReproducesTheExactStormWithAFractionOfTheEvents()
    {
        // Exact runs are costly and aggregated ones cheap: more aggregated seeds shrink the bound at little cost.
        var exact = Enumerable.Range(1, 6).Select(s => RunStorm(RetryAccounting.Exact, (ulong)s)).ToList();
        var aggregated = Enumerable.Range(101, 30).Select(s => RunStorm(RetryAccounting.Aggregated, (ulong)s)).ToList();

        AssertSameMean(exact, aggregated, o => o.MeanStuckPct, 0.10, "time-averaged stuck %");
        AssertSameMean(exact, aggregated, o => o.StuckPctAt1H, 0.15, "stuck % when capacity arrives");
        AssertSameMean(exact, aggregated, o => o.Attempts, 0.10, "search attempts");
        // Crashes are rare events (~15 a run): the bound can only catch a bias of a third or more.
        AssertSameMean(exact, aggregated, o => o.Crashes, 0.40, "node crashes");
        Assert.That(aggregated.Average(o => o.Events), Is.LessThan(exact.Average(o => o.Events) / 5));
    }

    [TestCase(RetryAccounting.Exact)]
    [TestCase(RetryAccounting.Aggregated)]
    public void AVolumeStopsSearchingOnceItsRetryBudgetIsSpent(RetryAccounting accounting)
    {
        // No space and 10 % of the nodes cut off for good: the volumes that lost a partner search in vain.
        var rig = new ClusterRig(Small(freeCapacityPct: 0.5, accounting: accounting,
            retry: new RetryPolicySpec { Interval = Duration.FromSeconds(5), Budget = 3 },
            faults: [RoutingChange(portionPct: 10)]));

        rig.RunTo(1);
        int searching = rig.Cluster.StuckVolumes - rig.Cluster.UnavailableVolumes;
        Assert.That(searching, Is.GreaterThan(100));
        Assert.That(rig.Cluster.Attempts, Is.EqualTo(3.0 * searching).Within(1e-6), "three attempts each, then no more");
    }
}
