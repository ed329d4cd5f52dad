namespace Simulator.Tests.Scenarios;

/// <summary>Derives from the union without [ScenarioKind], so it is not one of its kinds.</summary>
public sealed record TestUnlistedFault : TestFault
{
    public int Ignored { get; init; }
}
