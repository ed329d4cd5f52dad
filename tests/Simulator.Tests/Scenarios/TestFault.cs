using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Tests.Scenarios;

/// <summary>A union standing in for fault kinds: the fields every kind has.</summary>
[ScenarioUnion("kind"), Description("Something that goes wrong.")]
public abstract record TestFault
{
    [NonNegative, Description("Time of the fault.")]
    public required Duration At { get; init; }

    public string? Label { get; init; }
}
