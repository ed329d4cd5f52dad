namespace Simulator.Scenarios.Model;

/// <summary>
/// The failure domain a domain failure takes down (<see cref="Placement.FailureDomains"/>): a rack, a power domain
/// (its racks) or the zone (the whole cluster: a cluster sits in one zone).
/// </summary>
public enum FailureDomainLevel
{
    /// <summary>One rack: racks are numbered across the cluster, rack p·K + k being the k-th of power domain p.</summary>
    Rack,
    /// <summary>One power domain and every rack in it.</summary>
    PowerDomain,
    /// <summary>The zone: every node of the cluster.</summary>
    Zone,
}
