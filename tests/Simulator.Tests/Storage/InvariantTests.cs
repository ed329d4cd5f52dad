using NUnit.Framework;
using Simulator.Engine;
using Simulator.Faults.Kinds;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Storage;

public sealed class InvariantTests
{
    [Test]
    public void InvariantsHoldAtEverySampleOfAStormWithCrashesAndEveryOperatorAction()
    {
        // No space, 10 % of the nodes isolated for an hour, crashes from the search hazard (half the copies on a
        // crashed node unrecoverable), then the operators' whole play book.
        var scenario = Small(freeCapacityPct: 0.5, horizonH: 6, crashPerClosure: 2e-5, unrecoverablePct: 50, restartAfterH: 1.5,
            faults: [RoutingChange(portionPct: 10, atH: 0.1, rollbackAfterH: 1)],
            operators:
            [
                CutControlPlane(atH: 1.5, overH: 0.5),
                StopFutileSearch(atH: 2),
                AddCapacity(atH: 2.5, nodes: 10),
                EnableNegotiation(atH: 3, perHour: 1800),
                ManualRestore(atH: 4.5, perHour: 600),
            ]);
        var run = new Experiments.SimulationRun(scenario, seed: 5, replication: 0, scale: 1) { FullInvariantCheckEvery = scenario.SampleInterval, FullInvariantCheckMinEvents = 0 };

        Assert.That(() => run.Run(scenario.SampleInterval), Throws.Nothing, "CheckInvariants at every sample");

        var cluster = run.Clusters[0];
        Assert.That(cluster.NodesCrashed, Is.GreaterThan(0), "the storm crashed nodes");
        var samples = run.Rows.Where(r => r.Scope == ZoneAScope).GroupBy(r => r.TimeH).ToList();
        Assert.That(samples, Has.Count.EqualTo(6 * 60 + 1));
        double lastLost = 0;
        foreach (var sample in samples)
        {
            var m = sample.ToDictionary(r => r.Metric, r => r.Value);
            double blocked = m["volumes_stuck_pct"] + m["volumes_degraded_pct"] + m["volumes_lost_pct"];
            Assert.That(blocked, Is.InRange(0, 100), $"at {sample.Key} h");
            Assert.That(m["volumes_unavailable_pct"], Is.LessThanOrEqualTo(m["volumes_stuck_pct"]), $"at {sample.Key} h");
            Assert.That(m["volumes_lost_pct"], Is.GreaterThanOrEqualTo(lastLost), $"lost came back at {sample.Key} h");
            lastLost = m["volumes_lost_pct"];
        }
        Assert.That(run.Rows.Where(r => r.Metric == "free_capacity_pct").Select(r => r.Value), Is.All.GreaterThanOrEqualTo(0));
        Assert.That(lastLost, Is.GreaterThan(0), "the storm lost volumes");

        // The final sample's shares recount from the volumes' states: every volume is in exactly one state.
        var states = Enumerable.Range(0, cluster.VolumeCount).GroupBy(cluster.StateOf).ToDictionary(g => g.Key, g => g.Count());
        var final = samples[^1].ToDictionary(r => r.Metric, r => r.Value * cluster.VolumeCount / 100);
        Assert.That(states.GetValueOrDefault(VolumeState.Stuck), Is.EqualTo(final["volumes_stuck_pct"]).Within(1e-6));
        Assert.That(states.GetValueOrDefault(VolumeState.Degraded), Is.EqualTo(final["volumes_degraded_pct"]).Within(1e-6));
        Assert.That(states.GetValueOrDefault(VolumeState.Lost), Is.EqualTo(final["volumes_lost_pct"]).Within(1e-6));
        Assert.That(states.Values.Sum(), Is.EqualTo(Volumes));
    }

    [Test]
    public void AFullRecountWaitsForAsManyEventsAsVolumesAndNodesUnlessTold()
    {
        // A quiet day (no fault, no API call, so hardly an event): by default the hourly recount runs at the horizon
        // only; with a minimum of 0 events, every hour.
        var quiet = Small(horizonH: 24);
        Assert.That(Recounts(quiet, minEvents: null).Checks, Is.EqualTo(1), "quiet, by default");
        Assert.That(Recounts(quiet, minEvents: 0).Checks, Is.EqualTo(24), "quiet, no minimum");

        // A busy day: nodes fail every few minutes (MTTF 4 h over 40 nodes) and their volumes re-mirror, thousands of
        // events an hour against 2,040 volumes and nodes: most hours are recounted.
        var failures = new NodeFailuresFault
        {
            At = Duration.Zero, Cluster = ClusterName, Mttf = Duration.FromHours(4),
            Repair = new DurationDistributionSpec { Median = Duration.FromMinutes(30) },
        };
        var (checks, events) = Recounts(Small(horizonH: 24, faults: [failures]), minEvents: null);
        Assert.That(events, Is.GreaterThan(8 * 2040), "busy enough to recount several hours");
        // At most one recount an hour and one per 2,040 events (plus the one at the horizon), and no fewer than the
        // events allow but for the hours whose events carry over to the next.
        long allowed = Math.Min(24, events / 2040);
        Assert.That(checks, Is.InRange(allowed - 2, allowed + 1), $"busy, by default: {events} events");
    }

    private static (int Checks, long Events) Recounts(Scenario scenario, long? minEvents)
    {
        var run = new Experiments.SimulationRun(scenario, seed: 1, replication: 0, scale: 1)
        {
            FullInvariantCheckEvery = Duration.FromHours(1), FullInvariantCheckMinEvents = minEvents,
        };
        run.Run(Duration.FromMinutes(10));
        return (run.FullInvariantChecks, run.EventsProcessed);
    }
}
