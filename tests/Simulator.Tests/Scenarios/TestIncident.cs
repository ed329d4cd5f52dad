using System.ComponentModel;
using Simulator.Scenarios;

namespace Simulator.Tests.Scenarios;

/// <summary>A small model with a union, in a list and alone.</summary>
public sealed record TestIncident
{
    [NotEmpty]
    public required string Name { get; init; }

    public IReadOnlyList<TestFault> Faults { get; init; } = [];

    [Description("The fault that starts it.")]
    public TestFault? First { get; init; }
}
