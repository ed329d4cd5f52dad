using NUnit.Framework;
using Simulator.Engine;
using Simulator.Network;

namespace Simulator.Tests.Network;

/// <summary>
/// Random small networks against the definition of max-min fairness and against brute-force oracles
/// (<see cref="ReferenceMaxMin"/> for one allocation, <see cref="ReferenceFluid"/> over time).
/// </summary>
public sealed class FlowPropertyTests
{
    private const double Mbps = 1e6;
    private const double Mbit = 125_000;
    private static readonly double[] Capacities = [0, 1, 2, 3, 5, 10, 10, 20];
    private static readonly double[] Caps = [0.5, 1, 2, 4];

    private static double Capacity(System.Random rng) =>
        (rng.Next(3) == 0 ? 20 * rng.NextDouble() : Capacities[rng.Next(Capacities.Length)]) * Mbps;

    private static double Cap(System.Random rng) => rng.Next(2) == 0 ? double.PositiveInfinity
        : (rng.Next(2) == 0 ? 5 * rng.NextDouble() + 0.1 : Caps[rng.Next(Caps.Length)]) * Mbps;

    private static int[] Path(System.Random rng, int links) =>
        Enumerable.Range(0, links).OrderBy(_ => rng.Next()).Take(1 + rng.Next(Math.Min(3, links))).ToArray();

    [Test]
    public void RandomAllocationsAreFeasibleBottleneckedAndTheReferences([Range(0, 299)] int seed)
    {
        var rng = new System.Random(seed);
        var sim = new Simulation();
        var net = new FlowNetwork(sim);
        var rec = new FlowRecorder(sim);
        int nLinks = 1 + rng.Next(7);
        var available = new List<double>();
        for (int l = 0; l < nLinks; l++)
        {
            double capacity = Capacity(rng), background = rng.Next(4) == 0 ? rng.NextDouble() * capacity : 0;
            double share = rng.Next(4) == 0 ? rng.NextDouble() : 1;
            net.AddLink(capacity, background, share);
            available.Add(Math.Max(0, Math.Min(capacity - background, share * capacity)));
        }
        int nFlows = 1 + rng.Next(12);
        var paths = new List<int[]>();
        var caps = new List<double>();
        var ids = new List<FlowId>();
        for (int f = 0; f < nFlows; f++)
        {
            paths.Add(Path(rng, nLinks));
            caps.Add(Cap(rng));
            ids.Add(net.Start(rec, f, 1 * Mbit, paths[f], caps[f]));
        }
        var rates = ids.Select(net.RateBps).ToArray();
        double tol = 1e-9 * Mbps;

        for (int l = 0; l < nLinks; l++)
        {
            double sum = Enumerable.Range(0, nFlows).Where(f => paths[f].Contains(l)).Sum(f => rates[f]);
            Assert.That(sum, Is.LessThanOrEqualTo(available[l] + tol), $"link {l} over what it has");
            Assert.That(net.LinkFlowRateBps(l), Is.EqualTo(sum).Within(tol), $"link {l}'s flow rate");
        }
        for (int f = 0; f < nFlows; f++)
        {
            bool atCap = rates[f] >= caps[f] - tol;
            bool bottlenecked = paths[f].Any(l =>
                Enumerable.Range(0, nFlows).Where(g => paths[g].Contains(l)).Sum(g => rates[g]) >= available[l] - tol
                && Enumerable.Range(0, nFlows).Where(g => paths[g].Contains(l)).All(g => rates[g] <= rates[f] + tol));
            Assert.That(atCap || bottlenecked, Is.True, $"flow {f} at {rates[f]} bps is neither at its cap nor bottlenecked");
            Assert.That(rates[f], Is.LessThanOrEqualTo(caps[f] + tol));
        }
        Assert.That(rates, Is.EqualTo(ReferenceMaxMin.Rates(available, paths, caps)).Within(tol), "the brute-force rates");
    }

    [Test]
    public void RandomStartsCancelsAndCapacityChangesFollowTheReferenceFluid([Range(0, 59)] int seed, [Values] bool cappedOnly)
    {
        // Capped flows only: links often have room for every flow at its cap (slack, coupling nobody) and go in and
        // out of binding as flows come and go and capacities change.
        var (done, reference, rateChecks, _) = RunRandom(seed, withReference: true, cappedOnly);
        Assert.That(rateChecks, Is.GreaterThan(0));
        Assert.That(done.Select(d => d.Token).Order(), Is.EqualTo(reference!.Done.Keys.Order()), "the same flows completed");
        foreach (var (token, ticks) in done)
        {
            double expected = reference.Done[token];
            Assert.That(ticks / 1e6, Is.EqualTo(expected).Within(2e-6 + 1e-9 * expected), $"completion of flow {token}");
        }
    }

    [Test]
    public void TheSameInputsGiveTheSameCompletionsToTheTick()
    {
        for (int seed = 0; seed < 5; seed++)
        {
            var first = RunRandom(seed, withReference: false).Done;
            var second = RunRandom(seed, withReference: false).Done;
            Assert.That(first, Is.Not.Empty);
            Assert.That(second, Is.EqualTo(first));
        }
    }

    [Test]
    public void TheRandomRunsGoThroughSharedLinkQueuesAndBack()
    {
        // The runs above form shared link queues (a component whose one binding link is shared equally, often a
        // single flow), start flows into them and dissolve them back into the max-min path.
        long formed = 0, joined = 0, dissolved = 0;
        for (int seed = 0; seed < 60; seed++)
            foreach (bool cappedOnly in new[] { false, true })
            {
                var net = RunRandom(seed, withReference: false, cappedOnly).Net;
                formed += net.SharedQueuesFormed;
                joined += net.SharedQueueJoins;
                dissolved += net.SharedQueuesDissolved;
            }
        Assert.That(formed, Is.GreaterThan(300));
        Assert.That(joined, Is.GreaterThan(200));
        Assert.That(dissolved, Is.GreaterThan(200));
    }

    /// <summary>Random operations at random ticks; with the reference, every flow's rate is compared after each.</summary>
    private static (List<(long Token, long Ticks)> Done, ReferenceFluid? Reference, int RateChecks, FlowNetwork Net) RunRandom(int seed,
        bool withReference, bool cappedOnly = false)
    {
        var rng = new System.Random(1000 + seed);
        var sim = new Simulation();
        var net = new FlowNetwork(sim);
        var rec = new FlowRecorder(sim);
        ReferenceFluid? reference = withReference ? new ReferenceFluid() : null;
        int nLinks = 2 + rng.Next(5);
        var links = new List<(double Capacity, double Background)>();
        for (int l = 0; l < nLinks; l++)
        {
            double capacity = (1 + 19 * rng.NextDouble()) * Mbps;
            links.Add((capacity, 0));
            net.AddLink(capacity);
            reference?.AddLink(capacity);
        }
        var flows = new Dictionary<long, FlowId>();
        long ticks = 0, nextToken = 0;
        int checks = 0;
        for (int op = 0; op < 40; op++)
        {
            ticks += 1 + (long)(rng.NextDouble() * 1e6);
            sim.RunUntil(new SimTime(ticks));
            reference?.AdvanceTo(ticks / 1e6);
            int kind = rng.Next(20);
            if (kind < 12)
            {
                int[] path = Path(rng, nLinks);
                double bytes = (0.1 + 10 * rng.NextDouble()) * Mbit, cap = Cap(rng);
                if (cappedOnly && double.IsPositiveInfinity(cap)) cap = (0.1 + 5 * rng.NextDouble()) * Mbps;
                flows[nextToken] = net.Start(rec, nextToken, bytes, path, cap);
                reference?.Start(nextToken, bytes, path, cap);
                nextToken++;
            }
            else if (kind < 15)
            {
                var active = flows.Where(f => net.IsActive(f.Value)).Select(f => f.Key).Order().ToList();
                if (active.Count == 0) continue;
                long token = active[rng.Next(active.Count)];
                net.Cancel(flows[token]);
                reference?.Cancel(token);
            }
            else
            {
                int l = rng.Next(nLinks);
                var (capacity, background) = links[l];
                if (kind < 18) capacity = rng.Next(3) == 0 ? 0 : (1 + 19 * rng.NextDouble()) * Mbps;
                else background = rng.NextDouble() * capacity;
                links[l] = (capacity, background);
                net.SetLinkCapacity(l, capacity);
                net.SetLinkBackground(l, background);
                reference?.SetLink(l, capacity, background, 1);
            }
            if (reference is null) continue;
            Assert.That(reference.ActiveTokens.Order(), Is.EqualTo(flows.Where(f => net.IsActive(f.Value)).Select(f => f.Key).Order()), $"active flows at {ticks} µs");
            var rates = reference.Rates().ToList();
            foreach (var (token, rate) in rates)
            {
                Assert.That(net.RateBps(flows[token]), Is.EqualTo(rate).Within(1e-9 * Mbps), $"rate of flow {token} at {ticks} µs");
                checks++;
            }
            double total = rates.Sum(r => r.Value);
            double onLinks = Enumerable.Range(0, nLinks).Sum(net.LinkFlowRateBps);
            Assert.That(net.TotalRateBps, Is.EqualTo(total).Within(1e-6 * Mbps), $"total rate at {ticks} µs");
            Assert.That(onLinks, Is.GreaterThanOrEqualTo(total - 1e-6 * Mbps), "every flow counted on its links");
        }
        // Restore every link so that every flow completes.
        for (int l = 0; l < nLinks; l++)
        {
            net.SetLinkCapacity(l, 10 * Mbps);
            net.SetLinkBackground(l, 0);
            reference?.SetLink(l, 10 * Mbps, 0, 1);
        }
        sim.Run();
        reference?.AdvanceTo(1e9);
        Assert.That(net.ActiveFlows, Is.Zero);
        Assert.That(net.BytesRemaining, Is.Zero);
        return (rec.Done, reference, checks, net);
    }
}
