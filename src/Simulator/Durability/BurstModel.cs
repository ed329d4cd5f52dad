using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using Simulator.Engine;

namespace Simulator.Durability;

/// <summary>
/// Correlated failures for a stripe, as the <c>node_failures</c> generator makes them (<see cref="Scenarios.Model.FailureBurstsSpec"/>,
/// after Ford et al., OSDI 2010), seen from the n nodes that hold one stripe's chunks in a cluster of
/// <see cref="ClusterNodes"/> nodes. Every node fails on its own at rate λ_ind; each such failure starts a burst with
/// probability p = s / (s + m (1 − s)) (s the share of failures in bursts, m the mean burst size); a burst takes
/// G more nodes, G geometric on 1, 2, … with mean m − 1, cut at the N − 1 other nodes, drawn uniformly among them
/// (anywhere in the cluster: no rack is favoured), all failing with the first (the 120 s window is far below any
/// repair time). A node then fails at λ = λ_ind (1 + p E[G]) in all, bursts included, so the overall failure rate is
/// the same with and without bursts; only how failures cluster changes.
/// </summary>
public sealed class BurstModel
{
    private const double TailCut = 1e-18;

    private readonly double[] _members; // P(G = g) for g = 1 … cut, the tail lumped at the last
    private readonly Dictionary<int, double[]> _hits = [];

    /// <param name="share">s, in [0, 1): share of all failures that are in bursts.</param>
    /// <param name="meanSize">m ≥ 2: mean nodes of a burst, its first included.</param>
    /// <param name="clusterNodes">N: nodes of the cluster the stripe lives in.</param>
    public BurstModel(double share, double meanSize, int clusterNodes)
    {
        if (!(share >= 0 && share < 1)) throw new ArgumentOutOfRangeException(nameof(share), share, "the share of failures in bursts must be in [0, 1)");
        if (!(meanSize >= 2)) throw new ArgumentOutOfRangeException(nameof(meanSize), meanSize, "a burst has at least 2 nodes on average");
        if (clusterNodes < 2) throw new ArgumentOutOfRangeException(nameof(clusterNodes), clusterNodes, "bursts need at least 2 nodes");
        Share = share;
        MeanSize = meanSize;
        ClusterNodes = clusterNodes;
        StartProbability = share <= 0 ? 0 : share / (share + meanSize * (1 - share));
        double rho = 1 / (meanSize - 1);
        int cut = clusterNodes - 1;
        var members = new List<double>();
        double tail = 1;
        for (int g = 1; g <= cut; g++)
        {
            double pg = rho * Math.Pow(1 - rho, g - 1);
            if (g == cut || tail - pg < TailCut) { members.Add(tail); break; }
            members.Add(pg);
            tail -= pg;
        }
        _members = [.. members];
        ExpectedMembers = _members.Select((pg, i) => pg * (i + 1)).Sum();
    }

    public double Share { get; }
    public double MeanSize { get; }
    public int ClusterNodes { get; }

    /// <summary>p: probability that a node's own failure starts a burst.</summary>
    public double StartProbability { get; }

    /// <summary>E[G]: the other nodes a burst takes, on average (m − 1 unless the cluster cuts bursts short).</summary>
    public double ExpectedMembers { get; }

    /// <summary>λ / λ_ind = 1 + p E[G]: failures per independent failure.</summary>
    public double FailuresPerIndependentFailure => 1 + StartProbability * ExpectedMembers;

    /// <summary>
    /// P(h of <paramref name="chunks"/> given nodes are among a burst's members), h = 0 … chunks, the members being a
    /// uniform G-subset of the N − 1 nodes other than the burst's first (which must not be one of the given nodes).
    /// </summary>
    public IReadOnlyList<double> Hits(int chunks)
    {
        lock (_hits)
        {
            if (_hits.TryGetValue(chunks, out var cached)) return cached;
            int population = ClusterNodes - 1;
            var p = new double[chunks + 1];
            for (int g = 1; g <= _members.Length; g++)
            {
                double pg = _members[g - 1];
                for (int h = Math.Max(0, g - (population - chunks)); h <= Math.Min(chunks, g); h++)
                    p[h] += pg * Math.Exp(SpecialFunctions.BinomialLn(chunks, h) + SpecialFunctions.BinomialLn(population - chunks, g - h)
                        - SpecialFunctions.BinomialLn(population, g));
            }
            _hits[chunks] = p;
            return p;
        }
    }

    /// <summary>Draws G, the other nodes of a burst.</summary>
    public int DrawMembers(RandomStream stream)
    {
        int g = Geometric.Sample(stream, 1 / (MeanSize - 1)); // on 1, 2, … with mean m − 1
        return Math.Min(g, ClusterNodes - 1);
    }

    /// <summary>Draws how many of <paramref name="chunks"/> given nodes a burst of <paramref name="members"/> other nodes takes.</summary>
    public int DrawHits(RandomStream stream, int chunks, int members) =>
        chunks == 0 ? 0 : Hypergeometric.Sample(stream, ClusterNodes - 1, chunks, members);
}
