using Simulator.Engine;

namespace Simulator.Placement;

/// <summary>
/// The storage model's rule, with replicas kept apart at a level of the failure-domain hierarchy. A new item: the
/// primary on a node drawn uniformly (<c>stream.Next(nodeCount)</c>, one draw), or on the most-free node if the drawn
/// one cannot take it; every other replica on the most-free node outside the domains (of <see cref="Level"/>) already
/// used. A replacement: the most-free node outside the domains of the replicas kept. Most free first keeps the nodes
/// level; ties go to the lowest index. The searches are <see cref="IFreeSpace.FindMostFree"/>: on a
/// <see cref="DomainFreeSpace"/>, O(R) when the most-free node of all is eligible, O((R + 1) log n) at worst.
/// <para>
/// Greedy cannot miss a placement that exists: it fails only when fewer than R domains have a node that can take the
/// item (every choice uses up one domain, and any domain left with such a node is taken next).
/// </para>
/// </summary>
public abstract class DomainSpreadPolicy : PlacementPolicy
{
    protected DomainSpreadPolicy(FailureDomains domains, int replicas, DomainLevel level)
        : base(domains, replicas)
    {
        Level = level;
        ThrowIfUnsatisfiable(Check(domains, replicas, level));
    }

    /// <summary>No two replicas of an item share a domain of this level.</summary>
    public DomainLevel Level { get; }

    public override bool TryPlace(long size, IFreeSpace space, RandomStream stream, Span<int> replicas) =>
        PlaceSpread(size, space, stream, replicas, Level);

    public override int ChooseReplacement(long size, ReadOnlySpan<int> keep, IFreeSpace space, RandomStream stream) =>
        space.FindMostFree(size, keep, Level);

    public override string? Unsatisfiable() => Check(Domains, Replicas, Level);

    /// <summary>Distinct nodes, and (above the node level) distinct domains of <see cref="Level"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // checked after every event by the swarm: optimised at once, not after tiering
    public override string? Violation(ReadOnlySpan<int> nodes)
    {
        string? problem = base.Violation(nodes);
        if (problem is not null || Level == DomainLevel.Node) return problem;
        for (int i = 0; i < nodes.Length; i++)
            for (int j = 0; j < i; j++)
                if (Domains.DomainOf(nodes[j], Level) == Domains.DomainOf(nodes[i], Level))
                    return $"nodes {nodes[j]} and {nodes[i]} are both in {SnakeLevel(Level)} {Domains.DomainOf(nodes[i], Level)}";
        return null;
    }

    private static string SnakeLevel(DomainLevel level) => level switch
    {
        DomainLevel.Rack => "rack",
        DomainLevel.PowerDomain => "power domain",
        DomainLevel.Zone => "zone",
        _ => "node",
    };

    /// <summary>Why R replicas cannot be spread at <paramref name="level"/> over <paramref name="domains"/>, or null.</summary>
    public static string? Check(FailureDomains domains, int replicas, DomainLevel level)
    {
        string name = NameOf(level);
        if (CheckReplicas(name, domains, replicas) is { } problem) return problem;
        if (level == DomainLevel.Node) return null;
        int occupied = domains.OccupiedDomains(level);
        if (occupied >= replicas) return null;
        string plural = level switch { DomainLevel.Rack => "racks", DomainLevel.PowerDomain => "power domains", _ => "zones" };
        string empty = occupied < domains.DomainCount(level) ? " with nodes" : "";
        return $"{name} R={replicas} needs at least {replicas} {plural}, the cluster has {occupied}{empty}";
    }

    private static string NameOf(DomainLevel level) => level switch
    {
        DomainLevel.Node => "most-free",
        DomainLevel.Rack => "rack-aware",
        DomainLevel.PowerDomain => "power-domain-aware",
        _ => "zone-spread",
    };
}
