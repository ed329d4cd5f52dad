using NUnit.Framework;
using Simulator.Engine;
using Simulator.Faults.Kinds;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Tests.Support;
using Simulator.Units;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Faults;

public sealed class FailureBurstsTests
{
    // 240 nodes in 12 racks of 20 (4 power domains of 3 racks).
    private const int ClusterNodes = 240, NodesPerRack = 20;

    private static NodeFailuresFault Failures(double mttfDays, FailureBurstsSpec? bursts) => new()
    {
        At = Duration.Zero,
        Cluster = ClusterName,
        Mttf = Duration.FromDays(mttfDays),
        Repair = new DurationDistributionSpec { Median = Duration.FromHours(1) },
        Bursts = bursts,
    };

    private static FailureBurstsSpec Bursts(double sharePct, double meanSize, double sameRackPct, double windowS = 120) => new()
    {
        Share = Fraction.FromPercent(sharePct),
        MeanSize = meanSize,
        SameRack = Fraction.FromPercent(sameRackPct),
        Window = Duration.FromSeconds(windowS),
    };

    private static ClusterRig Rig(NodeFailuresFault failures, double horizonH, ulong seed = 1) =>
        new(Small(freeCapacityPct: 50, nodes: ClusterNodes, volumes: 2 * ClusterNodes, horizonH: horizonH, faults: [failures])
            .WithLayout(powerDomains: 4, racksPerPowerDomain: 3), seed);

    /// <summary>Every failure until <paramref name="horizonH"/>: its time (s) and node, read off the nodes' crash counts after each event.</summary>
    private static List<(double TimeS, int Node)> FailureLog(ClusterRig rig, double horizonH)
    {
        var c = rig.Cluster;
        var crashes = new int[c.NodeCount];
        int seen = 0;
        var log = new List<(double, int)>();
        var end = SimTime.FromHours(horizonH);
        while (true)
        {
            rig.Sim.RunUntil(() => c.NodesCrashed != seen || rig.Sim.Now > end);
            if (rig.Sim.Now > end || c.NodesCrashed == seen) break;
            for (int n = 0; n < c.NodeCount; n++)
                for (; crashes[n] < c.NodeCrashesOf(n); crashes[n]++) log.Add((rig.Sim.Now.TotalSeconds, n));
            seen = c.NodesCrashed;
        }
        return log;
    }

    /// <summary>Ford et al.'s bursts: failures less than <paramref name="windowS"/> apart chained, in time order.</summary>
    private static List<List<(double TimeS, int Node)>> Chains(List<(double TimeS, int Node)> log, double windowS)
    {
        var chains = new List<List<(double, int)>>();
        foreach (var failure in log)
        {
            if (chains.Count > 0 && failure.TimeS - chains[^1][^1].Item1 <= windowS) chains[^1].Add(failure);
            else chains.Add([failure]);
        }
        return chains;
    }

    [Test]
    public void TheShareOfFailuresInBurstsTheirRacksTheirSizeAndTheFailureRateAreAsConfigured()
    {
        // MTTF 200 d per node, every failure counted; repairs of 1 h; 240 nodes over 200,000 h, three seeds: about
        // 3 × 240 × 200,000 / (4,800 + 1) ≈ 30,000 failures. Bursts: 37 % of failures, mean size m = 3, 70 % in one rack.
        const double mttfDays = 200, horizonH = 200_000, share = 0.37, m = 3, sameRack = 0.7, windowS = 120;
        const int seeds = 3;
        var log = new List<(double TimeS, int Node)>();
        var chains = new List<List<(double TimeS, int Node)>>();
        ClusterRig? rig = null;
        for (ulong seed = 1; seed <= seeds; seed++)
        {
            rig = Rig(Failures(mttfDays, Bursts(share * 100, m, sameRack * 100, windowS)), horizonH, seed);
            var one = FailureLog(rig, horizonH);
            log.AddRange(one);
            chains.AddRange(Chains(one, windowS));
            Assert.That(() => rig.Cluster.CheckInvariants(), Throws.Nothing);
        }
        var bursts = chains.Where(ch => ch.Count >= 2).ToList();
        var domains = rig!.Cluster.Domains;

        // The model, derived here: an independent failure starts a burst with p = s / (s + m (1 − s)); a burst has
        // S = 1 + G nodes, G geometric on {1, 2, …} with q = 1 / (m − 1): E[S] = m, Var S = (1 − q) / q².
        double p = share / (share + m * (1 - share)), q = 1 / (m - 1);
        double varS = (1 - q) / (q * q), meanS2 = varS + m * m;
        double perChain = 1 + p * (m - 1), perChain2 = (1 - p) + p * meanS2; // E[Y], E[Y²] of a chain's size Y
        int n = chains.Count;

        // Independent failures less than the window apart chain by chance: at most 2 × rate × window of them.
        double clusterRatePerS = ClusterNodes / (mttfDays * 86_400);
        double chance = 2 * clusterRatePerS * windowS;

        // Share in bursts: a ratio of sums over chains, X = Y·1{Y ≥ 2} over Y; by the delta method its standard
        // error is sqrt(Var(X − s Y) / n) / E[Y], with Var(X − s Y) = p (1 − s)² E[S²] + (1 − p) s².
        double measuredShare = (double)bursts.Sum(b => b.Count) / log.Count;
        double seShare = Math.Sqrt((p * (1 - share) * (1 - share) * meanS2 + (1 - p) * share * share) / n) / perChain;
        TestContext.Out.WriteLine($"failures {log.Count}, chains {n}, bursts {bursts.Count}; share in bursts {measuredShare:F4} ± {seShare:F4} (configured {share})");
        Assert.That(measuredShare, Is.EqualTo(share).Within(4 * seShare + chance), "share of failures in bursts");

        // Mean burst size m, standard error sqrt(Var S / bursts).
        double meanSize = bursts.Average(b => b.Count);
        TestContext.Out.WriteLine($"mean burst size {meanSize:F3} (configured {m})");
        Assert.That(meanSize, Is.EqualTo(m).Within(4 * Math.Sqrt(varS / bursts.Count) + 0.05));

        // Confined to one rack: by design with probability r, else by chance — S − 1 nodes drawn among the other
        // 239 all in the first one's rack of 20: Π_{j<S−1} (19 − j) / (239 − j), averaged over S.
        double byChance = 0;
        for (int s = 2; s <= 60; s++)
        {
            double ps = q * Math.Pow(1 - q, s - 2), all = 1;
            for (int j = 0; j < s - 1; j++) all *= (double)(NodesPerRack - 1 - j) / (ClusterNodes - 1 - j);
            byChance += ps * Math.Max(all, 0);
        }
        double expectedConfined = sameRack + (1 - sameRack) * byChance;
        double confined = (double)bursts.Count(b => b.Select(f => domains.RackOf(f.Node)).Distinct().Count() == 1) / bursts.Count;
        double seConfined = Math.Sqrt(expectedConfined * (1 - expectedConfined) / bursts.Count);
        TestContext.Out.WriteLine($"bursts in one rack {confined:F4} ± {seConfined:F4} (expected {expectedConfined:F4})");
        Assert.That(confined, Is.EqualTo(expectedConfined).Within(4 * seConfined + chance));

        // The MTTF counts every failure: an up node fails at 1 / MTTF, bursts or not; with repairs a node fails once
        // per MTTF + repair. The count is a sum over n chains of sizes Y: standard deviation sqrt(n E[Y²]).
        double expectedFailures = seeds * ClusterNodes * horizonH / (mttfDays * 24 + 1);
        TestContext.Out.WriteLine($"failures {log.Count} (expected {expectedFailures:F0} ± {Math.Sqrt(n * perChain2):F0})");
        Assert.That(log.Count, Is.EqualTo(expectedFailures).Within(4 * Math.Sqrt(n * perChain2)), "failure rate 1 / MTTF, burst members included");
    }

    [Test]
    public void WithoutBurstsOrWithAShareOfZeroTheFailuresAreTheSameAndBurstsChangeThem()
    {
        // The bursts draw from a stream of their own and stretch no lifetime at share 0: the independent failures
        // are exactly those of a generator without bursts.
        const double horizonH = 20_000;
        var none = FailureLog(Rig(Failures(100, bursts: null), horizonH), horizonH);
        var zero = FailureLog(Rig(Failures(100, Bursts(0, 3, 50)), horizonH), horizonH);
        var some = FailureLog(Rig(Failures(100, Bursts(37, 3, 50)), horizonH), horizonH);
        Assert.That(none, Has.Count.GreaterThan(1000));
        Assert.That(zero, Is.EqualTo(none));
        Assert.That(some, Is.Not.EqualTo(none));
    }

    [TestCase(0.37, 2.0)]
    [TestCase(0.37, 3.0)]
    [TestCase(0.05, 10.0)]
    [TestCase(0.9, 2.5)]
    [TestCase(1.0, 4.0)]
    public void TheStartProbabilityGivesBackTheShareInBursts(double share, double meanSize)
    {
        // Per independent failure: a burst of m nodes with probability p, else one failure alone; the share in
        // bursts is p m / (p m + 1 − p).
        var spec = Bursts(share * 100, meanSize, 0);
        double p = spec.StartProbability;
        Assert.That(p, Is.InRange(0.0, 1.0));
        Assert.That(p * meanSize / (p * meanSize + 1 - p), Is.EqualTo(share).Within(1e-12));
        Assert.That(spec.FailuresPerIndependentFailure, Is.EqualTo(p * meanSize + 1 - p).Within(1e-12));
    }

    [TestCase(2.0)]
    [TestCase(5.0)]
    public void BurstSizesAreAtLeastTwoWithTheConfiguredMean(double meanSize)
    {
        var spec = Bursts(37, meanSize, 0);
        var stream = new RandomStreams(3, 0).Get("test");
        var sizes = Enumerable.Range(0, 20_000).Select(_ => spec.DrawSize(stream)).ToList();
        double q = 1 / (meanSize - 1), sd = Math.Sqrt((1 - q) / (q * q));
        Assert.That(sizes.Min(), Is.EqualTo(2));
        Assert.That(sizes.Average(), Is.EqualTo(meanSize).Within(4 * sd / Math.Sqrt(sizes.Count) + 1e-12));
    }

    [TestCase("share: 137%, mean_size: 3, same_rack: 50%", "faults[0].bursts.share: expected a fraction between 0% and 100%, found \"137%\"")]
    [TestCase("share: -5%, mean_size: 3, same_rack: 50%", "faults[0].bursts.share:")]
    [TestCase("share: 37%, mean_size: 3, same_rack: 50%, window: 0s", "faults[0].bursts.window: expected a positive duration, found \"0s\"")]
    [TestCase("share: 37%, mean_size: 3, same_rack: 50%, window: -2m", "faults[0].bursts.window:")]
    [TestCase("share: 37%, mean_size: 1.5, same_rack: 50%", "faults[0].bursts.mean_size:")]
    [TestCase("share: 37%, mean_size: 3, same_rack: 101%", "faults[0].bursts.same_rack:")]
    [TestCase("share: 37%, mean_size: 3", "same_rack")]
    public void BadBurstsAreRefusedWithTheirPlace(string bursts, string expected)
    {
        var errors = FaultYaml.Errors($"  - at: 0h\n    kind: node_failures\n    cluster: ebs-1a\n    mttf: 130d\n    repair: {{median: 1d}}\n    bursts: {{{bursts}}}\n");
        Assert.That(errors, Has.Some.Contains(expected), string.Join("\n", errors));
    }

    [Test]
    public void GoodBurstsLoadWithTheirWindowDefaultingTo120Seconds()
    {
        Assert.That(FaultYaml.Errors("  - at: 0h\n    kind: node_failures\n    cluster: ebs-1a\n    mttf: 130d\n    repair: {median: 1d}\n    bursts: {share: 37%, mean_size: 2, same_rack: 60%}\n"),
            Is.Empty);
        Assert.That(new FailureBurstsSpec { Share = Fraction.Zero, MeanSize = 2, SameRack = Fraction.Zero }.Window, Is.EqualTo(Duration.FromSeconds(120)));
    }
}
