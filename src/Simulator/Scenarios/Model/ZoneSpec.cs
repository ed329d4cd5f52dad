using Simulator.Scenarios;
using System.ComponentModel;

namespace Simulator.Scenarios.Model;

/// <summary>A zone (datacenter, availability zone). A zone without clusters still sends API requests.</summary>
public sealed record ZoneSpec
{
    [NotEmpty]
    public required string Name { get; init; }
    [Description("Storage clusters simulated volume by volume in this zone.")]
    public IReadOnlyList<ClusterSpec> Clusters { get; init; } = [];
}
