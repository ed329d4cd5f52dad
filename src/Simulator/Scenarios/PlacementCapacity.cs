using System.Globalization;
using Simulator.Placement;
using Simulator.Scenarios.Model;

namespace Simulator.Scenarios;

/// <summary>
/// Whether a cluster's data fits under a placement that keeps replicas in distinct domains (<c>zone_spread</c>,
/// <c>power_domain_aware</c>, <c>rack_aware</c>). Node capacity follows from the data: R × data ÷ (N × (1 − free)) a
/// node, so a domain of n nodes has room for n·R ÷ (N·(1 − free)) replicas of every volume, and can use at most one
/// (a volume has one replica in it at most). The replicas fit when the domains' usable room adds up to R: Σ min(n·R ÷
/// (N·(1 − free)), 1) ≥ R. Unequal domains break it: 4 nodes over 3 zones (2, 1, 1) under <c>zone_spread</c> with 3
/// replicas need 25 % free, since each zone holds a replica of every volume and a zone of one node has a quarter of the
/// capacity. A scale can make a layout unequal (90 nodes over 3 zones at <c>--scale 0.05</c> are 4).
/// </summary>
internal static class PlacementCapacity
{
    /// <summary>Why the volumes of <paramref name="cluster"/> cannot all be placed, or null when they can.</summary>
    public static string? Check(ClusterSpec cluster)
    {
        DomainLevel? level = cluster.Placement switch
        {
            PlacementKind.ZoneSpread => DomainLevel.Zone,
            PlacementKind.PowerDomainAware => DomainLevel.PowerDomain,
            PlacementKind.RackAware => DomainLevel.Rack,
            _ => null,
        };
        int nodes = cluster.Nodes, replicas = cluster.Replicas;
        double free = cluster.FreeCapacity.Value;
        if (level is not { } l || nodes < 1 || replicas < 1 || cluster.PowerDomains < 1 || cluster.RacksPerPowerDomain < 1 || !(free < 1))
            return null;
        var domains = FailureDomains.Uniform(nodes, cluster.ZoneCount, cluster.PowerDomains, cluster.RacksPerPowerDomain);
        int count = domains.DomainCount(l);
        double perNode = replicas / (nodes * (1 - free)), room = 0;
        int smallest = int.MaxValue;
        for (int d = 0; d < count; d++)
        {
            int n = domains.NodesIn(l, d);
            room += Math.Min(n * perNode, 1);
            if (n > 0) smallest = Math.Min(smallest, n);
        }
        if (room >= replicas * (1 - 1e-9)) return null;
        string name = l switch { DomainLevel.Zone => "zone", DomainLevel.PowerDomain => "power domain", _ => "rack" };
        return string.Create(CultureInfo.InvariantCulture,
            $"{cluster.PlacementName} puts the {replicas} replicas of a volume in {replicas} different {name}s, but {nodes} nodes over " +
            $"{count} {name}s are unequal: a {name} of {smallest} node{(smallest == 1 ? "" : "s")} has room for {smallest * perNode:0.##} " +
            $"of a replica of every volume at {free:0.#%} free capacity, and all the {name}s for {room:0.##} replicas, not {replicas}; " +
            $"give every {name} as many nodes (a multiple of {count}) or more free capacity");
    }
}
