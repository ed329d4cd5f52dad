using Simulator.Engine;
using Simulator.Placement;

namespace Simulator.Durability;

/// <summary>
/// Where every chunk's R replicas are, placed once by a policy of the placement module (<see cref="PlacementKinds"/>)
/// over a cluster of N nodes in K racks (<see cref="FailureDomains.Uniform"/>), indexed by each chunk's first replica
/// so that the chunks a failed set can destroy are found from the failed nodes alone.
/// <list type="bullet">
/// <item>random, copyset, rack-aware: the policy's <see cref="PlacementPolicy.TryPlace"/>, each chunk of size 1.
/// Random and copyset see unbounded space (every node can take every chunk: placement is then exactly uniform,
/// and uniform over a primary's copysets); rack-aware sees each node's load (it puts the other replicas on the
/// least-loaded nodes of other racks, the storage model's rule).</item>
/// <item>scatter: the policy's ring, and its rule with space everywhere — a primary drawn uniformly, the other
/// R − 1 replicas a uniform subset of the S nodes that follow it on the ring — drawn in O(R) instead of the
/// policy's O(S) scan of the window.</item>
/// </list>
/// </summary>
public sealed class ChunkLayout
{
    private readonly int[] _start;   // chunks whose first replica is node v: _others[(_start[v] … _start[v + 1]) · (R − 1) …]
    private readonly int[] _others;

    private ChunkLayout(FailureDomains domains, int replicas, long chunks, int[] start, int[] others, PlacementPolicy policy)
    {
        Domains = domains;
        Replicas = replicas;
        Chunks = chunks;
        _start = start;
        _others = others;
        Policy = policy;
    }

    public FailureDomains Domains { get; }
    public int Replicas { get; }
    public long Chunks { get; }
    public PlacementPolicy Policy { get; }
    public int Nodes => Domains.NodeCount;

    /// <summary>Places <paramref name="chunks"/> chunks; the structure (permutations, ring) from <paramref name="build"/>, the chunks from <paramref name="place"/>.</summary>
    /// <exception cref="ArgumentException">when the placement cannot be built on the layout (the reason as <see cref="PlacementKinds.Check"/> gives it).</exception>
    public static ChunkLayout Place(string kind, int nodes, int racks, int replicas, int scatterWidth, long chunks, RandomStream build, RandomStream place)
    {
        var domains = FailureDomains.Uniform(nodes, 1, 1, racks);
        var policy = PlacementKinds.Create(kind, domains, replicas, scatterWidth, build, strict: true);
        if (chunks * replicas > int.MaxValue) throw new ArgumentException($"{chunks} chunks of {replicas} replicas is more than this layout holds (at most {int.MaxValue / replicas})");
        var sets = new int[chunks * replicas];
        IFreeSpace space = kind == RackAwarePolicy.KindName ? LoadedSpace(domains) : new UnboundedSpace(domains);
        var scatter = policy as ScatterPolicy;
        int[]? ring = scatter is null ? null : RingOrder(scatter);
        var replicaSet = new int[replicas];
        for (long c = 0; c < chunks; c++)
        {
            if (scatter is not null) DrawScatter(ring!, scatterWidth, place, replicaSet);
            else if (!policy.TryPlace(1, space, place, replicaSet))
                throw new InvalidOperationException($"{kind} placement found no nodes for chunk {c}");
            if (space is DomainFreeSpace loaded)
                foreach (int v in replicaSet) loaded.Set(v, loaded.Get(v) - 1);
            replicaSet.CopyTo(sets, (int)(c * replicas));
        }
        var start = new int[nodes + 1];
        for (long c = 0; c < chunks; c++) start[sets[c * replicas] + 1]++;
        for (int v = 0; v < nodes; v++) start[v + 1] += start[v];
        var fill = (int[])start.Clone();
        var others = new int[chunks * (replicas - 1)];
        for (long c = 0; c < chunks; c++)
        {
            int slot = fill[sets[c * replicas]]++;
            for (int j = 1; j < replicas; j++) others[(long)slot * (replicas - 1) + j - 1] = sets[c * replicas + j];
        }
        return new ChunkLayout(domains, replicas, chunks, start, others, policy);
    }

    /// <summary>Chunks whose every replica is on a node marked failed.</summary>
    public long LostChunks(ReadOnlySpan<bool> failed, ReadOnlySpan<int> failedNodes)
    {
        long lost = 0;
        int k = Replicas - 1;
        foreach (int v in failedNodes)
            for (int c = _start[v]; c < _start[v + 1]; c++)
            {
                bool all = true;
                for (int j = 0; j < k && all; j++) all = failed[_others[(long)c * k + j]];
                if (all) lost++;
            }
        return lost;
    }

    /// <summary>Distinct replica sets the chunks occupy (a set counts once however many chunks it holds).</summary>
    public long DistinctSets() => CountDistinct(Nodes, set => set).Values.Sum();

    /// <summary>
    /// The distinct sets of racks the chunks' replicas occupy, counted by their number of racks r, and how many
    /// chunks have their replicas in r distinct racks (index r = 1 … R).
    /// </summary>
    public (long[] DistinctByRacks, long[] ChunksByRacks) RackSets()
    {
        var chunks = new long[Replicas + 1];
        var racks = new int[Replicas];
        var distinct = CountDistinct(Domains.RackCount, set =>
        {
            int r = 0;
            foreach (int v in set)
            {
                int rack = Domains.RackOf(v);
                if (!racks.AsSpan(0, r).Contains(rack)) racks[r++] = rack;
            }
            chunks[r]++;
            return racks.AsSpan(0, r);
        });
        var byRacks = new long[Replicas + 1];
        foreach (var (size, count) in distinct) byRacks[size] = count;
        return (byRacks, chunks);
    }

    /// <summary>
    /// Distinct keys over the chunks, by key size; each key a set of ids below <paramref name="ids"/>, sorted and packed
    /// into a long with its size in the top bits (or, when that does not fit, a string), counted by sorting: 8 bytes a chunk.
    /// </summary>
    private Dictionary<int, long> CountDistinct(int ids, SetKey key)
    {
        int bits = 1;
        while ((1L << bits) < ids + 1L) bits++;
        bool packs = bits * Replicas <= 58 && Replicas < 16;
        var packed = packs ? new long[Chunks] : [];
        var strings = packs ? null : new HashSet<string>(StringComparer.Ordinal);
        int k = Replicas - 1;
        var set = new int[Replicas];
        var sorted = new int[Replicas];
        long i = 0;
        for (int v = 0; v < Nodes; v++)
            for (int c = _start[v]; c < _start[v + 1]; c++)
            {
                set[0] = v;
                for (int j = 0; j < k; j++) set[j + 1] = _others[(long)c * k + j];
                var members = key(set);
                members.CopyTo(sorted);
                var part = sorted.AsSpan(0, members.Length);
                part.Sort();
                if (strings is not null) { strings.Add(string.Join(',', part.ToArray())); continue; }
                long body = 0;
                foreach (int id in part) body = (body << bits) | (uint)(id + 1);
                packed[i++] = ((long)part.Length << 59) | body;
            }
        var counts = new Dictionary<int, long>();
        if (strings is not null)
        {
            foreach (var s in strings) counts[s.Count(ch => ch == ',') + 1] = counts.GetValueOrDefault(s.Count(ch => ch == ',') + 1) + 1;
            return counts;
        }
        Array.Sort(packed);
        for (long j = 0; j < packed.LongLength; j++)
            if (j == 0 || packed[j] != packed[j - 1])
            {
                int size = (int)(packed[j] >> 59);
                counts[size] = counts.GetValueOrDefault(size) + 1;
            }
        return counts;
    }

    private delegate ReadOnlySpan<int> SetKey(int[] set);

    private static int[] RingOrder(ScatterPolicy scatter)
    {
        var ring = new int[scatter.RingLength];
        for (int v = 0; v < ring.Length; v++) ring[scatter.RingPosition(v)] = v;
        return ring;
    }

    private static void DrawScatter(int[] ring, int width, RandomStream stream, int[] replicas)
    {
        int n = ring.Length, primary = stream.Next(n);
        replicas[0] = ring[primary];
        Span<int> offsets = stackalloc int[replicas.Length];
        for (int j = 1; j < replicas.Length; j++)
        {
            int d;
            do d = 1 + stream.Next(width); while (offsets[..j].Contains(d));
            offsets[j] = d;
            replicas[j] = ring[(primary + d) % n];
        }
    }

    private static DomainFreeSpace LoadedSpace(FailureDomains domains)
    {
        var space = new DomainFreeSpace(domains);
        for (int v = 0; v < domains.NodeCount; v++) space.Set(v, int.MaxValue);
        return space;
    }

    /// <summary>Every node can take every chunk; the most-free search (a policy's fallback) is the lowest eligible index.</summary>
    private sealed class UnboundedSpace(FailureDomains domains) : IFreeSpace
    {
        public long FreeOf(int node) => node >= 0 && node < domains.NodeCount ? long.MaxValue : -1;

        public int FindMostFree(long need, ReadOnlySpan<int> exclude, DomainLevel level)
        {
            for (int v = 0; v < domains.NodeCount; v++)
            {
                bool apart = true;
                foreach (int x in exclude)
                    if (domains.DomainOf(x, level) == domains.DomainOf(v, level)) { apart = false; break; }
                if (apart) return v;
            }
            return -1;
        }
    }
}
