using NUnit.Framework;

namespace Simulator.Engine.Tests;

public sealed class SimulationTests
{
    private sealed class Recorder : IEventHandler
    {
        public readonly List<(long Time, int Kind, long Arg)> Fired = [];
        public Simulation? Sim;
        public void OnEvent(int kind, long arg) => Fired.Add((Sim!.Now.Ticks, kind, arg));
    }

    [Test]
    public void EventsAtEqualTimesFireInSchedulingOrder()
    {
        var sim = new Simulation();
        var rec = new Recorder { Sim = sim };
        var t = SimTime.FromSeconds(1);
        for (int i = 0; i < 100; i++) sim.Schedule(t, rec, kind: 0, arg: i);
        sim.Schedule(SimTime.Zero + Duration.FromMilliseconds(500), rec, kind: 1, arg: -1);
        sim.Run();
        Assert.That(rec.Fired[0], Is.EqualTo((500_000L, 1, -1L)));
        Assert.That(rec.Fired.Skip(1).Select(f => f.Arg), Is.EqualTo(Enumerable.Range(0, 100).Select(i => (long)i)));
    }

    [Test]
    public void EventsFireInTimeOrderAndTheClockFollows()
    {
        var sim = new Simulation();
        var rec = new Recorder { Sim = sim };
        long[] times = [50, 10, 40, 20, 30, 10, 0];
        foreach (long t in times) sim.Schedule(new SimTime(t), rec, arg: t);
        sim.Run();
        Assert.That(rec.Fired.Select(f => f.Time), Is.EqualTo(times.Order()));
        Assert.That(sim.Now, Is.EqualTo(new SimTime(50)));
        Assert.That(sim.EventsProcessed, Is.EqualTo(times.Length));
        Assert.That(sim.PendingCount, Is.Zero);
    }

    [Test]
    public void EventsScheduledFromInsideAnEventAtTheSameTimeFireAfterTheOthersAlreadyDue()
    {
        var sim = new Simulation();
        var order = new List<string>();
        sim.Schedule(SimTime.Zero, () => { order.Add("a"); sim.ScheduleAfter(Duration.Zero, () => order.Add("c")); });
        sim.Schedule(SimTime.Zero, () => order.Add("b"));
        sim.Run();
        Assert.That(order, Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void ACancelledEventDoesNotFireAndCancellingTwiceReturnsFalse()
    {
        var sim = new Simulation();
        var fired = new List<int>();
        var h1 = sim.ScheduleAfter(Duration.FromSeconds(1), () => fired.Add(1));
        var h2 = sim.ScheduleAfter(Duration.FromSeconds(2), () => fired.Add(2));
        Assert.That(sim.IsPending(h1), Is.True);
        Assert.That(sim.Cancel(h1), Is.True);
        Assert.That(sim.Cancel(h1), Is.False);
        Assert.That(sim.IsPending(h1), Is.False);
        Assert.That(sim.PendingCount, Is.EqualTo(1));
        sim.Run();
        Assert.That(fired, Is.EqualTo(new[] { 2 }));
        Assert.That(sim.Cancel(h2), Is.False, "already fired");
        Assert.That(sim.Cancel(EventHandle.None), Is.False);
        Assert.That(EventHandle.None.IsNone, Is.True);
        Assert.That(h2.IsNone, Is.False);
    }

    [Test]
    public void AStaleHandleDoesNotCancelTheEventThatReusedItsStorage()
    {
        var sim = new Simulation();
        var fired = new List<int>();
        var old = sim.ScheduleAfter(Duration.FromSeconds(1), () => fired.Add(1));
        sim.Cancel(old);
        var reused = sim.ScheduleAfter(Duration.FromSeconds(1), () => fired.Add(2));
        Assert.That(sim.Cancel(old), Is.False);
        Assert.That(sim.IsPending(reused), Is.True);
        sim.Run();
        Assert.That(fired, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void AnEventScheduledWhereAFiredEventWasGoesToItsOwnHandler()
    {
        var sim = new Simulation();
        var first = new Recorder { Sim = sim };
        var second = new Recorder { Sim = sim };
        var handle = sim.ScheduleAfter(Duration.FromSeconds(1), first, kind: 1);
        sim.Run();
        Assert.That(sim.Cancel(handle), Is.False, "a fired event is no longer pending");
        sim.ScheduleAfter(Duration.FromSeconds(1), second, kind: 2);
        var cancelled = sim.ScheduleAfter(Duration.FromSeconds(2), first, kind: 3);
        Assert.That(sim.Cancel(cancelled), Is.True);
        sim.ScheduleAfter(Duration.FromSeconds(3), first, kind: 4);
        sim.Run();
        Assert.That(first.Fired.Select(f => f.Kind), Is.EqualTo(new[] { 1, 4 }));
        Assert.That(second.Fired.Select(f => f.Kind), Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void AnEventCanCancelAnotherEventAtTheSameTime()
    {
        var sim = new Simulation();
        var fired = new List<int>();
        EventHandle second = EventHandle.None;
        sim.Schedule(SimTime.Zero, () => { fired.Add(1); sim.Cancel(second); });
        second = sim.Schedule(SimTime.Zero, () => fired.Add(2));
        sim.Run();
        Assert.That(fired, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void SchedulingInThePastIsRefusedWithAClearError()
    {
        var sim = new Simulation();
        sim.ScheduleAfter(Duration.FromSeconds(10), () => { });
        sim.Run();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => sim.Schedule(SimTime.FromSeconds(5), () => { }));
        Assert.That(ex!.Message, Does.Contain("before the current time"));
        Assert.That(ex.Message, Does.Contain("t+5s").And.Contain("t+10s"));
        var ex2 = Assert.Throws<ArgumentOutOfRangeException>(() => sim.ScheduleAfter(Duration.FromMicroseconds(-1), new Recorder()));
        Assert.That(ex2!.Message, Does.Contain("negative delay"));
        Assert.That(sim.PendingCount, Is.Zero);
    }

    [Test]
    public void RunUntilFiresEventsUpToAndIncludingTheEndThenMovesTheClockThere()
    {
        var sim = new Simulation();
        var fired = new List<long>();
        foreach (long t in new long[] { 5, 10, 15 }) sim.Schedule(new SimTime(t), () => fired.Add(t));
        sim.RunUntil(new SimTime(10));
        Assert.That(fired, Is.EqualTo(new long[] { 5, 10 }));
        Assert.That(sim.Now, Is.EqualTo(new SimTime(10)));
        Assert.That(sim.PendingCount, Is.EqualTo(1));
        sim.RunUntil(new SimTime(12));
        Assert.That(sim.Now, Is.EqualTo(new SimTime(12)));
        sim.Run();
        Assert.That(fired, Is.EqualTo(new long[] { 5, 10, 15 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.RunUntil(new SimTime(1)));
    }

    [Test]
    public void RunUntilAConditionStopsAfterTheEventThatMadeItTrue()
    {
        var sim = new Simulation();
        int count = 0;
        for (int i = 1; i <= 10; i++) sim.Schedule(new SimTime(i), () => count++);
        sim.RunUntil(() => count == 4);
        Assert.That(count, Is.EqualTo(4));
        Assert.That(sim.Now, Is.EqualTo(new SimTime(4)));
        sim.RunUntil(() => false);
        Assert.That(count, Is.EqualTo(10));
    }

    [Test]
    public void StopEndsTheRunAfterTheCurrentEventAndKeepsTheRestPending()
    {
        var sim = new Simulation();
        int count = 0;
        for (int i = 1; i <= 10; i++) sim.Schedule(new SimTime(i), () => { if (++count == 3) sim.Stop(); });
        sim.RunUntil(new SimTime(100));
        Assert.That(count, Is.EqualTo(3));
        Assert.That(sim.Now, Is.EqualTo(new SimTime(3)), "a stopped run does not move the clock to the end");
        Assert.That(sim.PendingCount, Is.EqualTo(7));
        sim.Run();
        Assert.That(count, Is.EqualTo(10));
    }

    [Test]
    public void RunningFromInsideAnEventIsRefused()
    {
        var sim = new Simulation();
        sim.Schedule(SimTime.Zero, () => sim.Run());
        Assert.Throws<InvalidOperationException>(() => sim.Run());
    }

    [Test]
    public void AnExceptionInAnEventLeavesTheQueueUsable()
    {
        var sim = new Simulation();
        var fired = new List<int>();
        sim.Schedule(new SimTime(1), () => throw new InvalidDataException("boom"));
        sim.Schedule(new SimTime(2), () => fired.Add(2));
        Assert.Throws<InvalidDataException>(() => sim.Run());
        Assert.That(sim.PendingCount, Is.EqualTo(1));
        sim.Run();
        Assert.That(fired, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void ManyCancelledEventsAreDroppedAndTheRestStillFireInOrder()
    {
        var sim = new Simulation();
        var rng = new RandomStream(7);
        var handles = new List<(EventHandle H, long T)>();
        for (int i = 0; i < 20_000; i++)
        {
            long t = rng.NextInt64(1_000_000);
            handles.Add((sim.Schedule(new SimTime(t), new Recorder(), arg: t), t));
        }
        var rec = new Recorder { Sim = sim };
        var kept = new List<long>();
        for (int i = 0; i < handles.Count; i++)
        {
            if (i % 10 == 0) { sim.Cancel(handles[i].H); sim.Schedule(new SimTime(handles[i].T), rec, arg: handles[i].T); kept.Add(handles[i].T); }
            else sim.Cancel(handles[i].H);
        }
        Assert.That(sim.PendingCount, Is.EqualTo(kept.Count));
        sim.Run();
        Assert.That(rec.Fired.Select(f => f.Arg), Is.EqualTo(kept.Order()));
    }

    [Test]
    public void SchedulingAfterARunThatEndedOnCancelledEventsStillWorks()
    {
        // Cancelled events later than the last live one are dropped at the end of the run; the clock
        // stays at the last live event and scheduling continues from there.
        var sim = new Simulation();
        var fired = new List<long>();
        sim.Schedule(new SimTime(10), () => fired.Add(sim.Now.Ticks));
        sim.Cancel(sim.Schedule(new SimTime(1_000_000), () => fired.Add(-1)));
        sim.Run();
        Assert.That(sim.Now, Is.EqualTo(new SimTime(10)));
        sim.ScheduleAfter(new Duration(5), () => fired.Add(sim.Now.Ticks));
        sim.Run();
        Assert.That(fired, Is.EqualTo(new long[] { 10, 15 }));
    }

    [Test]
    public void ManyEventsScheduledBeforeAFarEventAfterRunUntilStillFireInOrder()
    {
        // RunUntil stops short of a far event; thousands of events then land before it (and before each
        // other), which exercises every path of the queue's front.
        var sim = new Simulation();
        var rec = new Recorder { Sim = sim };
        sim.Schedule(new SimTime(1_000_000_000), rec, arg: 1_000_000_000);
        sim.RunUntil(new SimTime(10));
        var rng = new RandomStream(12);
        var times = new List<long> { 1_000_000_000 };
        for (int i = 0; i < 5000; i++)
        {
            long t = sim.Now.Ticks + rng.NextInt64(i < 2500 ? 1_000 : 900_000_000);
            sim.Schedule(new SimTime(t), rec, arg: t);
            times.Add(t);
            if (i % 1000 == 999) sim.RunUntil(sim.Now + new Duration(50)); // take a few, leave the rest
        }
        sim.Run();
        Assert.That(rec.Fired.Select(f => f.Arg), Is.EqualTo(times.Order()));
        Assert.That(rec.Fired.Select(f => f.Time), Is.Ordered);
    }
}
