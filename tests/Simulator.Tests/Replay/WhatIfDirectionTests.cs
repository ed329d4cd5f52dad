using NUnit.Framework;
namespace Simulator.Tests.Replay;

/// <summary>Each what-if variant moves the figures the way its physics says, against the replay at the same scale and seed.</summary>
[TestFixture]
public sealed class WhatIfDirectionTests
{
    private const double Scale = 0.25;
    private const string Zone = "zone:us-east-1a";
    private const string OtherZone = "zone:us-east-1b";
    private const string Cluster = "cluster:ebs-1a";

    private static RunResultView Base => new(ReplayRuns.Get("aws-2011-us-east-1.yaml", Scale).Result);
    private static RunResultView Variant(string name) => new(ReplayRuns.Get($"what-if/{name}.yaml", Scale).Result);

    [Test]
    public void BackoffWithFullJitterShrinksTheStormAndItsCrashes()
    {
        // Backoff does not change who loses a partner at first; it removes the retry load that crashes nodes.
        var v = Variant("backoff-full-jitter");
        Assert.That(v.PeakStuck, Is.LessThan(Base.PeakStuck));
        Assert.That(v.StuckAt(10.7), Is.LessThan(Base.StuckAt(10.7) * 0.8));
        Assert.That(v.Crashes, Is.LessThan(Base.Crashes / 2));
        Assert.That(v.Lost, Is.LessThanOrEqualTo(Base.Lost));
    }

    [Test]
    public void TwentyFivePercentHeadroomAbsorbsTheStorm()
    {
        var v = Variant("capacity-headroom-25");
        Assert.That(v.PeakStuck, Is.LessThan(Base.PeakStuck / 4));
        Assert.That(v.Lost, Is.EqualTo(0));
    }

    [Test]
    public void AControlPlanePerZoneKeepsTheOtherZonesApiErrorsNearZero()
    {
        Assert.That(Base.Result.Peak(OtherZone, "api_error_rate_pct"), Is.GreaterThan(50));
        Assert.That(Variant("zonal-control-plane").Result.Peak(OtherZone, "api_error_rate_pct"), Is.LessThan(1));
    }

    [Test]
    public void RollingBackWithinFiveMinutesLeavesFewerVolumesStuck()
    {
        var v = Variant("rollback-5min");
        Assert.That(v.PeakStuck, Is.LessThan(Base.PeakStuck * 0.6));
    }

    [Test]
    public void FixingTheRaceConditionMeansNoCrashesAndNothingLost()
    {
        var v = Variant("race-fixed");
        Assert.That(v.Crashes, Is.EqualTo(0));
        Assert.That(v.Lost, Is.EqualTo(0));
        Assert.That(Base.Crashes, Is.GreaterThan(0));
        Assert.That(v.PeakStuck, Is.LessThan(Base.PeakStuck));
    }

    private sealed record RunResultView(Experiments.RunResult Result)
    {
        public double PeakStuck => Result.Peak(Zone, "volumes_stuck_pct");
        public double StuckAt(double hours) => Result.Series(Zone, "volumes_stuck_pct").Last(r => r.TimeH <= hours).Value;
        public double Lost => Result.Final(Zone, "volumes_lost_pct");
        public double Crashes => Result.Final(Cluster, "nodes_crashed_total");
    }
}
