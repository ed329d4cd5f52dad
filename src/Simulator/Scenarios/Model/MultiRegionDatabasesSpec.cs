using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Scenarios.Model;

/// <summary>
/// Databases on one volume each of the databases' zone, with an asynchronous replica in another region and failover
/// to it: a replication class of their volumes (<c>replication:databases</c>), reported like any class's volumes.
/// </summary>
public sealed record MultiRegionDatabasesSpec
{
    [Description("Databases, one volume each, drawn among the zone's first cluster's volumes not in another class (multiplied by --scale).")]
    [Positive]
    [Scaled(Minimum = 1)]
    public required int Count { get; init; }
    [Description("The region of their asynchronous replicas.")]
    [NotEmpty]
    public required string To { get; init; }
    [Description("continuous: the log shipped as it is written; snapshot: an incremental snapshot every `every`.")]
    public CrossRegionMode Mode { get; init; } = CrossRegionMode.Continuous;
    [Description("Snapshot period (mode snapshot only).")]
    [Positive]
    public Duration? Every { get; init; }
    [Description("Bytes each database writes per second: log-normal, drawn once per database.")]
    public required WriteRateSpec WriteRate { get; init; }
    [Description("When a replica is promoted.")]
    public FailoverSpec Failover { get; init; } = new();
}
