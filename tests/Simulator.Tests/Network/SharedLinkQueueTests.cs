using NUnit.Framework;
using Simulator.Engine;
using Simulator.Network;

namespace Simulator.Tests.Network;

/// <summary>
/// The fast path of the flow network: a component whose one binding link is shared equally runs as a shared link
/// queue (processor sharing with a virtual clock). Checked against the brute-force fluid
/// (<see cref="ReferenceFluid"/>), against the max-min path itself, and for its cost: flows re-rated per event.
/// </summary>
public sealed class SharedLinkQueueTests
{
    private const double Mbps = 1e6;
    private const double Mbit = 125_000;

    [Test]
    public void EqualFlowsOnOneBindingLinkGetTheHandComputedCompletionTimes()
    {
        // 10 Mbps. At 0 s, a (10 Mbit) and b (30 Mbit): 5 Mbps each; at 1 s, c (5 Mbit) joins: 10/3 each. a has 5 left
        // and c 5: both complete at 1 + 5/(10/3) = 2.5 s, told in start order. b has 30 − 5 − 5 = 20 left, alone:
        // 2 s more, done at 4.5 s.
        var sim = new Simulation();
        var net = new FlowNetwork(sim);
        var rec = new FlowRecorder(sim);
        int link = net.AddLink(10 * Mbps);
        var a = net.Start(rec, 1, 10 * Mbit, [link]);
        var b = net.Start(rec, 2, 30 * Mbit, [link]);
        Assert.That(net.SharedQueuesFormed, Is.EqualTo(1), "the first flow's component is a queue; the second joins it");
        Assert.That(net.SharedQueueJoins, Is.EqualTo(1));
        sim.RunUntil(SimTime.FromSeconds(1));
        var c = net.Start(rec, 3, 5 * Mbit, [link]);
        Assert.That(new[] { a, b, c }.Select(net.RateBps), Is.All.EqualTo(10.0 / 3 * Mbps));
        Assert.That(net.RemainingBytes(b), Is.EqualTo(25 * Mbit).Within(1e-6));
        Assert.That(net.LinkFlowRateBps(link), Is.EqualTo(10 * Mbps).Within(1e-6));
        Assert.That(net.TotalRateBps, Is.EqualTo(10 * Mbps).Within(1e-6));
        Assert.That(net.BytesRemaining, Is.EqualTo((5 + 25 + 5) * Mbit).Within(1e-6));
        sim.RunUntil(SimTime.FromSeconds(3));
        Assert.That(net.RemainingBytes(b), Is.EqualTo(15 * Mbit).Within(1e-6), "20 Mbit at 2.5 s, 5 sent since");
        sim.Run();
        Assert.That(rec.Done, Is.EqualTo(new (long, long)[] { (1, 2_500_000), (3, 2_500_000), (2, 4_500_000) }));
        Assert.That(net.SharedQueuesDissolved, Is.Zero);
        Assert.That(net.LinkFlowRateBps(link), Is.Zero);
    }

    [Test]
    public void AFlowCappedBelowTheShareOrCouplingAnotherLinkSendsTheQueueBackToTheMaxMinPath()
    {
        var sim = new Simulation();
        var net = new FlowNetwork(sim);
        var rec = new FlowRecorder(sim);
        int main = net.AddLink(12 * Mbps), other = net.AddLink(2 * Mbps);
        var equal = Enumerable.Range(0, 3).Select(i => net.Start(rec, i, 100 * Mbit, [main], 8 * Mbps)).ToList();
        Assert.That(equal.Select(net.RateBps), Is.All.EqualTo(4 * Mbps));
        Assert.That(net.SharedQueuesFormed, Is.EqualTo(1));

        // Capped at 1 Mbps, below the share of 3: max-min gives it 1, and the others (12 − 1)/3 each.
        var slow = net.Start(rec, 10, 100 * Mbit, [main], 1 * Mbps);
        Assert.That(net.SharedQueuesDissolved, Is.EqualTo(1));
        Assert.That(net.RateBps(slow), Is.EqualTo(1 * Mbps));
        Assert.That(equal.Select(net.RateBps), Is.All.EqualTo(11.0 / 3 * Mbps).Within(1e-6));
        net.Cancel(slow); // simple again: formed anew
        Assert.That(net.SharedQueuesFormed, Is.EqualTo(2));
        Assert.That(equal.Select(net.RateBps), Is.All.EqualTo(4 * Mbps));

        // A flow over the main link and a 2 Mbps link it saturates alone: bottlenecked elsewhere, not equal.
        var across = net.Start(rec, 11, 100 * Mbit, [main, other]);
        Assert.That(net.SharedQueuesDissolved, Is.EqualTo(2));
        Assert.That(net.RateBps(across), Is.EqualTo(2 * Mbps).Within(1e-6));
        Assert.That(equal.Select(net.RateBps), Is.All.EqualTo(10.0 / 3 * Mbps).Within(1e-6));
        // The other link doubled: 4 Mbps for the crossing flow is the equal share of 12 over 3 + 1: a queue again,
        // with the 4 Mbps link as a side link exactly at the share.
        net.SetLinkCapacity(other, 4 * Mbps);
        Assert.That(new[] { equal[0], equal[1], equal[2], across }.Select(net.RateBps), Is.All.EqualTo(3 * Mbps).Within(1e-6));
        Assert.That(net.LinkFlowRateBps(other), Is.EqualTo(3 * Mbps).Within(1e-6));
        sim.Run();
        Assert.That(rec.Done, Has.Count.EqualTo(4));
        Assert.That(net.ActiveFlows, Is.Zero);
    }

    [Test]
    public void FiveThousandEqualCopiesOverOneBindingLinkRateOneFlowPerStart([Values] bool uncapped)
    {
        // Copies of 8 Gbit and a little more, each 1 ms after the last, through a 10 Gbps link: it binds from the
        // 13th copy at 800 Mbps (or the first, uncapped), and all 5,000 share it until fewer than 13 are left. Each
        // start and each completion re-rates no other copy: the flows rated stay proportional to the events, where
        // the max-min path would re-rate every copy in flight at each of them (about 25 million).
        const int copies = 5_000;
        var sim = new Simulation();
        var net = new FlowNetwork(sim);
        var rec = new FlowRecorder(sim);
        int link = net.AddLink(10_000 * Mbps);
        double cap = uncapped ? double.PositiveInfinity : 800 * Mbps;
        var started = new List<FlowId>();
        for (int i = 0; i < copies; i++)
        {
            int copy = i;
            sim.Schedule(SimTime.FromSeconds(0.001 * i), () => started.Add(net.Start(rec, copy, 1e9 + 1e5 * copy, [link], cap)));
        }
        sim.RunUntil(SimTime.FromSeconds(10));
        Assert.That(net.ActiveFlows, Is.EqualTo(copies));
        Assert.That(net.LinkFlowRateBps(link), Is.EqualTo(10_000 * Mbps).Within(1e-3));
        Assert.That(net.RateBps(started[0]), Is.EqualTo(2 * Mbps).Within(1e-6), "10 Gbps over 5,000");
        sim.Run();

        long events = 2 * copies;
        Assert.That(rec.Done.Select(d => d.Token), Is.EqualTo(Enumerable.Range(0, copies).Select(i => (long)i)), "first in, first out");
        Assert.That(net.SharedQueueJoins, Is.GreaterThan(copies - 20), "nearly every copy joined the queue");
        Assert.That(net.SharedQueuesDissolved, Is.LessThanOrEqualTo(1), "once, when the link has room for all again");
        Assert.That(net.RecomputedFlows, Is.LessThan(3 * events), $"{net.RecomputedFlows} flows rated over {events} starts and completions");
        Assert.That(net.Recomputations, Is.LessThan(3 * events));
    }

    [Test]
    public void RandomSharedLinkRunsFollowTheReferenceFluid([Range(0, 79)] int seed)
    {
        var run = new SharedRun(seed, sharedLinkQueues: true, withReference: true, restartOnCompletion: false);
        run.Play();
        Assert.That(run.RateChecks, Is.GreaterThan(0));
        var reference = run.Reference!;
        Assert.That(run.Rec.Done.Select(d => d.Token).Order(), Is.EqualTo(reference.Done.Keys.Order()), "the same flows completed");
        // Each completion is rounded to its tick, and each rounding moves what the flows still running have sent by
        // a fraction of a tick's worth: over a run of dozens of changes a flow drifts by a few ticks from the exact
        // fluid, on the max-min path as much (TheQueueAgreesWithTheMaxMinPathToATick).
        foreach (var (token, ticks) in run.Rec.Done)
        {
            double expected = reference.Done[token];
            Assert.That(ticks / 1e6, Is.EqualTo(expected).Within(5e-6 + 1e-9 * expected), $"completion of flow {token}");
        }
    }

    [Test]
    public void RandomSharedLinkRunsSwitchBetweenTheQueueAndTheMaxMinPath()
    {
        // Over the seeds of the reference test, flows join queues, queues dissolve and form again: every move
        // between the two paths is exercised.
        long formed = 0, dissolved = 0, joined = 0;
        for (int seed = 0; seed < 80; seed++)
        {
            var run = new SharedRun(seed, sharedLinkQueues: true, withReference: false, restartOnCompletion: false);
            run.Play();
            formed += run.Net.SharedQueuesFormed;
            dissolved += run.Net.SharedQueuesDissolved;
            joined += run.Net.SharedQueueJoins;
        }
        Assert.That(joined, Is.GreaterThan(300));
        Assert.That(dissolved, Is.GreaterThan(200));
        Assert.That(formed, Is.GreaterThan(dissolved));
    }

    [Test]
    public void TheQueueAgreesWithTheMaxMinPathToATick([Range(0, 39)] int seed)
    {
        // Flows started from completions too (changes batched at one instant). The two paths compute the same rates;
        // the remaining bits are tracked differently (a virtual clock, a running difference per flow), so a
        // completion may round to the next tick, and what follows it move by as much.
        var fast = new SharedRun(seed, sharedLinkQueues: true, withReference: false, restartOnCompletion: true);
        var slow = new SharedRun(seed, sharedLinkQueues: false, withReference: false, restartOnCompletion: true);
        fast.Play();
        slow.Play();
        Assert.That(slow.Net.SharedQueuesFormed, Is.Zero);
        Assert.That(fast.Rec.Done.Select(d => d.Token).Order(), Is.EqualTo(slow.Rec.Done.Select(d => d.Token).Order()));
        var slowTicks = slow.Rec.Done.ToDictionary(d => d.Token, d => d.Ticks);
        foreach (var (token, ticks) in fast.Rec.Done)
            Assert.That(ticks, Is.EqualTo(slowTicks[token]).Within(2), $"completion of flow {token}");
    }

    [Test]
    public void TheSameInputsGiveTheSameCompletionsToTheTick()
    {
        for (int seed = 0; seed < 5; seed++)
        {
            var first = new SharedRun(seed, sharedLinkQueues: true, withReference: false, restartOnCompletion: true);
            var second = new SharedRun(seed, sharedLinkQueues: true, withReference: false, restartOnCompletion: true);
            first.Play();
            second.Play();
            Assert.That(first.Rec.Done, Is.Not.Empty);
            Assert.That(second.Rec.Done, Is.EqualTo(first.Rec.Done));
        }
    }

    [Test]
    public void ChurningEqualCopiesThroughABindingLinkAllocateNothingPerEvent()
    {
        var sim = new Simulation();
        var net = new FlowNetwork(sim);
        var rng = new RandomStream(3);
        int core = net.AddLink(2e9);
        var nodes = Enumerable.Range(0, 40).Select(_ => net.AddLink(1e9)).ToArray();
        int budget = 0;
        var client = new FlowRecorder(sim);
        void Start(long token)
        {
            int src = rng.Next(nodes.Length), dst = (src + 1 + rng.Next(nodes.Length - 1)) % nodes.Length;
            net.Start(client, token, 1e6 + 1e7 * rng.NextDouble(), [core, nodes[src], nodes[dst]], 1e8);
        }
        client.Then = token =>
        {
            client.Done.Clear();
            Start(token);
            if (--budget == 0) sim.Stop();
        };
        for (int f = 0; f < 300; f++) Start(f);
        budget = 20_000;
        sim.Run();

        budget = 20_000;
        long events = sim.EventsProcessed, dissolved = net.SharedQueuesDissolved;
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        sim.Run();
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        events = sim.EventsProcessed - events;
        Assert.That(events, Is.GreaterThan(10_000));
        Assert.That(net.SharedQueuesDissolved, Is.EqualTo(dissolved), "300 copies at 100 Mbps over 2 Gbps: always one queue");
        Assert.That((double)bytes / events, Is.LessThan(0.5), $"{bytes} bytes over {events} events");
    }
}
