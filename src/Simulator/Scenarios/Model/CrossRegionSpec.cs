using System.ComponentModel;
using Simulator.Engine;
using Simulator.Units;

namespace Simulator.Scenarios.Model;

/// <summary>
/// A class of volumes of one cluster replicated asynchronously to another region, continuously or by periodic
/// incremental snapshots, with failover to the remote copy.
/// </summary>
public sealed record CrossRegionSpec
{
    [Description("Name of the class (it names the class's figures).")]
    [NotEmpty]
    public required string Name { get; init; }
    [Description("The cluster whose volumes are replicated.")]
    [NotEmpty]
    public required string Cluster { get; init; }
    [Description("Share of the cluster's volumes in the class, drawn at random once.")]
    [Range("0%", "100%")]
    public Fraction Share { get; init; } = new(1);
    [Description("Exact number of the cluster's volumes in the class, instead of a share (multiplied by --scale).")]
    [Positive]
    [Scaled(Minimum = 1)]
    public int? Count { get; init; }
    [Description("The region the remote copies are in (not the cluster's own).")]
    [NotEmpty]
    public required string To { get; init; }
    [Description("continuous: writes shipped as they happen; snapshot: an incremental snapshot every `every`.")]
    public CrossRegionMode Mode { get; init; } = CrossRegionMode.Continuous;
    [Description("Snapshot period (mode snapshot only).")]
    [Positive]
    public Duration? Every { get; init; }
    [Description("Bytes each volume writes per second: log-normal, drawn once per volume.")]
    public required WriteRateSpec WriteRate { get; init; }
    [Description("When the remote copy is promoted.")]
    public FailoverSpec Failover { get; init; } = new();
}
