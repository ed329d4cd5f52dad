namespace Simulator.Scenarios.Model;

/// <summary>Databases running on the volumes of the faulted zone.</summary>
public sealed record DatabasesSpec
{
    public SingleZoneDatabasesSpec? SingleZone { get; init; }
    public MultiZoneDatabasesSpec? MultiZone { get; init; }
}
