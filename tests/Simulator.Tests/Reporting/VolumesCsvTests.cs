using NUnit.Framework;
using Simulator.Engine;
using Simulator.Experiments;
using Simulator.Metrics;
using Simulator.Storage;
using Simulator.Tests.ExperimentLayer;

namespace Simulator.Tests.Reporting;

/// <summary><c>volumes.csv</c> lists exactly the volumes the time series counts, with causes that agree with their replicas.</summary>
public sealed class VolumesCsvTests
{
    [Test]
    public void TheListedVolumesAreExactlyTheOnesTheSeriesCountsStuckAndLost()
    {
        var scenario = TinyExperiments.Load(TinyExperiments.Replay, ["horizon=6h"]);
        var at = Duration.FromHours(3);
        var result = ScenarioRunner.Run(scenario, new RunOptions(3, TinyExperiments.Scale, Duration.FromMinutes(10)) { VolumesAt = [at] });
        var volumes = result.Volumes!;
        string zone = result.AffectedZoneScope;

        foreach (double h in new[] { at.TotalHours, result.HorizonHours })
        {
            var rows = volumes.Where(r => r.At.TotalHours == h).ToList();
            double Count(string metric) =>
                result.Series.Single(r => r.TimeH == h && r.Scope == zone && r.Metric == metric).Value * result.VolumesTotal / 100;
            Assert.That(rows.Count(r => r.State == VolumeState.Stuck), Is.EqualTo(Count(MetricCatalog.VolumesStuckPct.Name)).Within(1e-6), $"{h} h: stuck");
            Assert.That(rows.Count(r => r.State == VolumeState.Lost), Is.EqualTo(Count(MetricCatalog.VolumesLostPct.Name)).Within(1e-6), $"{h} h: lost");
            Assert.That(rows.Count(r => r.State == VolumeState.Degraded), Is.EqualTo(Count(MetricCatalog.VolumesDegradedPct.Name)).Within(1e-6), $"{h} h: degraded");
            Assert.That(rows.Count(r => r.Cause == "copy_on_crashed_node"),
                Is.EqualTo(Count(MetricCatalog.VolumesUnavailablePct.Name) - rows.Count(r => r.Cause == "replicas_unreachable")).Within(1e-6), $"{h} h: unavailable");
            Assert.That(rows.Select(r => r.Volume), Is.Unique.And.Ordered, "one row per volume, in volume order");
        }
        Assert.That(volumes.Count(r => r.State == VolumeState.Stuck), Is.GreaterThan(0), "the storm leaves stuck volumes to list");
        foreach (var r in volumes)
        {
            Assert.That(r.ReplicaNodes, Has.Length.EqualTo(r.Replicas));
            Assert.That(r.Since, Is.LessThanOrEqualTo(r.At));
            if (r.Cause == "copy_on_crashed_node")
            {
                Assert.That(r.ReplicaNodeStates[0], Is.EqualTo("crashed"), $"volume {r.Volume}: its only copy is on a crashed node");
                Assert.That(r.Recoverable, Is.Not.Null);
            }
            if (r.Cause is "copying" or "negotiating") Assert.That(r.TargetNode, Is.GreaterThanOrEqualTo(0));
            if (r.State != VolumeState.Lost) Assert.That(r.FailureEvent, Is.GreaterThanOrEqualTo(0), $"volume {r.Volume} is the damage of an event");
        }
        var failures = result.Failures.Select(f => f.Event).ToHashSet();
        Assert.That(volumes.Where(r => r.FailureEvent >= 0).Select(r => r.FailureEvent).Distinct(), Is.SubsetOf(failures), "events are those of failures.csv");
    }
}
