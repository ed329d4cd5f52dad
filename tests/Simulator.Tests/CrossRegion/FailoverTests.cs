using NUnit.Framework;
using Simulator.CrossRegion;
using Simulator.Engine;
using Simulator.Faults.Kinds;
using Simulator.Tests.Support;
using static Simulator.Tests.CrossRegion.TwoRegions;

namespace Simulator.Tests.CrossRegion;

public sealed class FailoverTests
{
    private const string Scope = "replication:" + ClassName;

    /// <summary>
    /// Everything at once, with the invariants checked after every event (no volume serves in both regions; the counts
    /// and the write rate kept match a recount): a partition, the home region lost and back (automatic failover, then
    /// failback), an operator's failover of a serving region and its failback, and a routing change that makes some
    /// volumes stuck (each may fail over on its own).
    /// </summary>
    [Test]
    public void NoVolumeEverServesInTwoRegionsThroughPartitionLossFailoverAndFailback()
    {
        var scenario = Build(writeKBps: 100, linkGbps: 10, horizonH: 6,
            faults:
            [
                new PartitionFault { At = Duration.FromHours(0.5), Places = [Remote], HealAfter = Duration.FromHours(0.5) },
                LoseHome(Duration.FromHours(1.5), forH: 1),
                TestScenarios.RoutingChange(portionPct: 5, atH: 4.5, rollbackAfterH: 0.25),
            ],
            operators:
            [
                new FailOverAction { At = Duration.FromHours(3.5), Region = Home },
                new FailBackAction { At = Duration.FromHours(4), Region = Home },
            ]);
        long checks = 0;
        var run = new Experiments.SimulationRun(scenario, 3, 0, 1)
        {
            AfterEveryEvent = r => { r.CrossRegion!.CheckInvariants(); checks++; },
        };
        run.Run(scenario.SampleInterval);

        Assert.That(checks, Is.EqualTo(run.EventsProcessed));
        var cls = run.CrossRegion!.Classes[0];
        Assert.That(Series.Between(run, Scope, "volumes_serving_pct", 0, 1.49), Is.All.EqualTo(100), "a partition leaves the volumes serving");
        Assert.That(Series.At(run, Scope, "replication_lag_max_s", 0.99), Is.GreaterThan(1700), "and replication behind");
        Assert.That(Series.At(run, Scope, "volumes_failed_over_pct", 1.6), Is.EqualTo(100), "region lost: all failed over");
        Assert.That(Series.At(run, Scope, "volumes_failed_over_pct", 3.4), Is.EqualTo(0), "and back home after the re-sync");
        Assert.That(Series.At(run, Scope, "volumes_failed_over_pct", 3.6), Is.EqualTo(100), "operators failed the serving region over");
        Assert.That(Series.At(run, Scope, "volumes_failed_over_pct", 4.4), Is.EqualTo(0), "and back");
        Assert.That(cls.Count().Home, Is.EqualTo(cls.Members), "all home at the end");
        var forced = run.CrossRegion.Outcomes.Where(o => Math.Abs(o.AtS - 3.5 * 3600) < 1e-6).ToList();
        Assert.That(forced, Has.Count.EqualTo(cls.Members));
        Assert.That(forced.Select(o => o.RtoS), Is.All.EqualTo(60).Within(1e-6), "an operator's failover costs the promotion alone");
    }

    /// <summary>
    /// The re-sync after a region loss is a flow over the link's other direction: with the link alone on it, it takes
    /// the bytes written remotely during the failover over the link's capacity. W = 200 MB/s written remotely for the
    /// hour between the promotion (2 min after the loss) and the region's return, copied back at C = 1.25 GB/s. (Writes
    /// made remotely during the re-sync are not copied: the model's approximation, a re-sync of minutes.)
    /// </summary>
    [Test]
    public void FailbackCopiesBackTheWritesMadeRemotelyOverTheLink()
    {
        const double w = 200e6, c = 10e9 / 8;
        var run = TestScenarios.Run(Build(writeKBps: 100, linkGbps: 10, horizonH: 4, faults: [LoseHome(Duration.FromHours(1), forH: 1)]));

        double remoteS = 3600 - 120, resyncH = w * remoteS / c / 3600;
        Assert.That(Series.At(run, Scope, "volumes_failed_over_pct", 2 + resyncH - 1.0 / 60), Is.EqualTo(100));
        Assert.That(Series.At(run, Scope, "volumes_failed_over_pct", 2 + resyncH + 1.0 / 60), Is.EqualTo(0));
        Assert.That(Series.At(run, "link:" + LinkName, "link_throughput_gbps", 2 + resyncH / 2), Is.EqualTo(10).Within(1e-6),
            "the re-sync fills the way back; nothing goes out, as the volumes serve remotely until it ends");
        Assert.That(Series.At(run, "link:" + LinkName, "link_throughput_gbps", 3.5), Is.EqualTo(1.6).Within(1e-6), "then the stream resumes at W");
    }

    /// <summary>Without automatic failover, a lost region's volumes wait for it: the recovery time is the outage.</summary>
    [Test]
    public void WithoutAutomaticFailoverVolumesWaitForTheirRegion()
    {
        var run = TestScenarios.Run(Build(writeKBps: 100, linkGbps: 10, automatic: false, faults: [LoseHome(Duration.FromHours(1), forH: 1)]));

        var outcomes = run.CrossRegion!.Outcomes;
        Assert.That(outcomes.Where(o => o.FailedOver), Is.Empty);
        Assert.That(outcomes.Select(o => o.RtoS), Is.All.InRange(3600, 3600 + 120), "back with the region (and its volumes' checks)");
        Assert.That(outcomes.Select(o => o.RpoBytes), Is.All.EqualTo(0), "nothing lost");
    }
}

public sealed class MultiRegionDatabaseTests
{
    /// <summary>
    /// Databases with an asynchronous replica in another region are a class of their own (<c>replication:databases</c>),
    /// of exactly their count of volumes, none of them in the volumes' class: they fail over with the region and are
    /// reported like volumes, serving, failed over and with their recovery points.
    /// </summary>
    [Test]
    public void MultiRegionDatabasesFailOverWithTheirRegionAndAreReportedLikeVolumes()
    {
        var scenario = Build(writeKBps: 100, linkGbps: 10, sharePct: 50, faults: [LoseHome(Duration.FromHours(1))]);
        scenario = scenario with
        {
            Databases = new Simulator.Scenarios.Model.DatabasesSpec
            {
                Zone = TestScenarios.ZoneA,
                MultiRegion = new Simulator.Scenarios.Model.MultiRegionDatabasesSpec
                {
                    Count = 120, To = Remote, WriteRate = new Simulator.Scenarios.Model.WriteRateSpec { Median = Simulator.Units.Bandwidth.FromGbps(0.008) },
                    Failover = new Simulator.Scenarios.Model.FailoverSpec { DetectAfter = Duration.FromSeconds(30), Promotion = Duration.FromSeconds(30) },
                },
            },
        };
        var run = TestScenarios.Run(scenario);

        var classes = run.CrossRegion!.Classes;
        Assert.That(classes.Select(c => c.Spec.Name), Is.EqualTo(new[] { ClassName, "databases" }));
        Assert.That(classes[1].Members, Is.EqualTo(120));
        var volumes = Enumerable.Range(0, classes[0].Members).Select(classes[0].VolumeOf).ToHashSet();
        Assert.That(Enumerable.Range(0, 120).Select(classes[1].VolumeOf).Where(volumes.Contains), Is.Empty, "no volume in two classes");
        Assert.That(Series.At(run, "replication:databases", "volumes_serving_pct", 0.9), Is.EqualTo(100));
        Assert.That(Series.At(run, "replication:databases", "volumes_failed_over_pct", 1.05), Is.EqualTo(100));
        var db = run.CrossRegion.Outcomes.Where(o => o.Class == 1).ToList();
        Assert.That(db, Has.Count.EqualTo(120));
        Assert.That(db.Select(o => o.RtoS), Is.All.EqualTo(60).Within(1e-6));
        Assert.That(db.Select(o => o.RpoS), Is.All.EqualTo(LatencyS).Within(1e-6));
    }
}
