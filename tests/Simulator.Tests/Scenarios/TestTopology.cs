using Simulator.Scenarios;

namespace Simulator.Tests.Scenarios;

public sealed record TestTopology
{
    [NotEmpty]
    public required IReadOnlyList<TestRegion> Regions { get; init; }
}
