using NUnit.Framework;
using Simulator.Engine;
using Simulator.Network;

namespace Simulator.Tests.Network;

/// <summary>Flows sharing links max-min fairly: rates and completion times worked out by hand.</summary>
public sealed class FlowNetworkTests
{
    private const double Mbps = 1e6;
    private const double Mbit = 125_000; // bytes
    private const long Second = Duration.TicksPerSecond;

    private static (Simulation Sim, FlowNetwork Net, FlowRecorder Rec) Rig()
    {
        var sim = new Simulation();
        return (sim, new FlowNetwork(sim), new FlowRecorder(sim));
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(100)]
    public void KEqualFlowsOverOneBottleneckTakeExactlyKTimesAsLongAsOneAlone(int k)
    {
        var (sim, net, rec) = Rig();
        int link = net.AddLink(8 * Mbps);
        net.Start(rec, -1, 1_000_000, [link]); // 8 Mbit at 8 Mbps: 1 s alone
        sim.Run();
        long alone = rec.TicksOf(-1);
        Assert.That(alone, Is.EqualTo(Second));

        long start = sim.Now.Ticks;
        var ids = Enumerable.Range(0, k).Select(i => net.Start(rec, i, 1_000_000, [link])).ToList();
        Assert.That(net.RateBps(ids[0]), Is.EqualTo(8 * Mbps / k).Within(1e-9 * Mbps));
        sim.Run();

        Assert.That(rec.Done.Skip(1).Select(d => d.Ticks - start), Is.All.EqualTo(k * alone));
        Assert.That(rec.Done.Skip(1).Select(d => d.Token), Is.EqualTo(Enumerable.Range(0, k).Select(i => (long)i)), "ties in start order");
        Assert.That(net.ActiveFlows, Is.Zero);
    }

    [Test]
    public void ThreeLinksWithACappedFlowGetTheirHandComputedMaxMinRatesAndCompletionTimes()
    {
        // Links A 10, B 4, C 10 Mbps. f1 over A,B (8 Mbit); f2 over B,C (10 Mbit); f3 over A (16 Mbit);
        // f4 over C (15 Mbit), capped at 3 Mbps.
        // 0 s, progressive filling: levels B 4/2 = 2, A 10/2 = 5, C 10/2 = 5, cap 3. At 2, B saturates: f1 = f2 = 2.
        //   Then A (10 − 2)/1 = 8, C (10 − 2)/1 = 8, cap 3: f4 = 3 at its cap; then A: f3 = 8.
        //   A carries 10 (full), B 4 (full), C 5. f3 completes first: 16/8 = 2 s.
        // 2 s: f1 has 8 − 4 = 4 left, f2 10 − 4 = 6, f4 15 − 6 = 9. Without f3: B 4/2 = 2 still the lowest level
        //   (A 10/1, C 10/2, cap 3): f1 = f2 = 2, f4 = 3. f1 completes at 2 + 4/2 = 4 s.
        // 4 s: f2 has 6 − 4 = 2 left, f4 9 − 6 = 3. Levels B 4/1 = 4, C 10/2 = 5, cap 3: f4 = 3 first;
        //   then B 4 against C (10 − 3)/1 = 7: f2 = 4. f2 completes at 4 + 2/4 = 4.5 s.
        // 4.5 s: f4 has 3 − 1.5 = 1.5 left, alone on C at its cap 3: completes at 4.5 + 0.5 = 5 s.
        var (sim, net, rec) = Rig();
        int a = net.AddLink(10 * Mbps), b = net.AddLink(4 * Mbps), c = net.AddLink(10 * Mbps);
        var f1 = net.Start(rec, 1, 8 * Mbit, [a, b]);
        var f2 = net.Start(rec, 2, 10 * Mbit, [b, c]);
        var f3 = net.Start(rec, 3, 16 * Mbit, [a]);
        var f4 = net.Start(rec, 4, 15 * Mbit, [c], rateCapBps: 3 * Mbps);

        Assert.That(new[] { f1, f2, f3, f4 }.Select(net.RateBps), Is.EqualTo(new[] { 2, 2, 8, 3 }.Select(r => r * Mbps)).Within(1e-6));
        Assert.That(new[] { a, b, c }.Select(net.LinkFlowRateBps), Is.EqualTo(new[] { 10, 4, 5 }.Select(r => r * Mbps)).Within(1e-6));
        Assert.That(net.LinkUtilization(c), Is.EqualTo(0.5).Within(1e-12));
        Assert.That(net.TotalRateBps, Is.EqualTo(15 * Mbps).Within(1e-6));

        sim.RunUntil(SimTime.FromSeconds(3));
        Assert.That(net.IsActive(f3), Is.False);
        Assert.That(new[] { f1, f2, f4 }.Select(net.RateBps), Is.EqualTo(new[] { 2, 2, 3 }.Select(r => r * Mbps)).Within(1e-6));
        Assert.That(net.RemainingBytes(f1), Is.EqualTo(2 * Mbit).Within(1e-6), "4 Mbit left at 2 s, 2 Mbit sent since");
        Assert.That(net.BytesRemaining, Is.EqualTo((2 + 4 + 6) * Mbit).Within(1e-6));

        sim.RunUntil(SimTime.FromSeconds(4.25));
        Assert.That(net.RateBps(f2), Is.EqualTo(4 * Mbps).Within(1e-6));
        Assert.That(net.RateBps(f4), Is.EqualTo(3 * Mbps).Within(1e-6));

        sim.Run();
        Assert.That(rec.Done, Is.EqualTo(new (long, long)[] { (3, 2 * Second), (1, 4 * Second), (2, 4_500_000), (4, 5 * Second) }));
        Assert.That(new[] { a, b, c }.Select(net.LinkFlowRateBps), Is.All.Zero);
    }

    [Test]
    public void ACapacityHalvedThenCutThenRestoredGivesTheHandComputedCompletionTime()
    {
        // 80 Mbit on a 10 Mbps link, 8 s alone. At 2 s (60 Mbit left) the link halves to 5 Mbps; at 4 s (50 Mbit left)
        // it is cut; at 10 s it is restored to 10 Mbps: 50/10 = 5 s more, done at 15 s.
        var (sim, net, rec) = Rig();
        int link = net.AddLink(10 * Mbps);
        var flow = net.Start(rec, 7, 80 * Mbit, [link]);
        sim.Schedule(SimTime.FromSeconds(2), () => net.SetLinkCapacity(link, 5 * Mbps));
        sim.Schedule(SimTime.FromSeconds(4), () => net.SetLinkCapacity(link, 0));
        sim.Schedule(SimTime.FromSeconds(10), () => net.SetLinkCapacity(link, 10 * Mbps));

        sim.RunUntil(SimTime.FromSeconds(3));
        Assert.That(net.RemainingBytes(flow), Is.EqualTo(55 * Mbit).Within(1e-6));
        sim.RunUntil(SimTime.FromSeconds(7));
        Assert.That(net.RateBps(flow), Is.Zero);
        Assert.That(net.RemainingBytes(flow), Is.EqualTo(50 * Mbit).Within(1e-6));
        Assert.That(sim.PendingCount, Is.EqualTo(1), "only the restore: a flow at rate 0 has no completion event");

        sim.Run();
        Assert.That(rec.Done, Is.EqualTo(new (long, long)[] { (7, 15 * Second) }));
    }

    [Test]
    public void FlowsShareWhatTheBackgroundLoadAndTheRepairShareLeave()
    {
        // 10 Mbps with 4 Mbps of clients' traffic: 6 left; a repair share of 50 % allows 5: two flows get 2.5 each.
        var (sim, net, rec) = Rig();
        int link = net.AddLink(10 * Mbps, backgroundBps: 4 * Mbps, repairShare: 0.5);
        var f1 = net.Start(rec, 1, 10 * Mbit, [link]);
        var f2 = net.Start(rec, 2, 10 * Mbit, [link]);
        Assert.That(net.RateBps(f1), Is.EqualTo(2.5 * Mbps).Within(1e-6));
        Assert.That(net.LinkUtilization(link), Is.EqualTo(0.9).Within(1e-12));

        net.SetLinkBackground(link, 7 * Mbps); // 3 left, below the share
        Assert.That(net.RateBps(f2), Is.EqualTo(1.5 * Mbps).Within(1e-6));
        net.SetLinkRepairShare(link, 0.2); // 2 allowed
        Assert.That(net.RateBps(f2), Is.EqualTo(1 * Mbps).Within(1e-6));
        net.SetLinkBackground(link, 12 * Mbps); // clients alone exceed the link: nothing left
        Assert.That(net.RateBps(f1), Is.Zero);
        Assert.That(net.LinkUtilization(link), Is.EqualTo(1.2).Within(1e-12));
        Assert.That(sim.PendingCount, Is.Zero);
    }

    [Test]
    public void ACancelledFlowIsNotReportedAndItsShareGoesToTheOthers()
    {
        var (sim, net, rec) = Rig();
        int link = net.AddLink(10 * Mbps);
        var f1 = net.Start(rec, 1, 10 * Mbit, [link]);
        var f2 = net.Start(rec, 2, 10 * Mbit, [link]);
        sim.RunUntil(SimTime.FromSeconds(1)); // 5 Mbit each sent
        Assert.That(net.Cancel(f1), Is.True);
        Assert.That(net.Cancel(f1), Is.False, "already cancelled");
        Assert.That(net.IsActive(f1), Is.False);
        Assert.That(net.RateBps(f2), Is.EqualTo(10 * Mbps).Within(1e-6));
        sim.Run();
        Assert.That(rec.Done, Is.EqualTo(new (long, long)[] { (2, 1_500_000) }));
        Assert.That(net.Cancel(f2), Is.False, "already completed");
        Assert.That(net.Cancel(FlowId.None), Is.False);
    }

    [Test]
    public void AStaleIdDoesNotReachTheFlowThatReusedItsSlot()
    {
        var (sim, net, rec) = Rig();
        int link = net.AddLink(10 * Mbps);
        var old = net.Start(rec, 1, 1 * Mbit, [link]);
        sim.Run();
        var reused = net.Start(rec, 2, 1 * Mbit, [link]);
        Assert.That(net.Cancel(old), Is.False);
        Assert.That(net.IsActive(reused), Is.True);
        Assert.That(reused, Is.Not.EqualTo(old));
    }

    [Test]
    public void AnEmptyFlowCompletesAtOnceAsAnEvent()
    {
        var (sim, net, rec) = Rig();
        int link = net.AddLink(0); // even on a cut link: nothing to send
        sim.RunUntil(SimTime.FromSeconds(3));
        net.Start(rec, 5, 0, [link]);
        Assert.That(rec.Done, Is.Empty, "told from an event, not from inside Start");
        sim.Run();
        Assert.That(rec.Done, Is.EqualTo(new (long, long)[] { (5, 3 * Second) }));
    }

    [Test]
    public void FlowsStartedFromACompletionAreRatedInOneRecomputation()
    {
        // Each completion starts two flows: the component is recomputed once per completion event, not three times.
        var (sim, net, rec) = Rig();
        int link = net.AddLink(10 * Mbps);
        int started = 1;
        rec.Then = token =>
        {
            if (started >= 7) return;
            net.Start(rec, started++, 10 * Mbit, [link]);
            net.Start(rec, started++, 10 * Mbit, [link]);
        };
        net.Start(rec, 0, 10 * Mbit, [link]);
        long before = net.Recomputations;
        long events = sim.EventsProcessed;
        sim.Run();
        Assert.That(rec.Done, Has.Count.EqualTo(7));
        // The last completion leaves the link empty: nothing left to rate.
        Assert.That(net.Recomputations - before, Is.EqualTo(sim.EventsProcessed - events - 1));
    }

    [Test]
    public void BadArgumentsAreRefused()
    {
        var (_, net, rec) = Rig();
        int a = net.AddLink(1 * Mbps), b = net.AddLink(1 * Mbps);
        Assert.Multiple(() =>
        {
            Assert.That(() => net.AddLink(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => net.AddLink(double.PositiveInfinity), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => net.AddLink(1, repairShare: 1.5), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => net.Start(rec, 0, 1, []), Throws.ArgumentException);
            Assert.That(() => net.Start(rec, 0, 1, [a, b, a]), Throws.ArgumentException);
            Assert.That(() => net.Start(rec, 0, 1, [a, b, 2]), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => net.Start(rec, 0, 1, [0, 0, 0, 0, 0]), Throws.ArgumentException);
            Assert.That(() => net.Start(rec, 0, -1, [a]), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => net.Start(rec, 0, 1, [a], rateCapBps: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => net.SetLinkCapacity(5, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
        Assert.That(net.ActiveFlows, Is.Zero, "nothing refused was started");
    }
}
