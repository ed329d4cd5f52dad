using Simulator.Scenarios;
namespace Simulator.Scenarios.Model;

/// <summary>A region: a set of zones sharing a control plane (unless it is per zone).</summary>
public sealed record RegionSpec
{
    [NotEmpty]
    public required string Name { get; init; }
    [NotEmpty]
    public required IReadOnlyList<ZoneSpec> Zones { get; init; }
}
