using Simulator.Scenarios;
namespace Simulator.Scenarios.Model;

/// <summary>Regions, their zones and the storage clusters in each zone.</summary>
public sealed record TopologySpec
{
    [NotEmpty]
    public required IReadOnlyList<RegionSpec> Regions { get; init; }
}
