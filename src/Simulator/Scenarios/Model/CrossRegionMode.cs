namespace Simulator.Scenarios.Model;

/// <summary>How a replication class ships its volumes' writes to the other region.</summary>
public enum CrossRegionMode
{
    /// <summary>Writes are shipped as they happen, in order; a backlog builds when they outrun the link.</summary>
    Continuous,
    /// <summary>An incremental snapshot every period: the bytes written since the last one.</summary>
    Snapshot,
}
