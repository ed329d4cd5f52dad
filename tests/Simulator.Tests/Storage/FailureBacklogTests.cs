using NUnit.Framework;
using Simulator.Engine;
using Simulator.Experiments;
using Simulator.Faults;
using Simulator.Faults.Kinds;
using Simulator.Reporting;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Tests.Support;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Storage;

/// <summary>The repair backlog kept at transitions against a recount, and the failure events of a whole run.</summary>
public sealed class FailureBacklogTests
{
    /// <summary>Independent node failures (a node every few minutes), a routing change and crashes of the race, on little free space.</summary>
    private static Scenario Busy(int replicas, WriteRule rule) => Small(freeCapacityPct: 8, horizonH: 6, replicas: replicas, writeRule: rule,
        crashPerClosure: 0.002, unrecoverablePct: 20, restartAfterH: 1,
        faults:
        [
            RoutingChange(portionPct: 5, atH: 1, rollbackAfterH: 1),
            new NodeFailuresFault
            {
                At = Duration.FromHours(0.5),
                Cluster = ClusterName,
                Mttf = Duration.FromHours(8),
                Repair = new DurationDistributionSpec { Median = Duration.FromHours(1), Sigma = 0.5 },
            },
        ]);

    /// <summary>Bytes of the replicas missing from the volumes not lost and still in the cluster, counted volume by volume.</summary>
    private static long Recount(StorageCluster c)
    {
        long bytes = 0;
        for (int v = 0; v < c.VolumeCount; v++)
        {
            int replicas = c.ReplicaNodesOf(v).Length;
            if (c.StateOf(v) != VolumeState.Lost && replicas > 0) bytes += (c.ReplicationFactor - replicas) * c.SizeMiBOf(v) * (1L << 20);
        }
        return bytes;
    }

    [TestCase(2, WriteRule.All)]
    [TestCase(3, WriteRule.Majority)]
    public void TheBacklogKeptAtTransitionsEqualsARecountAtRandomInstantsAndIsNeverNegative(int replicas, WriteRule rule)
    {
        var rig = new ClusterRig(Busy(replicas, rule));
        var c = rig.Cluster;
        var random = new Random(20110421);
        var instants = Enumerable.Range(0, 60).Select(_ => random.NextDouble() * 6).Order().ToList();
        int positive = 0;
        foreach (double h in instants)
        {
            rig.RunTo(h);
            long kept = c.RepairBacklogBytes;
            Assert.That(kept, Is.EqualTo(Recount(c)), $"at {h:F3} h");
            Assert.That(kept, Is.GreaterThanOrEqualTo(0));
            if (kept > 0) positive++;
        }
        Assert.That(positive, Is.GreaterThan(10), "the backlog was seen non-empty");
        Assert.That(c.FailureRecords().Select(r => r.Kind).Distinct(), Is.SupersetOf(new[] { FailureKind.NodeFailure, FailureKind.RoutingChange }));
        Assert.That(c.FailureRecords().Select(r => r.Kind), Has.None.EqualTo(FailureKind.Other), "every volume made short is put down to an event");
        Assert.That(c.CheckInvariants, Throws.Nothing);
    }

    [Test]
    public void TheBacklogIsSampledPerClusterZoneAndRegionAndIsZeroBeforeAnyFailure()
    {
        var run = Run(Busy(2, WriteRule.All));
        var backlog = run.Rows.Where(r => r.Metric == Simulator.Metrics.MetricCatalog.RepairBacklogBytes.Name).ToList();
        Assert.That(backlog.Select(r => r.Scope).Distinct().Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { ClusterScope, "region:test-region", ZoneAScope }));
        Assert.That(backlog.Where(r => r.TimeH < 0.5).Select(r => r.Value), Is.All.Zero);
        Assert.That(backlog.Max(r => r.Value), Is.GreaterThan(0));
        foreach (var group in backlog.GroupBy(r => r.TimeH))
            Assert.That(group.Select(r => r.Value).Distinct().Count(), Is.EqualTo(1), "one cluster: the same bytes in every scope");
    }

    [Test]
    public void TwoRunsOfOneSeedWriteTheSameFailuresAndEventsAreNumberedInTimeOrder()
    {
        var scenario = Busy(2, WriteRule.All);
        var files = Enumerable.Range(0, 2).Select(_ =>
        {
            var run = Run(scenario, seed: 7);
            var failures = run.Failures();
            using var stream = new MemoryStream();
            FailuresCsv.WriteHeader(stream, []);
            FailuresCsv.WriteRows(stream, 0, failures, []);
            return (Failures: failures, Bytes: stream.ToArray(), Short: run.Clusters[0].UnderReplicatedVolumes);
        }).ToList();

        Assert.That(files[1].Bytes, Is.EqualTo(files[0].Bytes));
        var events = files[0].Failures;
        Assert.That(events, Has.Count.GreaterThan(3));
        Assert.That(events.Select(e => e.Event), Is.EqualTo(Enumerable.Range(0, events.Count)));
        Assert.That(events.Select(e => e.At), Is.Ordered);
        Assert.That(events.Sum(e => e.VolumesShortAtHorizon), Is.EqualTo(files[0].Short),
            "the events' open volumes are the volumes stuck or degraded at the horizon");
    }
}
