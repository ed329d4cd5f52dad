using NUnit.Framework;
using Simulator.Durability;

namespace Simulator.Tests.Durability;

/// <summary>Simultaneous failures: placements against the closed forms (Cidon et al., USENIX ATC 2013), at fixed seeds.</summary>
public sealed class SimultaneousTests
{
    [TestCase("random", null)]
    [TestCase("scatter", 10)]
    [TestCase("copyset", 2)]
    [TestCase("copyset", 10)]
    [TestCase("rack-aware", null)]
    public void ExpectedLostChunksIsChunksTimesCFROverCNRForEveryPlacement(string placement, int? scatterWidth)
    {
        // A chunk's R replicas are on R distinct nodes, and a uniform F-subset holds a given R-set with probability
        // C(N−R, F−R)/C(N, F) = C(F, R)/C(N, R), whoever chose the set: E[lost] = chunks · C(F, R)/C(N, R).
        const int n = 120, r = 3, f = 30;
        var spec = new SimultaneousSpec
        {
            Nodes = n, Replicas = r, Placement = placement, ScatterWidth = scatterWidth, Racks = 6, ChunksPerNode = 30,
            Failed = f.ToString(System.Globalization.CultureInfo.InvariantCulture), Trials = 4000,
        };
        double chunks = n * 30 / r;
        double closedForm = chunks * (30.0 * 29 * 28) / (120.0 * 119 * 118);
        var result = SimultaneousAnalysis.Run(spec, seed: 2, threads: 2);
        Assert.That(result.Find("expected_lost_chunks", "exact")!.Estimate, Is.EqualTo(closedForm).Within(1e-9).Percent);
        var mc = result.Find("expected_lost_chunks", "monte_carlo")!;
        Assert.That(closedForm, Is.InRange(mc.CiLow, mc.CiHigh), $"{placement}: Monte Carlo {mc.Estimate} [{mc.CiLow}, {mc.CiHigh}]");
    }

    [TestCase(3, 0.1)]
    [TestCase(4, 0.4)]
    public void TwoDisjointCopysetsOfSixNodesAreLostAsCountedByHand(int failed, double expected)
    {
        // N = 6, R = 3, S = 2: one permutation cut into two copysets. F = 3 loses data only if the failed set is one of
        // them: 2 of C(6,3) = 20 sets. F = 4 loses data if it holds one: 3 of the C(6,4) = 15 sets for each, never both.
        var spec = new SimultaneousSpec
        {
            Nodes = 6, Replicas = 3, Placement = "copyset", ScatterWidth = 2, ChunksPerNode = 200,
            Failed = failed.ToString(System.Globalization.CultureInfo.InvariantCulture), Trials = 4000,
        };
        var result = SimultaneousAnalysis.Run(spec, seed: 1, threads: 1);
        Assert.That(result.Find("p_loss", "exact")!.Estimate, Is.EqualTo(expected).Within(1e-12));
        var mc = result.Find("p_loss", "monte_carlo")!;
        Assert.That(expected, Is.InRange(mc.CiLow, mc.CiHigh));
    }

    [Test]
    public void CopysetLossWithOnePermutationIsTheInclusionExclusionSum()
    {
        // G = N/R disjoint copysets: P(some copyset inside the failed set) = Σ_k (−1)^(k+1) C(G,k) C(N−kR, F−kR)/C(N,F).
        const int n = 300, r = 3, f = 45;
        var spec = new SimultaneousSpec { Nodes = n, Replicas = r, Placement = "copyset", ScatterWidth = 2, ChunksPerNode = 60, Failed = "15%", Trials = 5000 };
        int g = n / r;
        double sum = 0;
        for (int k = 1; k * r <= f; k++)
            sum += (k % 2 == 1 ? 1 : -1) * Math.Exp(LnC(g, k) + LnC(n - k * r, f - k * r) - LnC(n, f));
        var result = SimultaneousAnalysis.Run(spec, seed: 3, threads: 2);
        Assert.That(result.Find("p_loss", "exact")!.Estimate, Is.EqualTo(sum).Within(1e-8).Percent);
        var mc = result.Find("p_loss", "monte_carlo")!;
        Assert.That(sum, Is.InRange(mc.CiLow, mc.CiHigh));
        Assert.That(sum, Is.InRange(0.05, 0.95), "the check has room to fail");
    }

    [Test]
    public void RandomPlacementLosesDataAsIndependentChunksDo()
    {
        // Each chunk an independent uniform R-set: P(no chunk lost) = (1 − C(F,R)/C(N,R))^chunks.
        const int n = 400, r = 3, perNode = 30;
        var spec = new SimultaneousSpec { Nodes = n, Replicas = r, Placement = "random", ChunksPerNode = perNode, Failed = "5%", Trials = 4000 };
        double h = (20.0 * 19 * 18) / (400.0 * 399 * 398), chunks = n * perNode / r;
        double expected = 1 - Math.Pow(1 - h, chunks);
        var result = SimultaneousAnalysis.Run(spec, seed: 4, threads: 2);
        Assert.That(result.Find("p_loss", "exact")!.Estimate, Is.EqualTo(expected).Within(1e-9).Percent);
        var mc = result.Find("p_loss", "monte_carlo")!;
        Assert.That(expected, Is.InRange(mc.CiLow, mc.CiHigh));
        Assert.That(expected, Is.InRange(0.05, 0.95));
    }

    [Test]
    public void RackAwareChunksSurviveFewerFailedRacksThanReplicasAndFollowCFROverCKR()
    {
        // Rack-aware: every chunk on R distinct racks; f failed racks of K hold them all with probability C(f,R)/C(K,R).
        var spec = new SimultaneousSpec { Nodes = 60, Replicas = 3, Placement = "rack-aware", Racks = 6, ChunksPerNode = 10, FailedRacks = 3, Trials = 2000 };
        var result = SimultaneousAnalysis.Run(spec, seed: 5, threads: 2);
        double chunks = 60 * 10 / 3, expected = chunks * 1.0 / 20; // C(3,3)/C(6,3)
        Assert.That(result.Find("expected_lost_chunks", "exact")!.Estimate, Is.EqualTo(expected).Within(1e-9).Percent);
        var mc = result.Find("expected_lost_chunks", "monte_carlo")!;
        Assert.That(expected, Is.InRange(mc.CiLow, mc.CiHigh));
        var two = SimultaneousAnalysis.Run(spec with { FailedRacks = 2 }, seed: 5, threads: 2);
        Assert.That(two.Find("p_loss", "monte_carlo")!.Estimate, Is.Zero);
    }

    [Test]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        var spec = new SimultaneousSpec { Nodes = 200, Replicas = 3, Placement = "scatter", ScatterWidth = 8, ChunksPerNode = 30, Failed = "10%", Trials = 1000 };
        var one = SimultaneousAnalysis.Run(spec, seed: 6, threads: 1);
        var two = SimultaneousAnalysis.Run(spec, seed: 6, threads: 2);
        Assert.That(two.Rows, Is.EqualTo(one.Rows));
        Assert.That(two.LostHistogram, Is.EqualTo(one.LostHistogram));
    }

    private static double LnC(int n, int k) => MathNet.Numerics.SpecialFunctions.BinomialLn(n, k);
}
