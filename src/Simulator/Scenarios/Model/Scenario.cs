namespace Simulator.Scenarios.Model;

/// <summary>The root of a scenario file.</summary>
public sealed record Scenario
{
    public required string Name { get; init; }
}
