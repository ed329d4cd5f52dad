using NUnit.Framework;

namespace Simulator.Engine.Tests;

public sealed class EventQueueTests
{
    private sealed class Nop : IEventHandler
    {
        public void OnEvent(int kind, long arg) { }
    }

    /// <summary>
    /// The radix queue and its oracle, the heap, driven by the same calls. Each queue has its own handler and
    /// its own delegates, which log the events they fire; every answer of the two queues must agree, and the
    /// event fired must be the one scheduled (its kind and id, or its delegate).
    /// </summary>
    private sealed class Lockstep(long sequenceLimit)
    {
        /// <summary>The kind that stands for an event scheduled as a delegate.</summary>
        public const int DelegateKind = -1;

        private sealed class Log : IEventHandler
        {
            public readonly List<(int Kind, long Id)> Fired = [];
            public void OnEvent(int kind, long arg) => Fired.Add((kind, arg));
        }

        private readonly RadixEventQueue _radix = new(sequenceLimit);
        private readonly HeapEventQueue _heap = new(sequenceLimit);
        private readonly Log _radixLog = new(), _heapLog = new();
        private readonly List<(EventHandle Radix, EventHandle Heap)> _handles = [];

        /// <summary>Events scheduled so far; the next one gets this id.</summary>
        public int Scheduled => _handles.Count;

        /// <summary>Schedules the next event (its id is <see cref="Scheduled"/>): a handler event of <paramref name="kind"/>, or a delegate.</summary>
        public long Schedule(long time, int kind)
        {
            long id = _handles.Count;
            if (kind == DelegateKind)
                _handles.Add((_radix.PushAction(time, () => _radixLog.Fired.Add((DelegateKind, id))),
                    _heap.PushAction(time, () => _heapLog.Fired.Add((DelegateKind, id)))));
            else
                _handles.Add((_radix.Push(time, _radixLog, kind, id), _heap.Push(time, _heapLog, kind, id)));
            return id;
        }

        public bool Cancel(long id)
        {
            var (radix, heap) = _handles[(int)id];
            bool cancelled = _radix.Cancel(radix);
            Assert.That(_heap.Cancel(heap), Is.EqualTo(cancelled), $"cancelling event {id}");
            Assert.That(_radix.IsPending(radix) || _heap.IsPending(heap), Is.False, $"event {id} after cancelling it");
            return cancelled;
        }

        public bool IsPending(long id)
        {
            var (radix, heap) = _handles[(int)id];
            bool pending = _radix.IsPending(radix);
            Assert.That(_heap.IsPending(heap), Is.EqualTo(pending), $"whether event {id} is pending");
            return pending;
        }

        public int PendingCount
        {
            get
            {
                Assert.That(_heap.PendingCount, Is.EqualTo(_radix.PendingCount), "pending count");
                return _radix.PendingCount;
            }
        }

        /// <summary>
        /// Takes the earliest event due by <paramref name="end"/> from both queues and fires it; null if none is due.
        /// The queues stay in the event's dispatch until <see cref="EndDispatch"/>.
        /// </summary>
        public (long Time, int Kind, long Id)? Take(long end)
        {
            int before = _radixLog.Fired.Count;
            bool due = _radix.TryTake(end, out long time, out IEventHandler? radixHandler, out int radixKind, out long radixArg);
            bool heapDue = _heap.TryTake(end, out long heapTime, out IEventHandler? heapHandler, out int heapKind, out long heapArg);
            Assert.That(heapDue, Is.EqualTo(due), $"whether an event is due by {end}");
            if (!due) return null;
            radixHandler!.OnEvent(radixKind, radixArg);
            heapHandler!.OnEvent(heapKind, heapArg);
            Assert.That(_radixLog.Fired, Has.Count.EqualTo(before + 1), "the radix queue fires one event");
            Assert.That(_heapLog.Fired, Has.Count.EqualTo(before + 1), "the heap fires one event");
            var (kind, id) = _radixLog.Fired[^1];
            Assert.That((heapTime, _heapLog.Fired[^1]), Is.EqualTo((time, (kind, id))), $"take #{before}");
            return (time, kind, id);
        }

        public void EndDispatch()
        {
            _radix.EndDispatch();
            _heap.EndDispatch();
        }
    }

    /// <summary>
    /// The core check of the radix queue: random schedules (many at equal times, spans across every digit,
    /// bursts just after the clock), cancellations (of pending, fired and cancelled events, and storms of them
    /// that make the queues sweep), unbounded and bounded takes, and events that schedule and cancel while they
    /// are dispatched. The radix queue and the
    /// heap must fire the same events in the same order, and both must agree with a sorted reference set.
    /// </summary>
    [Test]
    public void TheRadixQueueAndTheHeapFireTheSameEventsInTheSameOrder([Values(2, 300, 5000)] int typicalPending)
    {
        var q = new Lockstep(sequenceLimit: 1L << 38);
        var rng = new RandomStream(1000 + (ulong)typicalPending);
        var reference = new SortedSet<(long Time, long Id)>();
        var times = new List<long>();           // by id
        var pendingIds = new List<long>();      // for picking a pending event at random
        var positionOf = new List<int>();       // by id: index in pendingIds, or −1
        long now = 0;
        int fired = 0, cancelled = 0, staleCancels = 0, scheduledInDispatch = 0, emptyBoundedTakes = 0, peakPending = 0;
        int storms = 0;
        long pendingSum = 0;

        void Schedule(long time)
        {
            int kind = rng.NextBernoulli(0.1) ? Lockstep.DelegateKind : rng.Next(4);
            long id = q.Schedule(time, kind);
            times.Add(time);
            reference.Add((time, id));
            positionOf.Add(pendingIds.Count);
            pendingIds.Add(id);
        }

        void Forget(long id)
        {
            int at = positionOf[(int)id];
            long last = pendingIds[^1];
            pendingIds[at] = last;
            positionOf[(int)last] = at;
            pendingIds.RemoveAt(pendingIds.Count - 1);
            positionOf[(int)id] = -1;
        }

        // Mostly a pending event; sometimes any event ever scheduled, usually fired or cancelled already.
        void CancelOne() => Cancel(pendingIds.Count > 0 && rng.NextBernoulli(0.8) ? pendingIds[rng.Next(pendingIds.Count)] : rng.Next(q.Scheduled));

        void Cancel(long id)
        {
            bool wasPending = reference.Remove((times[(int)id], id));
            Assert.That(q.Cancel(id), Is.EqualTo(wasPending), $"cancel of event {id} returns whether it was pending");
            if (wasPending)
            {
                Forget(id);
                cancelled++;
            }
            else staleCancels++;
        }

        void Take(long end)
        {
            bool due = reference.Count > 0 && reference.Min.Time <= end;
            var taken = q.Take(end);
            Assert.That(taken.HasValue, Is.EqualTo(due), $"an event due by {end}");
            if (taken is (long time, _, long id))
            {
                Assert.That((time, id), Is.EqualTo(reference.Min), $"take #{fired}");
                reference.Remove(reference.Min);
                Forget(id);
                Assert.That(q.IsPending(id), Is.False, "a fired event is no longer pending");
                now = time;
                fired++;
                // Inside the dispatch, as a handler does: schedule a successor (often at the same time), cancel another.
                if (rng.NextBernoulli(0.3))
                {
                    Schedule(now + (rng.NextBernoulli(0.5) ? 0 : rng.NextInt64(1000)));
                    scheduledInDispatch++;
                }
                if (rng.NextBernoulli(0.05)) CancelOne();
            }
            else emptyBoundedTakes++;
            q.EndDispatch();
        }

        for (int step = 0; step < 60_000; step++)
        {
            bool below = reference.Count < typicalPending;
            double u = rng.NextDouble();
            if (u < 0.0003)
            {
                // A storm of time-outs cancelled before they fire: the cancelled keys outnumber the live ones,
                // and both queues sweep them at the end of the next dispatch.
                int first = q.Scheduled;
                for (int i = 0; i < 3000; i++) Schedule(now + rng.NextInt64(1L << rng.Next(1, 40)));
                for (int id = first; id < q.Scheduled; id++)
                    if (rng.NextBernoulli(0.99)) Cancel(id);
                storms++;
            }
            else if (u < 0.0008)
            {
                // A burst just after the clock: many keys land at or before the front of the queue.
                for (int i = rng.Next(40, 60); i > 0; i--) Schedule(now + rng.NextInt64(100));
            }
            else if (reference.Count == 0 || u < (below ? 0.6 : 0.3))
            {
                // Times cluster on a coarse grid so that ties are frequent; spans cross many radix digits.
                Schedule(now + (rng.NextBernoulli(0.3) ? rng.NextInt64(3) : rng.NextInt64(1L << rng.Next(1, 40))));
            }
            else if (u < (below ? 0.7 : 0.45)) CancelOne();
            else if (u < 0.5) Take(now + rng.NextInt64(1L << rng.Next(0, 24))); // bounded, as RunUntil: often nothing is due
            else Take(long.MaxValue);
            Assert.That(q.PendingCount, Is.EqualTo(reference.Count));
            peakPending = Math.Max(peakPending, reference.Count);
            pendingSum += reference.Count;
        }
        while (reference.Count > 0) Take(long.MaxValue);
        Assert.That(q.Take(long.MaxValue), Is.Null);
        q.EndDispatch();
        Assert.That(q.PendingCount, Is.Zero);

        TestContext.Out.WriteLine($"fired {fired}, cancelled {cancelled}, stale cancels {staleCancels}, scheduled in dispatch {scheduledInDispatch}, bounded takes with nothing due {emptyBoundedTakes}, peak pending {peakPending}, mean {pendingSum / 60_000}, cancel storms {storms}");
        // The operations must have happened in numbers, or the agreement proves little.
        Assert.That(fired, Is.GreaterThan(20_000));
        Assert.That(cancelled, Is.GreaterThan(2_000));
        Assert.That(staleCancels, Is.GreaterThan(500));
        Assert.That(scheduledInDispatch, Is.GreaterThan(5_000));
        Assert.That(emptyBoundedTakes, Is.GreaterThan(50));
        Assert.That(peakPending, Is.GreaterThanOrEqualTo(typicalPending));
        Assert.That(storms, Is.GreaterThan(5));
    }

    [Test]
    public void RenumberingTheSequenceKeepsTheOrderOfEqualTimesInBothQueues()
    {
        var q = new Lockstep(sequenceLimit: 64); // renumbers every few dozen schedules
        var rng = new RandomStream(5);
        var expected = new SortedSet<(long Time, long Id)>(); // ids grow with scheduling order
        long now = 0;
        int fired = 0;
        for (int i = 0; i < 2000; i++)
        {
            long t = now + rng.NextInt64(4); // many ties
            expected.Add((t, q.Schedule(t, kind: 0)));
            bool successorScheduled = false;
            while (expected.Count > 20)
            {
                var taken = q.Take(long.MaxValue);
                Assert.That(taken, Is.Not.Null);
                Assert.That((taken!.Value.Time, taken.Value.Id), Is.EqualTo(expected.Min), $"take after {i} schedules");
                expected.Remove(expected.Min);
                now = taken.Value.Time;
                fired++;
                if (i % 3 == 0 && !successorScheduled) // an event scheduling its successor at the same time
                {
                    successorScheduled = true;
                    expected.Add((now, q.Schedule(now, kind: 1)));
                }
                q.EndDispatch();
            }
        }
        while (q.Take(long.MaxValue) is (long time, _, long id))
        {
            Assert.That((time, id), Is.EqualTo(expected.Min));
            expected.Remove(expected.Min);
            q.EndDispatch();
        }
        Assert.That(expected, Is.Empty);
        Assert.That(q.Scheduled, Is.GreaterThan(30 * 64), "the sequence ran out and was renumbered many times");
        Assert.That(fired, Is.GreaterThan(1_900));
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
}
