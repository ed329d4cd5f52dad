using Simulator.Scenarios;
namespace Simulator.Scenarios.Model;

/// <summary>Regions, their zones and the storage clusters in each zone, and the links between places.</summary>
public sealed record TopologySpec
{
    [NotEmpty]
    public required IReadOnlyList<RegionSpec> Regions { get; init; }
    [System.ComponentModel.Description("Links between regions or zones, carrying cross-region replication, snapshots and re-syncs.")]
    public IReadOnlyList<LinkSpec> Links { get; init; } = [];
}
