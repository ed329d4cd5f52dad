using Simulator.Scenarios;
using System.ComponentModel;
using Simulator.Engine;
using Simulator.Units;

namespace Simulator.Scenarios.Model;

/// <summary>One action of the operators, at a time.</summary>
public sealed record OperatorActionSpec
{
    [Description("Time of the action since time 0.")]
    [NonNegative]
    public required Duration At { get; init; }
    public required OperatorActionKind Action { get; init; }
    [Description("Zone (disable_api, enable_api).")]
    public string? Zone { get; init; }
    [Description("Cluster (every other action).")]
    public string? Cluster { get; init; }
    [Description("API request name (disable_api, enable_api).")]
    public string? Api { get; init; }
    [Description("Time over which the action takes effect gradually (cut_control_plane).")]
    public Duration? Over { get; init; }
    [Description("Nodes added per batch (add_capacity; multiplied by --scale).")]
    [Positive]
    [Scaled(Minimum = 1)]
    public int? Nodes { get; init; }
    [Description("Number of batches (add_capacity).")]
    [Positive]
    [Unscaled("a number of steps, not of nodes")]
    public int? Batches { get; init; }
    [Description("Time between batches (add_capacity).")]
    public Duration? Every { get; init; }
    [Description("Throttle (enable_negotiation) or pace (manual_restore) (multiplied by --scale).")]
    [Positive]
    [Scaled]
    public Rate? Rate { get; init; }
    [Description("Text for the plots; a default is made from the action.")]
    public string? Label { get; init; }
}
