using System.ComponentModel;
namespace Simulator.Scenarios.Model;

/// <summary>Databases running on the volumes of one zone.</summary>
public sealed record DatabasesSpec
{
    [Description("Zone whose volumes the databases run on (multi-zone databases have their primary there).")]
    [NotEmpty]
    public required string Zone { get; init; }
    public SingleZoneDatabasesSpec? SingleZone { get; init; }
    public MultiZoneDatabasesSpec? MultiZone { get; init; }
    public MultiRegionDatabasesSpec? MultiRegion { get; init; }
}
