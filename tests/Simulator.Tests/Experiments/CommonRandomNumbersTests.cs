using System.Globalization;
using NUnit.Framework;
using Simulator.Experiments;
using Simulator.Metrics;
using Simulator.Reporting;

namespace Simulator.Tests.ExperimentLayer;

public sealed class CommonRandomNumbersTests
{
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("replsim-crn-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void AVariantComparedWithItselfDiffersByExactlyZero()
    {
        var outcome = Compare([TinyExperiments.Replay, TinyExperiments.Replay], replications: 4);
        var rows = outcome.Results!.Comparison!;

        Assert.That(rows.Select(r => r.Variant).Distinct(), Is.EqualTo(new[] { "aws-2011-us-east-1", "aws-2011-us-east-1-2" }));
        var second = rows.Where(r => r.Variant == "aws-2011-us-east-1-2").ToList();
        Assert.That(second, Has.Count.EqualTo(ExperimentFigures.All.Count));
        Assert.That(second.First(r => r.Figure == ExperimentFigures.StuckPeak).Values.StandardDeviation, Is.GreaterThan(0),
            "the replications differ from each other…");
        foreach (var row in second.Where(r => !double.IsNaN(r.Values.Mean)))
        {
            Assert.That(row.Difference!.Mean, Is.Zero, row.Figure.Id + ": …but not from their twin");
            Assert.That(row.Difference.Ci95Low, Is.Zero, row.Figure.Id);
            Assert.That(row.Difference.Ci95High, Is.Zero, row.Figure.Id);
        }
    }

    [Test]
    public void FixingTheRaceChangesNothingInReplicationsWhereNoNodeCrashed()
    {
        // race-fixed extends the replay with the reactive playbook: against that, it changes only the crashes.
        var outcome = Compare([TinyExperiments.ReactiveReplay, TinyExperiments.RaceFixed], replications: 6);
        var figures = File.ReadLines(Path.Combine(outcome.Folder, "figures.csv")).ToList();
        int crashed = Array.IndexOf(figures[0].Split(','), ExperimentFigures.NodesCrashed.Id);
        var crashes = figures.Skip(1)
            .Select(l => l.Split(',')).Where(f => f[0] == "playbook-reactive")
            .ToDictionary(f => f[1], f => double.Parse(f[crashed], CultureInfo.InvariantCulture));
        var curves = File.ReadLines(Path.Combine(outcome.Folder, "outage-curves.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[5] == MetricCatalog.VolumesStuckPct.Name)
            .GroupBy(f => (Variant: f[0], Replication: f[1]))
            .ToDictionary(g => g.Key, g => string.Join(";", g.Select(f => f[3] + "=" + f[6])));

        var calm = crashes.Where(c => c.Value == 0).Select(c => c.Key).ToList();
        var stormy = crashes.Where(c => c.Value > 0).Select(c => c.Key).ToList();
        Assert.That(calm, Is.Not.Empty);
        Assert.That(stormy, Is.Not.Empty, "some replications crash nodes, so the comparison shows something");
        foreach (var r in calm)
            Assert.That(curves[("race-fixed", r)], Is.EqualTo(curves[("playbook-reactive", r)]), $"replication {r}: same failures, same curve");
        foreach (var r in stormy)
            Assert.That(curves[("race-fixed", r)], Is.Not.EqualTo(curves[("playbook-reactive", r)]), $"replication {r}: the crashes are gone");
    }

    private ExperimentOutcome Compare(IReadOnlyList<string> scenarios, int replications)
    {
        var setup = ExperimentSetup.ForCompare(scenarios, TinyExperiments.Settings(replications), TinyExperiments.Load);
        return ExperimentRunner.Start(setup, Shard.All, _root, Path.Combine(_root, "compare"), 2, TinyExperiments.Run, includePlots: false);
    }
}
