using Simulator.Engine;
using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Tests.Scenarios;

public sealed record TestControlPlane
{
    public TestScope Scope { get; init; } = TestScope.Regional;

    [Positive]
    public int Workers { get; init; } = 64;

    public Duration RequestTimeout { get; init; } = Duration.FromSeconds(30);

    public Rate ArrivalRate { get; init; } = Rate.FromPerSecond(20);
}
