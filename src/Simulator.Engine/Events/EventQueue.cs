using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Simulator.Engine;

/// <summary>
/// The pending-event set: a 4-ary min-heap of small struct keys (time, sequence, slot) over a slot table
/// that holds each event's payload. Nothing is allocated per event once the arrays have grown.
/// </summary>
/// <remarks>
/// <para>Ties on time are broken by the sequence number, which increases with every schedule call, so
/// the pop order is a total order fixed by the calls alone (the heap's layout never matters).</para>
/// <para>Cancellation is lazy: the slot is freed at once (its sequence cleared) and the heap key stays
/// until it reaches the top, where a sequence mismatch marks it stale. When stale keys outnumber live
/// ones the heap is rebuilt, so long runs that cancel most time-outs do not grow without bound.</para>
/// <para>While an event is being dispatched its key stays at the root, "vacant". If the handler schedules
/// a new event, that event takes the root and sinks once, instead of a pop (sink) plus a push (rise).
/// This is the common case in simulation models: an event schedules its successor.</para>
/// </remarks>
internal sealed class EventQueue
{
    private const int Arity = 4;
    private const int CompactMinimum = 1024;

    private struct Key
    {
        public long Time;
        public long Seq;
        public int Slot;
    }

    private struct Payload
    {
        public IEventHandler? Handler;
        public Action? Action;
        public long Arg;
        public long Seq;   // 0 when the slot is free
        public int Kind;
        public int NextFree;
    }

    private Key[] _heap = new Key[64];
    private int _count;           // keys in the heap, including a vacant root and stale keys
    private bool _rootVacant;
    private int _stale;           // keys whose event was cancelled

    private Payload[] _slots = new Payload[64];
    private int _slotsUsed;       // high-water mark of the slot table
    private int _freeHead = -1;
    private long _nextSeq = 1;

    /// <summary>Events scheduled and neither fired nor cancelled.</summary>
    public int PendingCount => _count - (_rootVacant ? 1 : 0) - _stale;

    /// <summary>Sequence numbers handed out so far (the count of schedule calls).</summary>
    public long ScheduledCount => _nextSeq - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EventHandle Push(long time, IEventHandler? handler, Action? action, int kind, long arg)
    {
        int slot = _freeHead;
        if (slot >= 0)
            _freeHead = _slots[slot].NextFree;
        else
            slot = NewSlot();
        long seq = _nextSeq++;
        ref Payload p = ref _slots[slot];
        p.Handler = handler;
        p.Action = action;
        p.Arg = arg;
        p.Kind = kind;
        p.Seq = seq;

        var key = new Key { Time = time, Seq = seq, Slot = slot };
        if (_rootVacant)
        {
            _rootVacant = false;
            SiftDown(0, key);
        }
        else
        {
            if (_count == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
            SiftUp(_count++, key);
        }
        return new EventHandle(slot, seq);
    }

    private int NewSlot()
    {
        if (_slotsUsed == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
        return _slotsUsed++;
    }

    public bool IsPending(EventHandle handle)
    {
        int slot = handle.Slot;
        return handle.Seq != 0 && (uint)slot < (uint)_slotsUsed && _slots[slot].Seq == handle.Seq;
    }

    public bool Cancel(EventHandle handle)
    {
        if (!IsPending(handle)) return false;
        FreeSlot(handle.Slot);
        _stale++;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FreeSlot(int slot)
    {
        ref Payload p = ref _slots[slot];
        p.Seq = 0;
        p.Handler = null;
        p.Action = null;
        p.NextFree = _freeHead;
        _freeHead = slot;
    }

    /// <summary>
    /// Takes the earliest live event if its time is at most <paramref name="endTime"/>, frees its slot and
    /// leaves the root vacant until <see cref="EndDispatch"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTake(long endTime, out long time, out IEventHandler? handler, out Action? action, out int kind, out long arg)
    {
        Debug.Assert(!_rootVacant);
        while (_count > 0)
        {
            Key top = _heap[0];
            ref Payload p = ref _slots[top.Slot];
            if (p.Seq != top.Seq)
            {
                _stale--;
                RemoveRoot();
                continue;
            }
            if (top.Time > endTime) break;
            time = top.Time;
            handler = p.Handler;
            action = p.Action;
            kind = p.Kind;
            arg = p.Arg;
            FreeSlot(top.Slot);
            _rootVacant = true;
            return true;
        }
        time = 0; handler = null; action = null; kind = 0; arg = 0;
        return false;
    }

    /// <summary>Ends the dispatch of the event taken last: removes its key unless a new event took its place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndDispatch()
    {
        if (_rootVacant)
        {
            _rootVacant = false;
            RemoveRoot();
        }
        if (_stale > CompactMinimum && _stale > (_count >> 1)) Compact();
    }

    /// <summary>The time of the earliest live event, or false when none is pending.</summary>
    public bool TryPeekTime(out long time)
    {
        Debug.Assert(!_rootVacant);
        while (_count > 0)
        {
            Key top = _heap[0];
            if (_slots[top.Slot].Seq == top.Seq) { time = top.Time; return true; }
            _stale--;
            RemoveRoot();
        }
        time = 0;
        return false;
    }

    private void RemoveRoot()
    {
        int last = --_count;
        if (last > 0) SiftDown(0, _heap[last]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(in Key a, in Key b) => a.Time < b.Time || (a.Time == b.Time && a.Seq < b.Seq);

    private void SiftUp(int index, Key key)
    {
        Key[] heap = _heap;
        while (index > 0)
        {
            int parent = (index - 1) >> 2;
            if (!Before(key, heap[parent])) break;
            heap[index] = heap[parent];
            index = parent;
        }
        heap[index] = key;
    }

    private void SiftDown(int index, Key key)
    {
        Key[] heap = _heap;
        int count = _count;
        while (true)
        {
            int first = (index << 2) + 1;
            if (first >= count) break;
            int best = first;
            int end = Math.Min(first + Arity, count);
            for (int c = first + 1; c < end; c++)
                if (Before(heap[c], heap[best])) best = c;
            if (!Before(heap[best], key)) break;
            heap[index] = heap[best];
            index = best;
        }
        heap[index] = key;
    }

    /// <summary>Drops stale keys and rebuilds the heap bottom-up (Floyd), in linear time.</summary>
    private void Compact()
    {
        Debug.Assert(!_rootVacant);
        int live = 0;
        for (int i = 0; i < _count; i++)
        {
            Key k = _heap[i];
            if (_slots[k.Slot].Seq == k.Seq) _heap[live++] = k;
        }
        _count = live;
        _stale = 0;
        for (int i = (live - 2) >> 2; i >= 0; i--) SiftDown(i, _heap[i]);
    }
}
