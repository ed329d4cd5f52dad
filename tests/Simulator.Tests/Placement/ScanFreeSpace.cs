using Simulator.Placement;

namespace Simulator.Tests.Placement;

/// <summary>
/// The oracle of <see cref="DomainFreeSpace"/>: free space in a plain array, every search a scan of all the nodes with
/// the rule written out (excluded nodes and their domains skipped; most free, lowest index on ties; −1 below the need).
/// </summary>
internal sealed class ScanFreeSpace(FailureDomains domains) : IFreeSpace
{
    private long[] _free = Enumerable.Repeat(-1L, domains.NodeCount).ToArray();

    public long FreeOf(int node) => node >= 0 && node < _free.Length ? _free[node] : -1;

    public void Set(int node, long free)
    {
        if (node >= _free.Length)
        {
            int old = _free.Length;
            Array.Resize(ref _free, node + 1);
            Array.Fill(_free, -1, old, _free.Length - old);
        }
        _free[node] = free;
    }

    public int FindMostFree(long need, ReadOnlySpan<int> exclude, DomainLevel level)
    {
        var excluded = exclude.ToArray();
        return Scan(need, n => excluded.Any(x => x == n || domains.DomainOf(x, level) == domains.DomainOf(n, level)));
    }

    public int FindMostFreeOutside(long need, DomainLevel level, int[] outside, int[] nodes) =>
        Scan(need, n => nodes.Contains(n) || outside.Contains(domains.DomainOf(n, level)));

    private int Scan(long need, Func<int, bool> excluded)
    {
        int best = -1;
        for (int n = 0; n < Math.Min(_free.Length, domains.NodeCount); n++)
            if (!excluded(n) && _free[n] >= 0 && (best < 0 || _free[n] > _free[best])) best = n;
        return best >= 0 && _free[best] >= need ? best : -1;
    }
}
