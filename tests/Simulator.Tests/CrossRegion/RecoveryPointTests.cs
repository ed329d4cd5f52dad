using NUnit.Framework;
using Simulator.Engine;
using Simulator.Scenarios.Model;
using Simulator.Tests.Support;
using static Simulator.Tests.CrossRegion.TwoRegions;

namespace Simulator.Tests.CrossRegion;

/// <summary>
/// Recovery points against their closed forms. Notation: W the class's write rate (bytes/s), C the link's capacity
/// (bytes/s), L its latency, T the snapshot period.
/// </summary>
public sealed class RecoveryPointTests
{
    private const int Volumes = Support.TestScenarios.Volumes;

    /// <summary>
    /// Writes below the link (W = 2,000 × 100 kB/s = 200 MB/s over C = 1.25 GB/s): the stream never queues, so a byte is
    /// received L after it is written, and a failover loses exactly the last L of writes: RPO = L, w·L bytes per volume.
    /// The recovery time is the detection delay plus the promotion (1 min + 1 min), the region's nodes going dark at once.
    /// </summary>
    [Test]
    public void ContinuousReplicationBelowTheLinkLosesOneLatencyOfWrites()
    {
        var run = TestScenarios.Run(Build(writeKBps: 100, linkGbps: 10, faults: [LoseHome(Duration.FromHours(1))]));

        var outcomes = run.CrossRegion!.Outcomes.Where(o => o.FailedOver).ToList();
        Assert.That(outcomes, Has.Count.EqualTo(Volumes), "every volume failed over");
        Assert.That(outcomes.Select(o => o.AtS), Is.All.EqualTo(3600).Within(1e-6), "all stopped with the region");
        Assert.That(outcomes.Select(o => o.RpoS), Is.All.EqualTo(LatencyS).Within(1e-6));
        Assert.That(outcomes.Select(o => o.RpoBytes), Is.All.EqualTo(100e3 * LatencyS).Within(1e-3));
        Assert.That(outcomes.Select(o => o.RtoS), Is.All.EqualTo(120).Within(1e-6));
        Assert.That(Series.At(run, "replication:" + ClassName, "replication_backlog_bytes", 0.5), Is.EqualTo(200e6 * LatencyS).Within(1),
            "the backlog is what is on the wire, W·L");
    }

    /// <summary>
    /// Writes above the link (W = 200 MB/s, C = 150 MB/s, from time 0): the backlog grows at W − C, so at t it is
    /// (W − C)·t plus C·L on the wire. Shipping in write order, the last byte shipped at t was written at s* with
    /// W·s* = C·t, and a failover at t loses RPO = t − s* + L = t·(1 − C/W) + L seconds of writes.
    /// </summary>
    [Test]
    public void ContinuousReplicationAboveTheLinkFallsBehindAtTheExcessRate()
    {
        const double w = 200e6, c = 1.2e9 / 8;
        var run = TestScenarios.Run(Build(writeKBps: 100, linkGbps: 1.2, faults: [LoseHome(Duration.FromHours(1))]));

        string scope = "replication:" + ClassName;
        foreach (double h in new[] { 0.25, 0.5, 0.75 })
            Assert.That(Series.At(run, scope, "replication_backlog_bytes", h), Is.EqualTo((w - c) * h * 3600 + c * LatencyS).Within(2),
                $"backlog at {h} h");
        Assert.That(Series.At(run, scope, "replication_lag_max_s", 0.5), Is.EqualTo(1800 * (1 - c / w) + LatencyS).Within(1e-5));
        var outcomes = run.CrossRegion!.Outcomes.Where(o => o.FailedOver).ToList();
        Assert.That(outcomes, Has.Count.EqualTo(Volumes));
        foreach (var o in outcomes)
            Assert.That(o.RpoS, Is.EqualTo(o.AtS * (1 - c / w) + LatencyS).Within(1e-5));
        Assert.That(outcomes.Sum(o => o.RpoBytes), Is.EqualTo(w * (3600 * (1 - c / w) + LatencyS)).Within(1e3),
            "the writes lost are the backlog plus what is on the wire");
    }

    /// <summary>
    /// Snapshots every T = 15 min of W·T = 180 GB over C = 1.25 GB/s: each arrives d = W·T/C + L = 144.05 s after it is
    /// taken. A region lost at a time uniform over a period, u after the last snapshot was taken, loses u when u ≥ d
    /// (the snapshot arrived) and u + T when u &lt; d: the mean RPO is T/2 + d. Forty losses at uniform times.
    /// </summary>
    [Test]
    public void SnapshotsEveryPeriodLoseHalfAPeriodPlusTheShippingDelayOnAverage()
    {
        const double t = 900, w = 200e6, c = 10e9 / 8, d = w * t / c + LatencyS;
        var draw = new Random(20101);
        var rpos = new List<double>();
        for (int i = 0; i < 40; i++)
        {
            var at = Duration.FromHours(2) + Duration.FromSeconds(Math.Round(draw.NextDouble() * t, 3));
            var run = TestScenarios.Run(Build(writeKBps: 100, linkGbps: 10, mode: CrossRegionMode.Snapshot, every: Duration.FromMinutes(15),
                horizonH: 2.5, faults: [LoseHome(at)]), seed: (ulong)(i + 1));
            var outcome = run.CrossRegion!.Outcomes.First(o => o.FailedOver);
            Assert.That(run.CrossRegion.Outcomes.Where(o => o.FailedOver).Select(o => o.RpoS), Is.All.EqualTo(outcome.RpoS), "one recovery point per class");
            double u = at.TotalSeconds % t;
            Assert.That(outcome.RpoS, Is.EqualTo(u >= d ? u : u + t).Within(1e-5), $"loss {u:0.###} s after a snapshot");
            rpos.Add(outcome.RpoS);
        }
        double mean = rpos.Average(), sd = Math.Sqrt(rpos.Sum(r => (r - mean) * (r - mean)) / (rpos.Count - 1));
        double half = 2.023 * sd / Math.Sqrt(rpos.Count); // t quantile, 39 degrees of freedom
        Assert.That(mean, Is.EqualTo(t / 2 + d).Within(half), $"mean RPO {mean:0.#} ± {half:0.#} s against T/2 + d = {t / 2 + d:0.#} s");
    }
}
