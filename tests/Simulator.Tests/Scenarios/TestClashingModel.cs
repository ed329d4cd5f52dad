namespace Simulator.Tests.Scenarios;

public sealed record TestClashingModel
{
    public IReadOnlyList<TestClashingUnion> Items { get; init; } = [];
}
