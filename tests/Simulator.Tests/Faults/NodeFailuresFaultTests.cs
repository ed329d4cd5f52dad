using NUnit.Framework;
using Simulator.Engine;
using Simulator.Faults.Kinds;
using Simulator.Scenarios.Model;
using Simulator.Tests.Support;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Faults;

public sealed class NodeFailuresFaultTests
{
    [TestCase(1.0)]
    [TestCase(2.0)]
    public void TheShareOfNodeTimeSpentFailedIsTheRepairTimeOverTheCycleTime(double shape)
    {
        // Each node alternates a lifetime (mean 10 h) and a fixed repair (2 h): an alternating renewal process, down
        // a share E[repair] / (E[life] + E[repair]) = 2 / 12 of the time, whatever the lifetime's shape. Over 1,000 h
        // a node's share has a standard deviation of about sqrt(Var[life] E[repair]² / E[cycle]³ / T): with the
        // exponential 100 h², 0.015 per node, 0.0024 over 40 independent nodes (Weibull shape 2: less).
        const double mttfH = 10, repairH = 2, horizonH = 1000;
        var failures = new NodeFailuresFault
        {
            At = Duration.Zero, Cluster = ClusterName, Mttf = Duration.FromHours(mttfH), Shape = shape,
            Repair = new DurationDistributionSpec { Median = Duration.FromHours(repairH) },
        };
        var rig = new ClusterRig(Small(freeCapacityPct: 50, horizonH: horizonH, faults: [failures]));
        var down = rig.RunTo(horizonH, everyMinutes: 15, c => (double)c.NodesDown / c.NodeCount);

        double expected = repairH / (mttfH + repairH);
        Assert.That(down.Average(), Is.EqualTo(expected).Within(3 * 0.0024), $"shape {shape}");
        Assert.That(rig.Cluster.NodesCrashed, Is.InRange(0.8 * Nodes * horizonH / (mttfH + repairH), 1.2 * Nodes * horizonH / (mttfH + repairH)),
            "failures: one per node per cycle");
        Assert.That(() => rig.Cluster.CheckInvariants(), Throws.Nothing);
    }
}
