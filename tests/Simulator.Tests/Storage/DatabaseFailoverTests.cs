using NUnit.Framework;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Units;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Storage;

public sealed class DatabaseFailoverTests
{
    /// <summary>
    /// One multi-zone database on every volume of za. Node 3 crashes at time 0 (those volumes get stuck by a
    /// crash and fail over once, cleanly); at 0.5 h a routing change isolates 10 % of the nodes for good (their
    /// partners get stuck by a network interruption).
    /// </summary>
    private static Experiments.SimulationRun RunWithFailoverBug(double bugPct)
    {
        var scenario = Small(freeCapacityPct: 50, horizonH: 1.5,
            faults: [RoutingChange(portionPct: 10, atH: 0.5)],
            databases: new DatabasesSpec
            {
                Zone = ZoneA,
                MultiZone = new MultiZoneDatabasesSpec { Count = Volumes, FailoverBugProbability = Fraction.FromPercent(bugPct) },
            });
        var run = new Experiments.SimulationRun(scenario, seed: 3, replication: 0, scale: 1);
        run.Clusters[0].Crash(3);
        run.Run(scenario.SampleInterval);
        return run;
    }

    private static int FirstStuckByNetwork(StorageCluster c) => Enumerable.Range(0, c.VolumeCount).Count(v =>
        (c.FlagsOf(v) & (VolumeFlags.StuckByNetwork | VolumeFlags.StuckByCrash)) == VolumeFlags.StuckByNetwork);

    [Test]
    public void WithTheBugCertainFailoverFailsExactlyForDatabasesWhoseVolumeGotStuckFromANetworkInterruption()
    {
        var run = RunWithFailoverBug(bugPct: 100);
        var cluster = run.Clusters[0];

        Assert.That(cluster.StuckByCrashVolumes, Is.GreaterThan(50), "the crash made volumes stuck too");
        Assert.That(FirstStuckByNetwork(cluster), Is.GreaterThan(50));
        Assert.That(run.Databases!.MultiZoneFailoversFailed, Is.EqualTo(FirstStuckByNetwork(cluster)));
    }

    [Test]
    public void WithoutTheBugNoFailoverFails()
    {
        var run = RunWithFailoverBug(bugPct: 0);

        Assert.That(FirstStuckByNetwork(run.Clusters[0]), Is.GreaterThan(50));
        Assert.That(run.Databases!.MultiZoneFailoversFailed, Is.Zero);
    }
}
