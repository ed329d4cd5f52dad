using NUnit.Framework;

namespace Simulator.Engine.Tests;

public sealed class EventQueueTests
{
    private sealed class Nop : IEventHandler
    {
        public void OnEvent(int kind, long arg) { }
    }

    public enum Kind { Radix, Heap }

    private static IEventQueue Create(Kind kind, long sequenceLimit) =>
        kind == Kind.Radix ? new RadixEventQueue(sequenceLimit) : new HeapEventQueue(sequenceLimit);

    private static List<long> Drain(IEventQueue q)
    {
        var args = new List<long>();
        while (q.TryTake(long.MaxValue, out _, out _, out _, out long arg))
        {
            args.Add(arg);
            q.EndDispatch();
        }
        return args;
    }

    [Test]
    public void RenumberingTheSequenceKeepsTheOrderOfEqualTimes([Values] Kind kind)
    {
        IEventQueue q = Create(kind, sequenceLimit: 64); // renumbers every few dozen schedules
        var h = new Nop();
        var expected = new List<(long Time, long Order, long Arg)>(); // Order: when it was scheduled
        long order = 0;
        var rng = new RandomStream(5);
        long now = 0;
        for (int i = 0; i < 2000; i++)
        {
            long t = now + rng.NextInt64(4); // many ties
            q.Push(t, h, 0, i);
            expected.Add((t, order++, i));
            bool successorScheduled = false;
            while (expected.Count > 20)
            {
                Assert.That(q.TryTake(long.MaxValue, out long time, out _, out _, out long arg), Is.True);
                var first = expected.OrderBy(e => e.Time).ThenBy(e => e.Order).First();
                Assert.That((time, arg), Is.EqualTo((first.Time, first.Arg)), $"pop after {i} pushes");
                expected.Remove(first);
                now = time;
                if (i % 3 == 0 && !successorScheduled) // an event scheduling its successor at the same time, into the vacant root
                {
                    successorScheduled = true;
                    q.Push(time, h, 0, 10_000 + i);
                    expected.Add((time, order++, 10_000 + i));
                }
                q.EndDispatch();
            }
        }
        Assert.That(Drain(q), Is.EqualTo(expected.OrderBy(e => e.Time).ThenBy(e => e.Order).Select(e => e.Arg)));
    }

    [Test]
    public void CancelledKeysAreCompactedAwayWhenTheyOutnumberLiveOnes()
    {
        var sim = new Simulation();
        var h = new Nop();
        var keep = new List<EventHandle>();
        for (int round = 0; round < 50; round++)
        {
            for (int i = 0; i < 1000; i++)
            {
                EventHandle e = sim.ScheduleAfter(Duration.FromHours(1 + i), h);
                if (i % 100 == 0) keep.Add(e); else sim.Cancel(e);
            }
            sim.RunUntil(sim.Now + Duration.FromMicroseconds(1)); // compaction happens between events
            sim.ScheduleAfter(Duration.Zero, h);
        }
        Assert.That(sim.PendingCount, Is.EqualTo(keep.Count + 1));
        Assert.That(keep.All(sim.IsPending), Is.True);
        sim.Run();
        Assert.That(sim.EventsProcessed, Is.EqualTo(keep.Count + 50 - 0));
    }

    [Test]
    public void SchedulingAndCancellingWithHandlersDoesNotAllocateInSteadyState()
    {
        var sim = new Simulation();
        var h = new Nop();
        var rng = new RandomStream(9);
        long Round()
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 2_000; i++)
            {
                EventHandle e = sim.ScheduleAfter(new Duration(rng.NextInt64(1_000_000)), h, kind: i, arg: i);
                if (i % 3 == 0) sim.Cancel(e);
            }
            sim.RunUntil(sim.Now + Duration.FromSeconds(1));
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        // Warm-up grows the arrays to what this load needs (the clock sweeps many radix buckets).
        for (int i = 0; i < 300; i++) Round();
        long allocated = 0;
        for (int i = 0; i < 20; i++) allocated += Round();
        Assert.That(allocated, Is.Zero);
    }

    /// <summary>
    /// Random schedules (many at equal times), cancellations and takes, against a sorted reference list.
    /// Enough cancellations to trigger the sweep of cancelled entries more than once.
    /// </summary>
    [Test]
    public void EveryQueueAgreesWithASortedListUnderRandomOperations([Values] Kind kind, [Values(2, 300, 5000)] int typicalPending)
    {
        IEventQueue q = Create(kind, sequenceLimit: 1L << 38);
        var h = new Nop();
        var rng = new RandomStream((ulong)typicalPending);
        var reference = new SortedSet<(long Time, long Order)>();
        var handles = new List<(EventHandle Handle, long Time, long Order)>();
        long now = 0, order = 0, taken = 0;
        for (int step = 0; step < 60_000; step++)
        {
            double u = rng.NextDouble();
            if (u < 0.45 || reference.Count == 0)
            {
                // Times cluster on a coarse grid so that ties are frequent; spans cross many radix digits.
                long t = now + (rng.NextBernoulli(0.3) ? rng.NextInt64(3) : rng.NextInt64(1L << rng.Next(1, 40)));
                long o = order++;
                handles.Add((q.Push(t, h, 0, o), t, o));
                reference.Add((t, o));
            }
            else if (u < 0.45 + 0.55 * Math.Min(1.0, (double)reference.Count / typicalPending) - 0.2 && handles.Count > 0)
            {
                int i = rng.Next(handles.Count);
                var (handle, t, o) = handles[i];
                bool wasPending = reference.Remove((t, o));
                Assert.That(q.Cancel(handle), Is.EqualTo(wasPending), "cancel returns whether the event was pending");
                Assert.That(q.IsPending(handle), Is.False);
                handles[i] = handles[^1];
                handles.RemoveAt(handles.Count - 1);
            }
            else if (u > 0.97)
            {
                // A bounded take, as RunUntil does: often nothing is due, and later schedules land before
                // the earliest pending key.
                long end = now + rng.NextInt64(1000);
                bool due = reference.Min.Time <= end;
                Assert.That(q.TryTake(end, out long time, out _, out _, out long arg), Is.EqualTo(due));
                if (due)
                {
                    Assert.That((time, arg), Is.EqualTo(reference.Min));
                    reference.Remove(reference.Min);
                    now = time;
                    taken++;
                }
                q.EndDispatch();
            }
            else
            {
                var expected = reference.Min;
                Assert.That(q.TryTake(long.MaxValue, out long time, out _, out _, out long arg), Is.True);
                Assert.That((time, arg), Is.EqualTo(expected), $"take #{taken}");
                q.EndDispatch();
                reference.Remove(expected);
                now = time;
                taken++;
            }
            Assert.That(q.PendingCount, Is.EqualTo(reference.Count));
        }
        Assert.That(Drain(q), Is.EqualTo(reference.Select(r => r.Order)));
        Assert.That(taken, Is.GreaterThan(10_000));
    }
}
