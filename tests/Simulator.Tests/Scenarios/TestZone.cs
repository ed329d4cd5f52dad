using Simulator.Scenarios;

namespace Simulator.Tests.Scenarios;

public sealed record TestZone
{
    public required string Name { get; init; }

    [NotEmpty]
    public required IReadOnlyList<TestCluster> Clusters { get; init; }
}
