using Simulator.Scenarios;

namespace Simulator.Tests.Scenarios;

[ScenarioKind("clash")]
public sealed record TestClashingKind : TestClashingUnion
{
    public string Kind { get; init; } = "";
}
