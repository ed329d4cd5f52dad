namespace Simulator.Tests.Placement;

/// <summary>
/// The storage model's free-space index before domain-aware placement, kept as the oracle that
/// <c>DomainFreeSpace</c> and <c>most_free</c> placement must agree with.
/// </summary>
/// <remarks>
/// Free space of the nodes that accept new replicas, as a max segment tree: finds the node with the most
/// free space in O(log n) (the placement rule: most free space first, lowest index on ties) and keeps the
/// total free space. Nodes that accept nothing (crashed, isolated, retired) hold −1.
/// </remarks>
public sealed class FreeSpaceIndex
{
    private long[] _tree;
    private int _leaves;
    private long _totalFree;

    public FreeSpaceIndex(int capacity)
    {
        _leaves = 1;
        while (_leaves < Math.Max(1, capacity)) _leaves <<= 1;
        _tree = new long[2 * _leaves];
        Array.Fill(_tree, -1);
    }

    /// <summary>Sum of the free space of every eligible node.</summary>
    public long TotalFree => _totalFree;

    /// <summary>Largest free space of one eligible node, or −1 if none is eligible.</summary>
    public long MaxFree => _tree[1];

    /// <summary>Free space recorded for a node (−1 when not eligible).</summary>
    public long Get(int node) => node < _leaves ? _tree[_leaves + node] : -1;

    /// <summary>Sets a node's free space; −1 makes it ineligible.</summary>
    public void Set(int node, long free)
    {
        if (node >= _leaves) Grow(node + 1);
        int i = _leaves + node;
        long old = _tree[i];
        if (old > 0) _totalFree -= old;
        if (free > 0) _totalFree += free;
        _tree[i] = free;
        for (i >>= 1; i >= 1; i >>= 1)
        {
            long m = Math.Max(_tree[2 * i], _tree[2 * i + 1]);
            if (_tree[i] == m) break;
            _tree[i] = m;
        }
    }

    /// <summary>
    /// The eligible node with the most free space of at least <paramref name="need"/>, skipping up to two
    /// nodes (the volume's own replicas); −1 if there is none.
    /// </summary>
    public int FindMostFree(long need, int skipA, int skipB)
    {
        long saveA = skipA >= 0 ? Get(skipA) : -1, saveB = skipB >= 0 && skipB != skipA ? Get(skipB) : -1;
        if (saveA >= 0) Set(skipA, -1);
        if (saveB >= 0) Set(skipB, -1);
        int found = -1;
        if (_tree[1] >= need)
        {
            int i = 1;
            while (i < _leaves) i = _tree[2 * i] >= _tree[2 * i + 1] ? 2 * i : 2 * i + 1;
            found = i - _leaves;
        }
        if (saveA >= 0) Set(skipA, saveA);
        if (saveB >= 0) Set(skipB, saveB);
        return found;
    }

    private void Grow(int capacity)
    {
        var old = _tree;
        int oldLeaves = _leaves;
        while (_leaves < capacity) _leaves <<= 1;
        _tree = new long[2 * _leaves];
        Array.Fill(_tree, -1);
        Array.Copy(old, oldLeaves, _tree, _leaves, oldLeaves);
        for (int i = _leaves - 1; i >= 1; i--) _tree[i] = Math.Max(_tree[2 * i], _tree[2 * i + 1]);
    }
}
