using Simulator.Engine;

namespace Simulator.Placement;

/// <summary>
/// Where the replicas of an item (a volume, a chunk) go: <see cref="TryPlace"/> chooses the R nodes of a new item,
/// <see cref="ChooseReplacement"/> one node for an item that keeps some replicas and lost the others. Each kind is one
/// class (<see cref="PlacementKinds"/> lists them); every draw comes from the <see cref="RandomStream"/> the caller
/// passes, and neither operation allocates. Space comes from an <see cref="IFreeSpace"/>: a node "can take" an item
/// when its free space is at least the item's size. The policy chooses, the caller occupies the space.
/// <para>
/// A policy is checked against its topology when it is built (<see cref="Unsatisfiable"/>): a layout that can never
/// satisfy it (rack-aware R = 3 over 2 racks) is refused with the reason. At run time, when nodes are full or out of
/// service, the operations report failure (false, −1) instead.
/// </para>
/// Not thread-safe (some kinds keep scratch space): one per cluster and replication.
/// </summary>
public abstract class PlacementPolicy
{
    /// <summary>Uniform draws tried before a random choice gives up and takes the most-free eligible node instead.</summary>
    public const int MaxDraws = 64;

    /// <summary>Failed draws after which a random choice first checks that some node can take the item at all.</summary>
    private const int DrawsBeforeFeasibilityCheck = 8;

    protected PlacementPolicy(FailureDomains domains, int replicas)
    {
        ArgumentNullException.ThrowIfNull(domains);
        Domains = domains;
        Replicas = replicas;
    }

    /// <summary>The layout the policy places over; nodes added to it are candidates at once (copyset and scatter: after <see cref="OnNodesAdded"/>).</summary>
    public FailureDomains Domains { get; }

    /// <summary>Replicas of every item (R).</summary>
    public int Replicas { get; }

    /// <summary>The kind's name in scenario files: <c>most_free</c>, <c>rack_aware</c>, <c>copyset</c>…</summary>
    public abstract string Kind { get; }

    /// <summary>
    /// Chooses the <see cref="Replicas"/> distinct nodes of a new item of <paramref name="size"/> into
    /// <paramref name="replicas"/> (the first is the primary); false when the policy cannot be satisfied with the
    /// space there is (the span's contents are then unspecified).
    /// </summary>
    public abstract bool TryPlace(long size, IFreeSpace space, RandomStream stream, Span<int> replicas);

    /// <summary>
    /// A node for one more replica of an item of <paramref name="size"/> that keeps its replicas on
    /// <paramref name="keep"/> (the survivors, and replacements already chosen): never one of them, and by the policy
    /// not in their domains; −1 when no eligible node can take it.
    /// </summary>
    public abstract int ChooseReplacement(long size, ReadOnlySpan<int> keep, IFreeSpace space, RandomStream stream);

    /// <summary>Why the policy cannot be satisfied on <see cref="Domains"/> as it is now, or null.</summary>
    public abstract string? Unsatisfiable();

    /// <summary>
    /// Why the replicas of one item on <paramref name="nodes"/> (its replicas and its copy target, if any) break the rule
    /// every placement of this kind keeps, or null. Every kind keeps the replicas on distinct nodes of the layout; the
    /// kinds that spread over a level of domains (<see cref="DomainSpreadPolicy"/>) keep them in distinct domains of it.
    /// Copyset and scatter fall back outside their structure when it cannot take an item (unless strict), so only the
    /// distinct nodes hold of them for sure. An invariant of the run (checked at every full recount), not a choice.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // checked after every event by the swarm: optimised at once, not after tiering
    public virtual string? Violation(ReadOnlySpan<int> nodes)
    {
        for (int i = 0; i < nodes.Length; i++)
        {
            if ((uint)nodes[i] >= (uint)Domains.NodeCount) return $"node {nodes[i]} is not one of the {Domains.NodeCount} nodes";
            for (int j = 0; j < i; j++)
                if (nodes[j] == nodes[i]) return $"two replicas on node {nodes[i]}";
        }
        return null;
    }

    /// <summary>Nodes were added to <see cref="Domains"/>; kinds with structure over the nodes extend it, drawing from <paramref name="stream"/>.</summary>
    public virtual void OnNodesAdded(RandomStream stream) { }

    /// <summary>Whether <paramref name="node"/> is in <paramref name="nodes"/>.</summary>
    protected static bool Contains(ReadOnlySpan<int> nodes, int node)
    {
        foreach (int n in nodes)
            if (n == node) return true; // a plain loop: the spans hold a few nodes, too few for a vectorised search
        return false;
    }

    /// <summary>
    /// Makes <paramref name="node"/> the <paramref name="best"/> candidate if it can take <paramref name="size"/>, is not
    /// kept, and is better: more free space, then the lower index (the storage model's rule).
    /// </summary>
    protected static void Consider(int node, long size, ReadOnlySpan<int> keep, IFreeSpace space, ref int best, ref long bestFree)
    {
        long free = space.FreeOf(node);
        if (free < size || free < bestFree || (free == bestFree && node > best) || Contains(keep, node)) return;
        best = node;
        bestFree = free;
    }

    /// <summary>
    /// A node drawn uniformly among the first <paramref name="nodeCount"/> that can take <paramref name="size"/> and
    /// are not in <paramref name="exclude"/>, by rejection; after <see cref="MaxDraws"/> misses (almost every node full)
    /// the most-free such node; −1 if there is none (found without drawing further once the draws start missing).
    /// </summary>
    protected static int DrawUniform(long size, ReadOnlySpan<int> exclude, int nodeCount, IFreeSpace space, RandomStream stream)
    {
        int fallback = -1;
        for (int i = 0; i < MaxDraws; i++)
        {
            if (i == DrawsBeforeFeasibilityCheck)
            {
                fallback = space.FindMostFree(size, exclude, DomainLevel.Node);
                if (fallback < 0) return -1;
            }
            int n = stream.Next(nodeCount);
            if (space.FreeOf(n) >= size && !Contains(exclude, n)) return n;
        }
        return fallback;
    }

    /// <summary>
    /// The storage model's rule, replicas apart at <paramref name="level"/>: the primary on the node drawn by
    /// <c>stream.Next(nodeCount)</c>, or the most-free node if the drawn one cannot take the item; each other replica on
    /// the most-free node outside the domains used so far. False when some replica finds no node.
    /// </summary>
    protected bool PlaceSpread(long size, IFreeSpace space, RandomStream stream, Span<int> replicas, DomainLevel level)
    {
        int first = stream.Next(Domains.NodeCount);
        if (space.FreeOf(first) < size) first = space.FindMostFree(size, [], DomainLevel.Node);
        if (first < 0) return false;
        replicas[0] = first;
        for (int k = 1; k < Replicas; k++)
        {
            int next = space.FindMostFree(size, replicas[..k], level);
            if (next < 0) return false;
            replicas[k] = next;
        }
        return true;
    }

    /// <summary>The problems every kind shares: at least one replica, at least R nodes.</summary>
    protected static string? CheckReplicas(string name, FailureDomains domains, int replicas)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (replicas < 1) return $"{name} needs at least 1 replica, found R={replicas}";
        if (domains.NodeCount < replicas) return $"{name} R={replicas} needs at least {replicas} nodes, the cluster has {domains.NodeCount}";
        return null;
    }

    /// <summary>Builds the policy only if its topology can satisfy it.</summary>
    protected static void ThrowIfUnsatisfiable(string? reason)
    {
        if (reason is not null) throw new ArgumentException(reason);
    }
}
