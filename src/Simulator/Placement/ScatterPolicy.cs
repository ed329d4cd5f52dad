using Simulator.Engine;

namespace Simulator.Placement;

/// <summary>
/// HDFS-like scatter: the nodes sit on a ring in a random order (drawn once, from the build stream); an item's
/// primary is drawn uniformly, and its other R − 1 replicas uniformly among the S nodes that follow the primary on
/// the ring (those that can take the item; <see cref="RandomStream.ShuffleFirst{T}"/> on a scratch window). Every
/// two replicas of an item are then at most S apart on the ring, so a node shares items with at most 2S others.
/// <para>
/// A new item: a primary whose window cannot take R − 1 replicas is drawn again (up to
/// <see cref="PlacementPolicy.MaxDraws"/>), then every primary in ring order from a random one; if none works: false
/// when <see cref="Strict"/>, otherwise the storage model's rule (<see cref="MostFreePolicy"/>).
/// </para>
/// <para>
/// A replacement keeps the item within S ring steps: with the kept replicas spanning d ≤ S steps from the first of them
/// on the ring (the anchor), the candidates are the nodes from S − d steps before the anchor to S steps after it, and
/// the most-free one that can take the item is chosen (the storage model's rule within the window). If the kept
/// replicas already span more than S steps, or no candidate can take it: the most-free node but the kept ones, unless
/// <see cref="Strict"/> (then −1). Cost O(S + |keep|²), no allocation.
/// </para>
/// <para>
/// Nodes added to the domains are not used until <see cref="OnNodesAdded"/>, which inserts each at a uniformly drawn
/// place on the ring (items placed before may then span a step more).
/// </para>
/// </summary>
public sealed class ScatterPolicy : PlacementPolicy
{
    public const string KindName = "scatter";

    private int[] _ring;
    private int[] _position;
    private int _nodes;
    private readonly int[] _window;

    /// <param name="build">The stream the ring order is drawn from (not the placement stream).</param>
    public ScatterPolicy(FailureDomains domains, int replicas, int scatterWidth, RandomStream build, bool strict = false)
        : base(domains, replicas)
    {
        ThrowIfUnsatisfiable(Check(domains, replicas, scatterWidth));
        ArgumentNullException.ThrowIfNull(build);
        ScatterWidth = scatterWidth;
        Strict = strict;
        _nodes = domains.NodeCount;
        _ring = new int[_nodes];
        for (int i = 0; i < _nodes; i++) _ring[i] = i;
        build.ShuffleFirst(_ring.AsSpan(), _nodes);
        _position = new int[_nodes];
        IndexRing();
        _window = new int[scatterWidth];
    }

    public override string Kind => KindName;

    /// <summary>S: the other replicas of an item are among the S nodes following its primary.</summary>
    public int ScatterWidth { get; }

    /// <summary>No fallback outside the ring window: placement and replacement fail instead.</summary>
    public bool Strict { get; }

    /// <summary>A node's place on the ring (−1 for a node not on it yet).</summary>
    public int RingPosition(int node) => node < _nodes ? _position[node] : -1;

    /// <summary>Nodes on the ring.</summary>
    public int RingLength => _nodes;

    public override bool TryPlace(long size, IFreeSpace space, RandomStream stream, Span<int> replicas)
    {
        for (int attempt = 0; attempt < MaxDraws; attempt++)
        {
            int primary = stream.Next(_nodes);
            if (space.FreeOf(primary) >= size && TryWindow(primary, size, space, stream, replicas)) return true;
        }
        int from = stream.Next(_nodes);
        for (int j = 0; j < _nodes; j++)
        {
            int primary = _ring[(from + j) % _nodes];
            if (space.FreeOf(primary) >= size && TryWindow(primary, size, space, stream, replicas)) return true;
        }
        return !Strict && PlaceSpread(size, space, stream, replicas, DomainLevel.Node);
    }

    public override int ChooseReplacement(long size, ReadOnlySpan<int> keep, IFreeSpace space, RandomStream stream)
    {
        int anchor = -1, span = int.MaxValue;
        foreach (int s in keep)
        {
            if (s >= _nodes) { anchor = -1; break; }
            int reach = 0;
            foreach (int t in keep)
                if (t < _nodes) reach = Math.Max(reach, Steps(s, t));
            if (reach < span) { span = reach; anchor = s; }
        }
        if (anchor >= 0 && span <= ScatterWidth)
        {
            int best = -1, count = Math.Min(2 * ScatterWidth - span + 1, _nodes);
            long bestFree = long.MinValue;
            int at = (_position[anchor] - (ScatterWidth - span) + _nodes) % _nodes;
            for (int j = 0; j < count; j++)
            {
                Consider(_ring[at], size, keep, space, ref best, ref bestFree);
                if (++at == _nodes) at = 0;
            }
            if (best >= 0) return best;
        }
        return Strict ? -1 : space.FindMostFree(size, keep, DomainLevel.Node);
    }

    public override string? Unsatisfiable() => Check(Domains, Replicas, ScatterWidth);

    /// <summary>Why R replicas within S ring steps cannot be placed over <paramref name="domains"/>, or null.</summary>
    public static string? Check(FailureDomains domains, int replicas, int scatterWidth)
    {
        if (CheckReplicas("scatter", domains, replicas) is { } problem) return problem;
        if (scatterWidth < replicas - 1 || scatterWidth < 1)
            return $"scatter R={replicas} needs a scatter width of at least {Math.Max(1, replicas - 1)}, found S={scatterWidth}";
        if (scatterWidth > domains.NodeCount - 1)
            return $"scatter width S={scatterWidth} needs at least {scatterWidth + 1} nodes, the cluster has {domains.NodeCount}";
        return null;
    }

    public override void OnNodesAdded(RandomStream stream)
    {
        int added = Domains.NodeCount - _nodes;
        if (added <= 0) return;
        Array.Resize(ref _ring, _nodes + added);
        for (int i = 0; i < added; i++)
        {
            int at = stream.Next(_nodes + 1);
            Array.Copy(_ring, at, _ring, at + 1, _nodes - at);
            _ring[at] = _nodes++;
        }
        _position = new int[_nodes];
        IndexRing();
    }

    /// <summary>Ring steps from <paramref name="a"/> forward to <paramref name="b"/>.</summary>
    private int Steps(int a, int b) => (_position[b] - _position[a] + _nodes) % _nodes;

    /// <summary>The primary, and R − 1 nodes drawn among those of the S following it that can take the item.</summary>
    private bool TryWindow(int primary, long size, IFreeSpace space, RandomStream stream, Span<int> replicas)
    {
        int fit = 0, at = _position[primary];
        for (int d = 1; d <= ScatterWidth; d++)
        {
            int n = _ring[(at + d) % _nodes];
            if (space.FreeOf(n) >= size) _window[fit++] = n;
        }
        if (fit < Replicas - 1) return false;
        stream.ShuffleFirst(_window.AsSpan(0, fit), Replicas - 1);
        replicas[0] = primary;
        _window.AsSpan(0, Replicas - 1).CopyTo(replicas[1..]);
        return true;
    }

    private void IndexRing()
    {
        for (int i = 0; i < _nodes; i++) _position[_ring[i]] = i;
    }
}
