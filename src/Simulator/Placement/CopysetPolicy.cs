using Simulator.Engine;

namespace Simulator.Placement;

/// <summary>
/// Copyset replication (Cidon et al., "Copysets: Reducing the Frequency of Data Loss in Cloud Storage", USENIX ATC
/// 2013) with scatter width S: P = S / (R − 1) random permutations of the nodes, each cut into consecutive groups of R
/// (the copysets); an item's replicas are one whole copyset. With N a multiple of R that is P·N/R copysets, and each
/// node shares copysets with at most S others. When R does not divide N, a permutation's last group is completed with
/// the permutation's first nodes (so P·⌈N/R⌉ copysets, and those first nodes are in one more copyset).
/// <para>
/// A new item: a primary drawn uniformly (as Cidon's primary placement), then one of the primary's copysets drawn
/// uniformly; if some member cannot take the item, the primary's other copysets in turn, then another primary (up to
/// <see cref="PlacementPolicy.MaxDraws"/>), then every copyset from a random one on. If no copyset can take it: false
/// when <see cref="Strict"/>, otherwise the storage model's rule (<see cref="MostFreePolicy"/>).
/// </para>
/// <para>
/// A replacement, in order of preference: (1) the most-free member, not kept, of a copyset holding every kept replica
/// (the replica set stays a copyset: with R = 2 the survivor's partners in the other permutations); (2) the most-free
/// node that already shares a copyset with some kept replica (the set is no longer a copyset, but the new replica is
/// within that replica's scatter set); (3) unless <see cref="Strict"/>, the most-free node but the
/// kept ones; −1 otherwise. Cost O(P·R·|keep|), no allocation.
/// </para>
/// <para>
/// Nodes added to the domains are not used until <see cref="OnNodesAdded"/>: it cuts a random order of the new nodes
/// into groups of R, once per permutation, completing a short last group with old nodes drawn uniformly. Existing
/// copysets are kept (items placed on them stay on copysets), so each new node has P copysets, like the others.
/// </para>
/// </summary>
public sealed class CopysetPolicy : PlacementPolicy
{
    public const string KindName = "copyset";

    private int[] _members = [];     // copyset g is _members[g·R … g·R + R)
    private int _copysets;
    private int[] _copysetsOf = [];  // node n's copysets: _copysetsOf[_firstOf[n] … _firstOf[n + 1])
    private int[] _firstOf = [0];
    private int _nodes;              // nodes the copysets cover

    /// <param name="build">The stream the permutations are drawn from (not the placement stream, so placement draws do not depend on it).</param>
    public CopysetPolicy(FailureDomains domains, int replicas, int scatterWidth, RandomStream build, bool strict = false)
        : base(domains, replicas)
    {
        ThrowIfUnsatisfiable(Check(domains, replicas, scatterWidth));
        ArgumentNullException.ThrowIfNull(build);
        ScatterWidth = scatterWidth;
        Permutations = scatterWidth / (replicas - 1);
        Strict = strict;
        _nodes = domains.NodeCount;
        var order = new int[_nodes];
        for (int p = 0; p < Permutations; p++)
        {
            for (int i = 0; i < _nodes; i++) order[i] = i;
            build.ShuffleFirst(order.AsSpan(), _nodes);
            for (int start = 0; start < _nodes; start += replicas)
            {
                int g = NewCopyset();
                for (int j = 0; j < replicas; j++) _members[g * replicas + j] = order[(start + j) % _nodes];
            }
        }
        Index();
    }

    public override string Kind => KindName;

    /// <summary>S: the number of other nodes each node shares copysets with, at most.</summary>
    public int ScatterWidth { get; }

    /// <summary>P = S / (R − 1).</summary>
    public int Permutations { get; }

    /// <summary>No fallback outside the copysets: placement and replacement fail instead.</summary>
    public bool Strict { get; }

    /// <summary>Copysets so far.</summary>
    public int CopysetCount => _copysets;

    /// <summary>The members of copyset <paramref name="copyset"/>.</summary>
    public ReadOnlySpan<int> Members(int copyset) => _members.AsSpan(copyset * Replicas, Replicas);

    /// <summary>The copysets <paramref name="node"/> belongs to (none for a node not covered yet).</summary>
    public ReadOnlySpan<int> CopysetsOf(int node) =>
        node < _nodes ? _copysetsOf.AsSpan(_firstOf[node], _firstOf[node + 1] - _firstOf[node]) : [];

    public override bool TryPlace(long size, IFreeSpace space, RandomStream stream, Span<int> replicas)
    {
        for (int attempt = 0; attempt < MaxDraws; attempt++)
        {
            int primary = stream.Next(_nodes);
            if (space.FreeOf(primary) < size) continue;
            var mine = CopysetsOf(primary);
            int first = stream.Next(mine.Length);
            for (int j = 0; j < mine.Length; j++)
            {
                int g = mine[(first + j) % mine.Length];
                if (Fits(g, size, space)) { Write(g, primary, replicas); return true; }
            }
        }
        int from = stream.Next(_copysets);
        for (int j = 0; j < _copysets; j++)
        {
            int g = (from + j) % _copysets;
            if (Fits(g, size, space)) { Write(g, _members[g * Replicas], replicas); return true; }
        }
        return !Strict && PlaceSpread(size, space, stream, replicas, DomainLevel.Node);
    }

    public override int ChooseReplacement(long size, ReadOnlySpan<int> keep, IFreeSpace space, RandomStream stream)
    {
        int best = -1;
        long bestFree = long.MinValue;
        if (keep.Length > 0)
        {
            foreach (int g in CopysetsOf(keep[0]))
            {
                if (!HoldsAll(g, keep)) continue;
                foreach (int m in Members(g)) Consider(m, size, keep, space, ref best, ref bestFree);
            }
            if (best >= 0) return best;
            foreach (int s in keep)
                foreach (int g in CopysetsOf(s))
                    foreach (int m in Members(g)) Consider(m, size, keep, space, ref best, ref bestFree);
            if (best >= 0) return best;
        }
        return Strict ? -1 : space.FindMostFree(size, keep, DomainLevel.Node);
    }

    public override string? Unsatisfiable() => Check(Domains, Replicas, ScatterWidth);

    /// <summary>Why copysets of R nodes with scatter width S cannot be built over <paramref name="domains"/>, or null.</summary>
    public static string? Check(FailureDomains domains, int replicas, int scatterWidth)
    {
        if (CheckReplicas("copyset", domains, replicas) is { } problem) return problem;
        if (replicas < 2) return $"copyset needs at least 2 replicas, found R={replicas}";
        if (scatterWidth < replicas - 1 || scatterWidth % (replicas - 1) != 0)
            return $"copyset scatter width must be a positive multiple of R−1 = {replicas - 1}, found S={scatterWidth}";
        if (scatterWidth > domains.NodeCount - 1)
            return $"copyset scatter width S={scatterWidth} needs at least {scatterWidth + 1} nodes, the cluster has {domains.NodeCount}";
        return null;
    }

    public override void OnNodesAdded(RandomStream stream)
    {
        int old = _nodes, added = Domains.NodeCount - old;
        if (added <= 0) return;
        var order = new int[added];
        for (int p = 0; p < Permutations; p++)
        {
            for (int i = 0; i < added; i++) order[i] = old + i;
            stream.ShuffleFirst(order.AsSpan(), added);
            for (int start = 0; start < added; start += Replicas)
            {
                int g = NewCopyset();
                var members = _members.AsSpan(g * Replicas, Replicas);
                int j = 0;
                for (; j < Replicas && start + j < added; j++) members[j] = order[start + j];
                while (j < Replicas)
                {
                    int n = stream.Next(old);
                    if (!Contains(members[..j], n)) members[j++] = n;
                }
            }
        }
        _nodes = Domains.NodeCount;
        Index();
    }

    private bool Fits(int g, long size, IFreeSpace space)
    {
        foreach (int m in Members(g))
            if (space.FreeOf(m) < size) return false;
        return true;
    }

    private bool HoldsAll(int g, ReadOnlySpan<int> keep)
    {
        var members = Members(g);
        foreach (int s in keep)
            if (!Contains(members, s)) return false;
        return true;
    }

    /// <summary>Copyset <paramref name="g"/> as a replica set, <paramref name="primary"/> first.</summary>
    private void Write(int g, int primary, Span<int> replicas)
    {
        replicas[0] = primary;
        int k = 1;
        foreach (int m in Members(g))
            if (m != primary) replicas[k++] = m;
    }

    private int NewCopyset()
    {
        if ((_copysets + 1) * Replicas > _members.Length) Array.Resize(ref _members, Math.Max(16, 2 * _members.Length) + Replicas);
        return _copysets++;
    }

    /// <summary>Rebuilds each node's list of copysets (counting sort by node).</summary>
    private void Index()
    {
        var first = new int[_nodes + 1];
        for (int i = 0; i < _copysets * Replicas; i++) first[_members[i] + 1]++;
        for (int n = 0; n < _nodes; n++) first[n + 1] += first[n];
        var of = new int[_copysets * Replicas];
        var fill = (int[])first.Clone();
        for (int g = 0; g < _copysets; g++)
            foreach (int m in Members(g)) of[fill[m]++] = g;
        _firstOf = first;
        _copysetsOf = of;
    }
}
