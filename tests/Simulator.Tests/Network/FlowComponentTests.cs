using NUnit.Framework;
using Simulator.Engine;
using Simulator.Network;

namespace Simulator.Tests.Network;

/// <summary>A change re-rates only the connected component of links and flows it touches.</summary>
public sealed class FlowComponentTests
{
    private const double Mbps = 1e6;
    private const double Mbit = 125_000;

    [Test]
    public void AFlowStartingOnAnUnrelatedLinkRecomputesOnlyItsOwnComponent([Values] bool sharedLinkQueues)
    {
        // With shared link queues, a component whose one link is shared equally rates only the flow that joins it;
        // without, the max-min path re-rates the whole component. Either way, never another component.
        var sim = new Simulation();
        var net = new FlowNetwork(sim, sharedLinkQueues);
        var rec = new FlowRecorder(sim);
        int a = net.AddLink(30 * Mbps), b = net.AddLink(20 * Mbps), c = net.AddLink(10 * Mbps);
        var onA = Enumerable.Range(0, 3).Select(i => net.Start(rec, i, 300 * Mbit, [a])).ToList();
        var onB = Enumerable.Range(3, 2).Select(i => net.Start(rec, i, 400 * Mbit, [b])).ToList();
        int pendingBefore = sim.PendingCount;

        long before = net.RecomputedFlows;
        var third = net.Start(rec, 10, 400 * Mbit, [b]);
        Assert.That(net.RecomputedFlows - before, Is.EqualTo(sharedLinkQueues ? 1 : 3),
            "the two flows on B and the new one (or the new one alone, joining B's queue), not the three on A");
        Assert.That(sim.PendingCount, Is.EqualTo(pendingBefore), "B's completion event replaced, A's kept");

        before = net.RecomputedFlows;
        net.Start(rec, 11, 1 * Mbit, [c]);
        Assert.That(net.RecomputedFlows - before, Is.EqualTo(1));

        before = net.RecomputedFlows;
        net.SetLinkCapacity(c, 5 * Mbps);
        Assert.That(net.RecomputedFlows - before, Is.EqualTo(sharedLinkQueues ? 0 : 1),
            "a capacity change re-rates the link's component only (with a queue, only the queue's rate changes)");

        // A flow over A and B joins their components (and dissolves their queues): all 7 flows are re-rated.
        before = net.RecomputedFlows;
        var bridge = net.Start(rec, 12, 1 * Mbit, [a, b]);
        Assert.That(net.RecomputedFlows - before, Is.EqualTo(3 + 3 + 1));
        // B's level 20/4 = 5 is below A's 30/4: B's flows and the bridge get 5; A's three share the other 25.
        Assert.That(net.RateBps(onB[0]), Is.EqualTo(5 * Mbps).Within(1e-6));
        Assert.That(net.RateBps(bridge), Is.EqualTo(5 * Mbps).Within(1e-6));
        Assert.That(net.RateBps(onA[0]), Is.EqualTo(25.0 / 3 * Mbps).Within(1e-6));

        // The bridge completes (1 Mbit at 5 Mbps, 0.2 s): both halves are re-rated, each once; C untouched.
        before = net.RecomputedFlows;
        long recomputations = net.Recomputations;
        sim.RunUntil(SimTime.FromSeconds(0.21));
        Assert.That(rec.Done.Select(d => d.Token), Is.EqualTo(new long[] { 11, 12 }), "C's flow (1 Mbit at 5 Mbps) and the bridge, both at 0.2 s");
        Assert.That(net.RecomputedFlows - before, Is.EqualTo(0 + 6), "C emptied, then A's 3 and B's 3");
        Assert.That(net.Recomputations - recomputations, Is.EqualTo(2), "A's and B's; C, empty, has nothing to rate");
        Assert.That(net.RateBps(onA[0]), Is.EqualTo(10 * Mbps).Within(1e-6));
        Assert.That(net.RateBps(third), Is.EqualTo(20.0 / 3 * Mbps).Within(1e-6));
    }

    [Test]
    public void ACompletionLeavesTheRatesAndEventsOfOtherComponentsAlone()
    {
        var sim = new Simulation();
        var net = new FlowNetwork(sim);
        var rec = new FlowRecorder(sim);
        int a = net.AddLink(10 * Mbps), b = net.AddLink(10 * Mbps);
        net.Start(rec, 1, 10 * Mbit, [a]);      // 1 s
        var slow = net.Start(rec, 2, 40 * Mbit, [b]); // 4 s
        net.Start(rec, 3, 20 * Mbit, [b]);      // shares b: 5 Mbps each until 4 s
        long before = net.RecomputedFlows;
        sim.RunUntil(SimTime.FromSeconds(2));
        Assert.That(rec.Done.Select(d => d.Token), Is.EqualTo(new long[] { 1 }));
        Assert.That(net.RecomputedFlows - before, Is.Zero, "A's component emptied: no flow of B re-rated");
        sim.Run();
        // b: both at 5 until flow 3 is done at 4 s (20 Mbit); flow 2 has 20 left, alone at 10: done at 6 s.
        Assert.That(rec.Done.Select(d => (d.Token, d.Ticks)), Is.EqualTo(new (long, long)[] { (1, 1_000_000), (3, 4_000_000), (2, 6_000_000) }));
        Assert.That(net.IsActive(slow), Is.False);
    }

    [Test]
    public void CappedFlowsOnALinkWithRoomForThemAllAreNotCoupled()
    {
        // A cluster network every copy crosses, with room for all of them at their caps: starting or ending one
        // re-rates that flow alone, however many others cross the link.
        var sim = new Simulation();
        var net = new FlowNetwork(sim);
        var rec = new FlowRecorder(sim);
        int shared = net.AddLink(1000 * Mbps);
        var flows = Enumerable.Range(0, 100).Select(i => net.Start(rec, i, (10 + i) * Mbit, [shared], 5 * Mbps)).ToList();
        Assert.That(net.RecomputedFlows, Is.EqualTo(100), "each flow rated once, when it started");
        Assert.That(flows.Select(net.RateBps), Is.All.EqualTo(5 * Mbps));
        Assert.That(net.LinkFlowRateBps(shared), Is.EqualTo(500 * Mbps).Within(1e-6));
        long before = net.RecomputedFlows;
        sim.RunUntil(SimTime.FromSeconds(2.5)); // flows 0 (10 Mbit) … 2 (12 Mbit) done at 2, 2.2, 2.4 s
        Assert.That(rec.Done.Select(d => (d.Token, d.Ticks)), Is.EqualTo(new (long, long)[] { (0, 2_000_000), (1, 2_200_000), (2, 2_400_000) }));
        Assert.That(net.RecomputedFlows - before, Is.Zero, "completions on a slack link re-rate nobody");

        // The link is cut to 300 Mbps: now it binds, and the 97 flows left share it (300/97 each, under the cap).
        before = net.RecomputedFlows;
        net.SetLinkCapacity(shared, 300 * Mbps);
        Assert.That(net.RecomputedFlows - before, Is.EqualTo(97));
        Assert.That(net.RateBps(flows[50]), Is.EqualTo(300.0 / 97 * Mbps).Within(1e-6));
        Assert.That(net.LinkFlowRateBps(shared), Is.EqualTo(300 * Mbps).Within(1e-3));

        // Restored: every flow free again at its cap, finishing where its remaining bits say.
        double left = net.RemainingBytes(flows[50]);
        net.SetLinkCapacity(shared, 1000 * Mbps);
        Assert.That(net.RateBps(flows[50]), Is.EqualTo(5 * Mbps));
        long finish = sim.Now.Ticks + (long)Math.Round(left * 8 / (5 * Mbps) * Duration.TicksPerSecond);
        sim.Run();
        Assert.That(rec.Done.Single(d => d.Token == 50).Ticks, Is.EqualTo(finish).Within(1));
        Assert.That(net.LinkFlowRateBps(shared), Is.Zero);
    }

    [Test]
    public void AFlowThatFillsASlackLinkCouplesTheFlowsAlreadyOnIt()
    {
        var sim = new Simulation();
        var net = new FlowNetwork(sim);
        var rec = new FlowRecorder(sim);
        int shared = net.AddLink(10 * Mbps);
        var a = net.Start(rec, 1, 100 * Mbit, [shared], 4 * Mbps);
        var b = net.Start(rec, 2, 100 * Mbit, [shared], 4 * Mbps);
        Assert.That(net.RateBps(a) + net.RateBps(b), Is.EqualTo(8 * Mbps));
        var c = net.Start(rec, 3, 100 * Mbit, [shared], 4 * Mbps); // 12 > 10: the link binds, 10/3 each
        Assert.That(new[] { a, b, c }.Select(net.RateBps), Is.All.EqualTo(10.0 / 3 * Mbps).Within(1e-9));
        net.Cancel(c); // room again: both back at their caps, with their own completions
        Assert.That(new[] { a, b }.Select(net.RateBps), Is.All.EqualTo(4 * Mbps));
        sim.Run();
        Assert.That(rec.Done.Select(d => d.Token), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(rec.Done[0].Ticks, Is.EqualTo(rec.Done[1].Ticks), "same bytes, same rates all along");
        Assert.That(rec.Done[0].Ticks, Is.EqualTo(25_000_000), "100 Mbit at 4 Mbps: 25 s (no time passed while coupled)");
    }
}
