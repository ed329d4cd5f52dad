using Simulator.Scenarios;
using System.ComponentModel;

namespace Simulator.Scenarios.Model;

/// <summary>The control plane: worker pools (one per region, or per zone) serving API requests and re-mirroring negotiations.</summary>
public sealed record ControlPlaneSpec
{
    [Description("regional: one pool per region, for every zone of that region (2011); per_zone: one pool per zone. Regions never share a pool.")]
    public ControlPlaneScope Scope { get; init; } = ControlPlaneScope.Regional;
    [Description("Workers (threads) of each pool (multiplied by --scale).")]
    [Positive]
    [Scaled(Minimum = 1)]
    public required int Workers { get; init; }
    [Description("Requests that may wait for a worker; beyond it a request fails at once (multiplied by --scale).")]
    [Positive]
    [Scaled(Minimum = 1)]
    public int QueueLimit { get; init; } = 10_000;
    [Description("A re-mirroring negotiation.")]
    public required ApiCallSpec Negotiate { get; init; }
    [Description("API requests arriving from every zone.")]
    public IReadOnlyList<ApiRequestSpec> Api { get; init; } = [];
}
