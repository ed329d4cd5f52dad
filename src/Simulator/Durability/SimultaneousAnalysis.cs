using System.Diagnostics;
using System.Globalization;
using Simulator.Engine;
using Simulator.Placement;
using static Simulator.Durability.DurabilityRow;

namespace Simulator.Durability;

/// <summary>
/// <c>replsim durability simultaneous</c>: places the chunks once (<see cref="ChunkLayout"/>, from the seed), then
/// draws failed sets and counts the chunks that lost every replica, against the closed forms.
/// <list type="bullet">
/// <item>Expected lost chunks, exactly, for every placement: F nodes failing, each chunk's R distinct nodes all fail with
/// probability C(F, R)/C(N, R), so E = chunks · C(F, R)/C(N, R) (only the variance depends on the placement); f racks
/// failing, a chunk on r distinct racks is lost with probability C(f, r)/C(K, r), summed over the chunks.</item>
/// <item>P(loss), exact where the structure allows: random placement, 1 − (1 − C(F, R)/C(N, R))^chunks (chunks placed
/// independently: over placements and failures); copyset placement with one permutation (S = R − 1, R | N), whose
/// copysets are disjoint, by counting the failed sets that hold a whole occupied copyset
/// (<see cref="LossFormulas.AnyDisjointGroupFails"/>, the inclusion–exclusion sum).</item>
/// <item>P(loss), the independence approximation, for every placement: 1 − (1 − C(F, R)/C(N, R))^D with D the distinct
/// replica sets the chunks occupy (Cidon et al.'s count of copysets), as if the sets failed independently.</item>
/// </list>
/// Trial t draws its failed set from a stream keyed by (seed, t): results do not depend on the thread count.
/// </summary>
public static class SimultaneousAnalysis
{
    private const int TrialBlock = 64;

    public static DurabilityResult Run(SimultaneousSpec spec, ulong seed, int threads)
    {
        var clock = Stopwatch.StartNew();
        var streams = new RandomStreams(seed, 0);
        int n = spec.Nodes, r = spec.Replicas, k = spec.Racks;
        long chunks = spec.ChunkCount;
        string kind = spec.PlacementKind;
        var layout = ChunkLayout.Place(kind, n, k, r, spec.ScatterWidth ?? 0, chunks,
            streams.Get("durability-placement-structure"), streams.Get("durability-placement"));
        long distinct = layout.DistinctSets();
        var rows = new List<DurabilityRow>();
        var notes = new List<string>();
        var facts = new Dictionary<string, double>
        {
            ["nodes"] = n, ["replicas"] = r, ["racks"] = k, ["chunks"] = chunks, ["distinct_replica_sets"] = distinct,
            ["scatter_width"] = spec.ScatterWidth ?? double.NaN,
        };
        if (layout.Policy is CopysetPolicy copyset) facts["copysets"] = copyset.CopysetCount;

        if (spec.Failed is not null)
        {
            int f = spec.FailedNodes;
            facts["failed_nodes"] = f;
            double h = LossFormulas.SetFails(n, f, r);
            rows.Add(Value(Quantities.ExpectedLostChunks, Methods.Exact, chunks * h, "chunks"));
            notes.Add(Invariant($"expected_lost_chunks exact: chunks × C(F,R)/C(N,R) = {chunks} × C({f},{r})/C({n},{r}) = {chunks * h:G6}, the same for every placement"));
            if (kind == RandomPolicy.KindName)
            {
                rows.Add(Value(Quantities.PLoss, Methods.Exact, LossFormulas.AnyOf(chunks, h), "probability"));
                notes.Add("p_loss exact: 1 − (1 − C(F,R)/C(N,R))^chunks, each chunk's replica set an independent uniform R-subset (exact over random placements and failures)");
            }
            else if (layout.Policy is CopysetPolicy { Permutations: 1 } && n % r == 0)
            {
                rows.Add(Value(Quantities.PLoss, Methods.Exact, LossFormulas.AnyDisjointGroupFails(n, f, (int)distinct, r), "probability"));
                notes.Add(Invariant($"p_loss exact: one permutation, so the copysets are disjoint: P(some of the {distinct} occupied copysets inside the failed set) = Σ_k (−1)^(k+1) C(G,k) C(N−kR,F−kR)/C(N,F), counted without cancellation"));
            }
            rows.Add(Value(Quantities.PLoss, Methods.Approximation, LossFormulas.AnyOf(distinct, h), "probability"));
            notes.Add(Invariant($"p_loss approximation: 1 − (1 − C(F,R)/C(N,R))^D over the D = {distinct} distinct replica sets the chunks occupy, as if they failed independently"));
        }
        else
        {
            int f = spec.FailedRacks!.Value;
            facts["failed_racks"] = f;
            var (distinctByRacks, chunksByRacks) = layout.RackSets();
            double expected = 0, none = 0;
            for (int j = 1; j <= r; j++)
            {
                double q = LossFormulas.SetFails(k, f, j);
                expected += chunksByRacks[j] * q;
                none += distinctByRacks[j] * Precise.Log1P(-Math.Min(q, 1 - 1e-300));
            }
            rows.Add(Value(Quantities.ExpectedLostChunks, Methods.Exact, expected, "chunks"));
            rows.Add(Value(Quantities.PLoss, Methods.Approximation, -Precise.ExpM1(none), "probability"));
            notes.Add(Invariant($"expected_lost_chunks exact: Σ over chunks of C(f,r)/C(K,r), r the chunk's distinct racks ({f} of {k} racks failing)"));
            notes.Add("p_loss approximation: 1 − Π (1 − C(f,r)/C(K,r)) over the distinct rack sets the chunks occupy, as if they failed independently");
        }

        long trials = spec.TrialCount;
        var histogram = new List<(long, long)>();
        if (trials > 0)
        {
            var lost = Trials(spec, layout, trials, seed, threads);
            long hits = lost.Count(x => x > 0);
            double sum = 0, squares = 0;
            foreach (long x in lost)
            {
                sum += x;
                squares += (double)x * x;
            }
            rows.Add(MonteCarlo(Quantities.PLoss, Estimate.Proportion(hits, trials), "probability"));
            var mean = Estimate.Mean(sum, squares, trials);
            rows.Add(MonteCarlo(Quantities.ExpectedLostChunks, mean with { Low = Math.Max(0, mean.Low) }, "chunks"));
            histogram = [.. lost.GroupBy(x => x).OrderBy(g => g.Key).Select(g => (g.Key, (long)g.Count()))];
            facts["trials"] = trials;
            facts["trials_with_loss"] = hits;
            notes.Add(Invariant($"monte_carlo: {trials} failed sets drawn over one placement of the chunks (seeded), {hits} with a loss; Wilson interval for p_loss, normal for the mean (its lower bound cut at 0)"));
        }
        if (spec.ChunkSize is { } size)
            foreach (var row in rows.Where(x => x.Quantity == Quantities.ExpectedLostChunks).ToList())
                rows.Add(row with { Quantity = Quantities.ExpectedLostBytes, Estimate = row.Estimate * size.Bytes, CiLow = row.CiLow * size.Bytes, CiHigh = row.CiHigh * size.Bytes, Unit = "bytes" });
        clock.Stop();
        return new DurabilityResult
        {
            Kind = spec.Kind, Rows = MttdlAnalysis.Order(rows), Notes = notes, Facts = facts, LostHistogram = histogram,
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>Lost chunks in each trial, trial t drawing its failed nodes (Floyd's sampling) from its own stream.</summary>
    private static long[] Trials(SimultaneousSpec spec, ChunkLayout layout, long trials, ulong seed, int threads)
    {
        var streams = new RandomStreams(seed, 0);
        int n = spec.Nodes, k = spec.Racks;
        var lost = new long[trials];
        long blocks = (trials + TrialBlock - 1) / TrialBlock;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            () => (Failed: new bool[n], Picked: new bool[Math.Max(n, k)], Nodes: new List<int>()),
            (b, _, scratch) =>
            {
                for (long t = b * TrialBlock; t < Math.Min(trials, (b + 1) * TrialBlock); t++)
                {
                    var stream = streams.Get("durability-failures", t);
                    scratch.Nodes.Clear();
                    if (spec.FailedRacks is { } racks)
                    {
                        foreach (int rack in Floyd(stream, k, racks, scratch.Picked))
                            for (int v = rack; v < n; v += k) scratch.Nodes.Add(v); // Uniform: node v in rack v mod K
                    }
                    else
                        scratch.Nodes.AddRange(Floyd(stream, n, spec.FailedNodes, scratch.Picked));
                    foreach (int v in scratch.Nodes) scratch.Failed[v] = true;
                    lost[t] = layout.LostChunks(scratch.Failed, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scratch.Nodes));
                    foreach (int v in scratch.Nodes) scratch.Failed[v] = false;
                }
                return scratch;
            },
            _ => { });
        return lost;
    }

    /// <summary>A uniformly random <paramref name="count"/>-subset of 0 … <paramref name="of"/> − 1 (Floyd), in draw order; <paramref name="picked"/> is left clear.</summary>
    private static List<int> Floyd(RandomStream stream, int of, int count, bool[] picked)
    {
        var chosen = new List<int>(count);
        for (int j = of - count; j < of; j++)
        {
            int t = stream.Next(j + 1);
            int take = picked[t] ? j : t;
            picked[take] = true;
            chosen.Add(take);
        }
        foreach (int v in chosen) picked[v] = false;
        return chosen;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
