using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Tests.Scenarios;

/// <summary>A small model that follows the scenario conventions, standing in for the real one.</summary>
public sealed record TestScenario
{
    [NotEmpty, Description("Name of the scenario.")]
    public required string Name { get; init; }

    public string? Notes { get; init; }

    public int Seed { get; init; } = 42;

    [Positive, Description("Simulated time span.")]
    public required Duration Horizon { get; init; }

    public DateTimeOffset? Start { get; init; }

    public required TestTopology Topology { get; init; }

    public TestControlPlane ControlPlane { get; init; } = new();

    public TestRetry Retry { get; init; } = new();

    public IReadOnlyDictionary<string, Fraction> StuckTargets { get; init; } = new Dictionary<string, Fraction>();

    public IReadOnlyList<string> Tags { get; init; } = [];
}
