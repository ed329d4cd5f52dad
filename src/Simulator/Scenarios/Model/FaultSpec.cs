using Simulator.Scenarios;
using System.ComponentModel;
using Simulator.Engine;
using Simulator.Units;

namespace Simulator.Scenarios.Model;

/// <summary>A fault: for now a routing change that moves part of a cluster's traffic to another network.</summary>
public sealed record FaultSpec
{
    [Description("Time of the fault since time 0.")]
    [NonNegative]
    public required Duration At { get; init; }
    public FaultKind Kind { get; init; } = FaultKind.RoutingChange;
    [NotEmpty]
    public required string Cluster { get; init; }
    [Description("Share of the cluster's nodes whose traffic is moved.")]
    [Range("0%", "100%")]
    public required Fraction Portion { get; init; }
    public NetworkKind From { get; init; } = NetworkKind.Primary;
    public NetworkKind To { get; init; } = NetworkKind.Secondary;
    [Description("Time from the change to its rollback; none = never rolled back.")]
    public Duration? RollbackAfter { get; init; }
    public string? Label { get; init; }
}
