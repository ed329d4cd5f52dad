using NUnit.Framework;
using Simulator.Engine;
using Simulator.Scenarios.Model;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Storage;

public sealed class DeterminismTests
{
    // A storm that draws from every kind of stream: placement, detection, crashes, restarts, control-plane arrivals.
    private static readonly Scenario Storm = Small(freeCapacityPct: 0.5, horizonH: 2, crashPerClosure: 2e-5, unrecoverablePct: 50, restartAfterH: 0.5,
        api: [CreateVolume(perSecond: 0.1, timeout: Duration.FromMinutes(10)), DescribeVolumes(perSecond: 1)],
        faults: [RoutingChange(portionPct: 10, rollbackAfterH: 0.5)], operators: [AddCapacity(atH: 1.5, nodes: 20)]);

    [Test]
    public void TheSameScenarioAndSeedGiveTheSameRows()
    {
        var first = Run(Storm, seed: 42).Rows;
        var second = Run(Storm, seed: 42).Rows;
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void AnotherSeedGivesOtherRows()
    {
        var first = Run(Storm, seed: 42).Rows;
        var other = Run(Storm, seed: 43).Rows;
        Assert.That(other, Has.Count.EqualTo(first.Count));
        Assert.That(other, Is.Not.EqualTo(first));
    }
}
