using NUnit.Framework;
using Simulator.Experiments;

namespace Simulator.Tests.Replay;

/// <summary>The 2011 replay reproduces the published figures from its mechanisms (scenarios/aws-2011-us-east-1.yaml).</summary>
[TestFixture]
public sealed class ReplayValidationTests
{
    private const string Replay = "aws-2011-us-east-1.yaml";
    private const string Zone = "zone:us-east-1a";

    [Test]
    public void EveryPublishedFigureOfThe2011ReplayIsReproducedWithinItsTolerance()
    {
        var (scenario, result) = ReplayRuns.Get(Replay, 1.0);
        var rows = ScenarioRunner.Validate(scenario, result);
        Assert.That(rows, Has.Count.EqualTo(scenario.Model.Validation.Count).And.Count.GreaterThanOrEqualTo(12));
        var misses = rows.Where(r => !r.Ok).Select(r => $"{r.Figure}: expected {r.ExpectedText}, simulated {r.Simulated:G4}").ToList();
        Assert.That(misses, Is.Empty);
    }

    [Test]
    public void StuckVolumesPeakNearThirteenPercentInThe2011Replay()
    {
        var (_, result) = ReplayRuns.Get(Replay, 1.0);
        Assert.That(result.Peak(Zone, "volumes_stuck_pct"), Is.InRange(11.0, 15.0));
    }

    [Test]
    public void RollingTheChangeBackDoesNotEndTheStorm()
    {
        // Metastable: the change is rolled back after 1 h, yet volumes stay stuck until operators act.
        var (_, result) = ReplayRuns.Get(Replay, 1.0);
        double atRollback = result.Series(Zone, "volumes_stuck_pct").First(r => r.TimeH >= 1.0).Value;
        double sixHoursLater = result.Series(Zone, "volumes_stuck_pct").First(r => r.TimeH >= 7.0).Value;
        Assert.That(sixHoursLater, Is.GreaterThanOrEqualTo(atRollback));
    }

    [Test]
    public void LostVolumesNeverComeBackAndStuckVolumesAreAllResolvedByTheEnd()
    {
        var (_, result) = ReplayRuns.Get(Replay, 1.0);
        var lost = result.Series(Zone, "volumes_lost_pct").Select(r => r.Value).ToList();
        for (int i = 1; i < lost.Count; i++) Assert.That(lost[i], Is.GreaterThanOrEqualTo(lost[i - 1]));
        Assert.That(result.Final(Zone, "volumes_stuck_pct"), Is.EqualTo(0));
        Assert.That(result.Final(Zone, "volumes_lost_pct"), Is.GreaterThan(0));
    }

    [Test]
    public void SingleZoneDatabasesImpactFollowsFromStripingOverFourVolumes()
    {
        // With a share s of volumes stuck, a database striped over 4 independent volumes is hit with 1 − (1 − s)^4.
        var (_, result) = ReplayRuns.Get(Replay, 1.0);
        var stuck = result.Series(Zone, "volumes_stuck_pct").ToList();
        var peak = stuck.MaxBy(r => r.Value);
        double db = result.Series(Zone, "databases_single_zone_impacted_pct").First(r => r.TimeH == peak.TimeH).Value;
        double expected = 100 * (1 - Math.Pow(1 - peak.Value / 100, 4));
        Assert.That(db, Is.EqualTo(expected).Within(6.0), "2,000 databases: binomial noise of about ±1.1 points, stuck volumes not independent");
    }

    [Test]
    public void TheSameSeedGivesTheSameSeriesTwice()
    {
        var scenario = ScenarioRunner.Load(RepositoryPaths.Scenario(Replay));
        var a = ScenarioRunner.Run(scenario, new RunOptions(7, 0.05));
        var b = ScenarioRunner.Run(scenario, new RunOptions(7, 0.05));
        var c = ScenarioRunner.Run(scenario, new RunOptions(8, 0.05));
        Assert.That(b.Series, Is.EqualTo(a.Series));
        Assert.That(c.Series, Is.Not.EqualTo(a.Series));
        Assert.That(b.EventsProcessed, Is.EqualTo(a.EventsProcessed));
    }
}
