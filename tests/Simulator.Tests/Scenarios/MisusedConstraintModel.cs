using Simulator.Scenarios;

namespace Simulator.Tests.Scenarios;

/// <summary>Breaks the model conventions: [Positive] on a string.</summary>
public sealed record MisusedConstraintModel
{
    [Positive]
    public string Name { get; init; } = "";
}
