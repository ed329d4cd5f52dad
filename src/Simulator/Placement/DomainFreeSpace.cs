namespace Simulator.Placement;

/// <summary>
/// Free space of a cluster's nodes, searchable by failure domain. Same rules as the storage model's
/// <c>FreeSpaceIndex</c> — a node that accepts nothing holds −1, the search returns the node with the most free space,
/// lowest index on ties, if it can take what is needed — so it can stand in for it; and it can also leave out whole
/// racks, power domains or zones.
/// <para>
/// How: the nodes are laid out in failure-domain order (zone, power domain, rack, node index), so every domain of
/// every level is one contiguous run of positions. A max segment tree over the positions keeps, in each subtree,
/// the best node (most free, lowest index on ties — an order on node indices, so it does not depend on the layout).
/// Leaving out k nodes or domains leaves at most k + 1 runs of positions; the search takes the best node of each
/// run with a range query (O(log n) each) and keeps the best: O((k + 1) log n) plus sorting the k runs, no allocation.
/// Two shortcuts make the usual search O(k): when the best node of all is outside the excluded runs it is the answer,
/// and when it cannot take what is needed nothing can (the futile searches of a full cluster). An update is O(log n).
/// Nodes start at −1 (ineligible); when <see cref="Domains"/> changes (nodes added), the layout is rebuilt in
/// O(n log n) on the next call, keeping every node's free space.
/// </para>
/// Not thread-safe: one per cluster, like the random streams.
/// </summary>
public sealed class DomainFreeSpace : IFreeSpace
{
    private const int Levels = 4;

    private long[] _free = [];
    private int[] _position = [];
    private int[] _best = [];                 // best node of each subtree, −1 when it holds no node; leaves from _leaves
    private long[] _bestFree = [];            // its free space (long.MinValue for no node), kept beside it for the comparisons
    private int _leaves;
    private int _count;
    private int _version = -1;
    private readonly int[][] _start = new int[Levels][], _end = new int[Levels][];
    private int[] _runStart = new int[16], _runEnd = new int[16];

    public DomainFreeSpace(FailureDomains domains)
    {
        Domains = domains;
        Rebuild();
    }

    public FailureDomains Domains { get; }

    /// <summary>Sum of the free space of every eligible node.</summary>
    public long TotalFree { get; private set; }

    /// <summary>Largest free space of one node, or −1 if none is eligible.</summary>
    public long MaxFree
    {
        get
        {
            Sync();
            return _best[1] < 0 ? -1 : _bestFree[1];
        }
    }

    /// <inheritdoc/>
    public long FreeOf(int node) => node >= 0 && node < _count ? _free[node] : -1;

    /// <summary>Free space recorded for a node (−1 when not eligible); the storage model's name for <see cref="FreeOf"/>.</summary>
    public long Get(int node) => FreeOf(node);

    /// <summary>Sets a node's free space; −1 makes it ineligible. The node must be in <see cref="Domains"/>.</summary>
    public void Set(int node, long free)
    {
        Sync();
        if ((uint)node >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(node), node, $"the failure domains know {_count} nodes");
        long old = _free[node];
        if (old > 0) TotalFree -= old;
        if (free > 0) TotalFree += free;
        _free[node] = free;
        int i = _leaves + _position[node];
        _bestFree[i] = free;
        for (i >>= 1; i >= 1; i >>= 1)
        {
            int was = _best[i];
            long wasFree = _bestFree[i];
            Pull(i);
            if (_best[i] == was && _bestFree[i] == wasFree) break; // unchanged here, so unchanged above
        }
    }

    /// <summary>
    /// The node with the most free space of at least <paramref name="need"/>, skipping up to two nodes; −1 if none.
    /// The same answer as the storage model's <c>FreeSpaceIndex.FindMostFree</c> for any need ≥ 0.
    /// </summary>
    public int FindMostFree(long need, int skipA = -1, int skipB = -1)
    {
        Span<int> skip = stackalloc int[2];
        int k = 0;
        if (skipA >= 0) skip[k++] = skipA;
        if (skipB >= 0) skip[k++] = skipB;
        return FindMostFreeOutside(need, DomainLevel.Node, [], skip[..k]);
    }

    /// <inheritdoc/>
    public int FindMostFree(long need, ReadOnlySpan<int> exclude, DomainLevel level)
    {
        Sync();
        EnsureRuns(exclude.Length);
        int runs = 0;
        foreach (int n in exclude)
            if ((uint)n < (uint)_count) AddDomain(ref runs, level, Domains.DomainOf(n, level));
        return Search(need, runs);
    }

    /// <summary>
    /// The node with the most free space of at least <paramref name="need"/> that is in none of the
    /// <paramref name="domains"/> of <paramref name="level"/> and is none of <paramref name="nodes"/>; −1 if none.
    /// Costs O((k + 1) log n) at worst for k exclusions.
    /// </summary>
    public int FindMostFreeOutside(long need, DomainLevel level, ReadOnlySpan<int> domains, ReadOnlySpan<int> nodes)
    {
        Sync();
        EnsureRuns(domains.Length + nodes.Length);
        int runs = 0;
        foreach (int d in domains)
            if ((uint)d < (uint)Domains.DomainCount(level)) AddDomain(ref runs, level, d);
        foreach (int n in nodes)
            if ((uint)n < (uint)_count) AddDomain(ref runs, DomainLevel.Node, n);
        return Search(need, runs);
    }

    /// <summary>Excludes the positions of a domain (a node's own position at <see cref="DomainLevel.Node"/>).</summary>
    private void AddDomain(ref int runs, DomainLevel level, int domain)
    {
        if (level == DomainLevel.Node) AddRun(ref runs, _position[domain], _position[domain] + 1);
        else AddRun(ref runs, _start[(int)level][domain], _end[(int)level][domain]);
    }

    /// <summary>Adds an excluded run [lo, hi) of positions, keeping the runs sorted by start (insertion: k is small).</summary>
    private void AddRun(ref int runs, int lo, int hi)
    {
        if (lo >= hi) return;
        int i = runs++;
        while (i > 0 && _runStart[i - 1] > lo)
        {
            _runStart[i] = _runStart[i - 1];
            _runEnd[i] = _runEnd[i - 1];
            i--;
        }
        _runStart[i] = lo;
        _runEnd[i] = hi;
    }

    /// <summary>
    /// Best node outside the excluded runs. The best node of all is the answer when it is not excluded (one look at the
    /// root), and nothing is when it cannot take <paramref name="need"/>; otherwise the best of the gaps between runs.
    /// </summary>
    private int Search(long need, int runs)
    {
        int top = _best[1];
        long topFree = _bestFree[1];
        if (top < 0 || topFree < 0 || topFree < need) return -1;
        if (!Excluded(_position[top], runs)) return top;
        int best = -1, from = 0;
        for (int r = 0; r < runs; r++)
        {
            if (_runStart[r] > from) best = BetterSlot(best, Query(from, _runStart[r]));
            from = Math.Max(from, _runEnd[r]);
        }
        if (from < _count) best = BetterSlot(best, Query(from, _count));
        return best >= 0 && _bestFree[best] >= 0 && _bestFree[best] >= need ? _best[best] : -1;
    }

    private bool Excluded(int position, int runs)
    {
        for (int r = 0; r < runs; r++)
            if (position >= _runStart[r] && position < _runEnd[r]) return true;
        return false;
    }

    /// <summary>The tree slot holding the best node at positions [lo, hi); −1 for none.</summary>
    private int Query(int lo, int hi)
    {
        int best = -1;
        for (lo += _leaves, hi += _leaves; lo < hi; lo >>= 1, hi >>= 1)
        {
            if ((lo & 1) == 1) best = BetterSlot(best, lo++);
            if ((hi & 1) == 1) best = BetterSlot(best, --hi);
        }
        return best;
    }

    /// <summary>The slot with the better node: more free space, then the lower index; −1 and empty slots lose.</summary>
    private int BetterSlot(int a, int b)
    {
        if (a < 0) return b;
        if (b < 0) return a;
        long fa = _bestFree[a], fb = _bestFree[b];
        if (fa != fb) return fa > fb ? a : b;
        return (uint)_best[a] <= (uint)_best[b] ? a : b; // −1 (no node) compares as the largest index
    }

    private void Pull(int i)
    {
        int w = BetterSlot(2 * i, 2 * i + 1);
        _best[i] = _best[w];
        _bestFree[i] = _bestFree[w];
    }

    private void EnsureRuns(int k)
    {
        if (k <= _runStart.Length) return;
        _runStart = new int[Math.Max(k, 2 * _runStart.Length)];
        _runEnd = new int[_runStart.Length];
    }

    private void Sync()
    {
        if (_version != Domains.Version) Rebuild();
    }

    /// <summary>Lays the nodes out in domain order and rebuilds the tree, keeping the free space of known nodes.</summary>
    private void Rebuild()
    {
        var d = Domains;
        int n = d.NodeCount;
        if (n > _free.Length)
        {
            int old = _free.Length;
            Array.Resize(ref _free, Math.Max(n, 2 * old));
            Array.Fill(_free, -1, old, _free.Length - old);
        }
        _count = n;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            int c = d.ZoneOf(a).CompareTo(d.ZoneOf(b));
            if (c == 0) c = d.PowerDomainOf(a).CompareTo(d.PowerDomainOf(b));
            if (c == 0) c = d.RackOf(a).CompareTo(d.RackOf(b));
            return c != 0 ? c : a.CompareTo(b);
        });
        _position = new int[n];
        for (int i = 0; i < n; i++) _position[order[i]] = i;
        for (int level = 1; level < Levels; level++)
        {
            int domains = d.DomainCount((DomainLevel)level);
            int[] start = new int[domains], end = new int[domains];
            Array.Fill(start, n);
            for (int i = n - 1; i >= 0; i--) start[d.DomainOf(order[i], (DomainLevel)level)] = i;
            for (int i = 0; i < n; i++) end[d.DomainOf(order[i], (DomainLevel)level)] = i + 1;
            for (int x = 0; x < domains; x++) end[x] = Math.Max(end[x], start[x]); // empty domains: [n, n)
            _start[level] = start;
            _end[level] = end;
        }
        _start[0] = _end[0] = [];
        _leaves = 1;
        while (_leaves < Math.Max(1, n)) _leaves <<= 1;
        _best = new int[2 * _leaves];
        _bestFree = new long[2 * _leaves];
        Array.Fill(_best, -1);
        Array.Fill(_bestFree, long.MinValue);
        for (int i = 0; i < n; i++)
        {
            _best[_leaves + i] = order[i];
            _bestFree[_leaves + i] = _free[order[i]];
        }
        for (int i = _leaves - 1; i >= 1; i--) Pull(i);
        TotalFree = 0;
        for (int i = 0; i < n; i++) if (_free[i] > 0) TotalFree += _free[i];
        _version = d.Version;
    }
}
