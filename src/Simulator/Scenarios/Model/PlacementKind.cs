namespace Simulator.Scenarios.Model;

/// <summary>How a cluster chooses the nodes of a volume's replicas, at creation and for a replacement (Placement/).</summary>
public enum PlacementKind
{
    /// <summary>First replica on a random node, each other one on the most-free node (the 2011 rule); a replacement on the most-free node.</summary>
    MostFree,
    /// <summary>Each replica on a node drawn uniformly among those with space.</summary>
    Random,
    /// <summary>As most_free, never two replicas of a volume in one rack.</summary>
    RackAware,
    /// <summary>As most_free, never two replicas of a volume in one power domain.</summary>
    PowerDomainAware,
    /// <summary>As most_free, never two replicas of a volume in one zone.</summary>
    ZoneSpread,
    /// <summary>Copysets (Cidon et al., USENIX ATC 2013) with scatter width S.</summary>
    Copyset,
    /// <summary>The other replicas among the S nodes after the first on a ring (HDFS-like).</summary>
    Scatter,
}
