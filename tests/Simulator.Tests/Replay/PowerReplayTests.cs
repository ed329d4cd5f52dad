using NUnit.Framework;
using Simulator.Experiments;

namespace Simulator.Tests.Replay;

/// <summary>The August 2011 power loss (scenarios/aws-2011-eu-west-1-power.yaml) against its published figures, and its what-ifs.</summary>
[TestFixture]
public sealed class PowerReplayTests
{
    private const string Replay = "aws-2011-eu-west-1-power.yaml";
    private const string Zone = "zone:eu-west-1a";

    [Test]
    public void EveryPublishedFigureOfThePowerLossIsReproducedWithinItsTolerance()
    {
        var (scenario, result) = ReplayRuns.Get(Replay, 1.0);
        var rows = ScenarioRunner.Validate(scenario, result);
        Assert.That(rows, Has.Count.EqualTo(scenario.Model.Validation.Count).And.Count.GreaterThanOrEqualTo(9));
        Assert.That(rows.Where(r => !r.Ok).Select(r => $"{r.Figure}: expected {r.ExpectedText}, simulated {r.Simulated:G4}"), Is.Empty);
    }

    [Test]
    public void TheVolumesWithEveryReplicaDarkAreAboutTheSquareOfTheDarkShareAndAllGetASnapshot()
    {
        // Reading (a): 35 % of the nodes dark; two replicas, nearly independent: about 0.35² = 12.25 % of the volumes.
        var (_, result) = ReplayRuns.Get(Replay, 1.0);
        Assert.That(result.Final(Zone, "volumes_all_replicas_dark_pct"), Is.EqualTo(12.25).Within(1.0));
        Assert.That(result.Final(Zone, "volumes_recovered_by_snapshot_pct"), Is.EqualTo(result.Final(Zone, "volumes_all_replicas_dark_pct")));
        Assert.That(result.Final(Zone, "volumes_lost_pct"), Is.Zero);
    }

    [Test]
    public void MoreHeadroomAndThreeReplicasWithMajorityWritesEachShrinkTheStorm()
    {
        var (_, replay) = ReplayRuns.Get(Replay, 0.2);
        var (_, headroom) = ReplayRuns.Get("what-if/power-headroom-25.yaml", 0.2);
        var (_, three) = ReplayRuns.Get("what-if/power-three-replicas.yaml", 0.2);
        double peak = replay.Peak(Zone, "volumes_stuck_pct");
        Assert.That(headroom.Peak(Zone, "volumes_stuck_pct"), Is.LessThan(peak / 2), "free space absorbs most re-mirroring");
        Assert.That(three.Peak(Zone, "volumes_stuck_pct"), Is.LessThan(peak), "a majority of three keeps serving");
        Assert.That(three.Final(Zone, "volumes_all_replicas_dark_pct"), Is.LessThan(replay.Final(Zone, "volumes_all_replicas_dark_pct") / 2),
            "0.35³ ≈ 4 % against 0.35² ≈ 12 %");
    }

    [Test]
    public void PowerDomainAwarePlacementLeavesEveryVolumeAPoweredReplicaWhenOneDomainFails()
    {
        var (_, aware) = ReplayRuns.Get("what-if/power-domain-aware.yaml", 0.2);
        Assert.That(aware.Final(Zone, "volumes_all_replicas_dark_pct"), Is.Zero);
        Assert.That(aware.Final(Zone, "volumes_recovered_by_snapshot_pct"), Is.Zero);
        Assert.That(aware.Peak(Zone, "volumes_stuck_pct"), Is.GreaterThan(30), "two thirds of the volumes have a replica in the dark domain");
    }
}
