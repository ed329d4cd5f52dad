using NUnit.Framework;

namespace Simulator.Engine.Tests;

public sealed class EventQueueTests
{
    private sealed class Nop : IEventHandler
    {
        public void OnEvent(int kind, long arg) { }
    }

    private static List<long> Drain(EventQueue q)
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
    public void RenumberingTheSequenceKeepsTheOrderOfEqualTimes()
    {
        var q = new EventQueue(sequenceLimit: 64); // renumbers every few dozen schedules
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
    public void SchedulingAndCancellingWithHandlersDoesNotAllocate()
    {
        var sim = new Simulation();
        var h = new Nop();
        void Round()
        {
            for (int i = 0; i < 10_000; i++)
            {
                EventHandle e = sim.ScheduleAfter(new Duration(i % 977), h, kind: i, arg: i);
                if (i % 3 == 0) sim.Cancel(e);
            }
            sim.Run();
        }
        Round(); // grows the arrays
        long before = GC.GetAllocatedBytesForCurrentThread();
        Round();
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
