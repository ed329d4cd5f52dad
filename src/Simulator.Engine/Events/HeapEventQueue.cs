using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Simulator.Engine;

/// <summary>
/// An alternative pending-event set, kept for comparison in the benchmarks: a 4-ary min-heap of 16-byte struct keys over a slot table that holds each
/// event's payload. Nothing is allocated per event once the arrays have grown. Measured against
/// <see cref="RadixEventQueue"/> (which the simulation uses) with the hold model: about 1.5 times slower
/// with a hundred pending events and 3.5 times slower with a million, where each level costs a cache miss.
/// </summary>
/// <remarks>
/// <para>A key is (time, order), where order packs a sequence number (high bits) with the event's slot
/// (low <see cref="SlotBits"/> bits). The sequence increases with every schedule call, so events at equal
/// times pop in scheduling order and the pop order is a total order fixed by the calls alone (the heap's
/// layout never matters). When the sequence runs out (2^38 schedules) the live keys are renumbered in
/// their current order; that keeps the order and costs one sort per 2^38 events.</para>
/// <para>Cancellation is lazy: the slot is marked cancelled and freed when its key reaches the top, so a
/// key always refers to its own event. When cancelled keys outnumber live ones the heap is rebuilt, so
/// long runs that cancel most of their time-outs do not grow without bound.</para>
/// <para>While an event is dispatched its key stays at the root, "vacant". If the handler schedules a new
/// event, that event takes the root and sinks once, instead of a pop (sink) plus a push (rise) — the
/// common case of an event that schedules its successor.</para>
/// <para>Sinking is bottom-up (Floyd): the hole goes down to a leaf along the smaller children, with
/// branch-free child selection, then the key rises back. New keys usually belong near the leaves, so
/// this saves a hard-to-predict comparison per level. Measured with the hold model (see the benchmarks).</para>
/// </remarks>
internal sealed class HeapEventQueue : IEventQueue
{
    /// <summary>Bits of a key's order field that hold the slot: at most 2^26 (67 million) pending events.</summary>
    public const int SlotBits = 26;
    public const int MaxPending = 1 << SlotBits;
    private const ulong SlotMask = (1UL << SlotBits) - 1;
    private const long DefaultSequenceLimit = 1L << (64 - SlotBits);
    private const int CompactMinimum = 1024;

    private struct Key
    {
        public long Time;
        public ulong Order; // sequence << SlotBits | slot
    }

    private struct Payload
    {
        public IEventHandler? Handler; // null when free or cancelled
        public long Arg;
        public long Id;                // unique per scheduled event; 0 when free or cancelled
        public int Kind;
        public int NextFree;
    }

    /// <summary>Stands in as the handler of events scheduled with a delegate; the delegate waits in <see cref="_actions"/>.</summary>
    private sealed class ActionInvoker(HeapEventQueue queue) : IEventHandler
    {
        public void OnEvent(int kind, long arg)
        {
            Action action = queue._actions[arg]!;
            queue._actions[arg] = null;
            action();
        }
    }

    private readonly ActionInvoker _actionInvoker;
    private readonly long _sequenceLimit;

    private Key[] _heap = new Key[64];
    private int _count;           // keys in the heap, including a vacant root and cancelled keys
    private bool _rootVacant;
    private int _cancelled;       // keys whose event was cancelled

    private Payload[] _slots = new Payload[64];
    private Action?[] _actions = new Action?[64];
    private int _slotsUsed;       // high-water mark of the slot table
    private int _freeHead = -1;
    private long _nextSeq = 1;
    private long _nextId = 1;

    public HeapEventQueue() : this(DefaultSequenceLimit) { }

    /// <summary>For tests: a small sequence limit exercises renumbering.</summary>
    internal HeapEventQueue(long sequenceLimit)
    {
        _sequenceLimit = sequenceLimit;
        _actionInvoker = new ActionInvoker(this);
    }

    /// <summary>Events scheduled and neither fired nor cancelled.</summary>
    public int PendingCount => _count - (_rootVacant ? 1 : 0) - _cancelled;

    /// <summary>Schedule calls so far.</summary>
    public long ScheduledCount => _nextId - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EventHandle Push(long time, IEventHandler handler, int kind, long arg)
    {
        int slot = _freeHead;
        if (slot >= 0)
            _freeHead = _slots[slot].NextFree;
        else
            slot = NewSlot();
        long id = _nextId++;
        ref Payload p = ref _slots[slot];
        p.Handler = handler;
        p.Arg = arg;
        p.Kind = kind;
        p.Id = id;

        if (_nextSeq == _sequenceLimit) Renumber();
        var key = new Key { Time = time, Order = ((ulong)_nextSeq++ << SlotBits) | (uint)slot };
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
        return new EventHandle(slot, id);
    }

    public EventHandle PushAction(long time, Action action)
    {
        // The slot Push takes is the free-list head (or a new one): store the delegate there first.
        int slot = _freeHead >= 0 ? _freeHead : _slotsUsed;
        if (slot >= _actions.Length) Array.Resize(ref _actions, Math.Max(_actions.Length * 2, slot + 1));
        _actions[slot] = action;
        EventHandle handle = Push(time, _actionInvoker, 0, slot);
        Debug.Assert(handle.Slot == slot);
        return handle;
    }

    private int NewSlot()
    {
        if (_slotsUsed == MaxPending)
            throw new InvalidOperationException($"more than {MaxPending} events pending: the engine's limit (see HeapEventQueue.SlotBits)");
        if (_slotsUsed == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
        return _slotsUsed++;
    }

    public bool IsPending(EventHandle handle)
    {
        int slot = handle.Slot;
        return handle.Id != 0 && (uint)slot < (uint)_slotsUsed && _slots[slot].Id == handle.Id;
    }

    public bool Cancel(EventHandle handle)
    {
        if (!IsPending(handle)) return false;
        ref Payload p = ref _slots[handle.Slot];
        p.Id = 0;
        p.Handler = null;
        if (handle.Slot < _actions.Length) _actions[handle.Slot] = null;
        _cancelled++;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FreeSlot(int slot)
    {
        ref Payload p = ref _slots[slot];
        p.Id = 0;
        p.Handler = null;
        p.NextFree = _freeHead;
        _freeHead = slot;
    }

    /// <summary>
    /// Takes the earliest live event if its time is at most <paramref name="endTime"/>, frees its slot and
    /// leaves the root vacant until <see cref="EndDispatch"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTake(long endTime, out long time, out IEventHandler? handler, out int kind, out long arg)
    {
        Debug.Assert(!_rootVacant);
        while (_count > 0)
        {
            Key top = _heap[0];
            int slot = (int)(top.Order & SlotMask);
            ref Payload p = ref _slots[slot];
            handler = p.Handler;
            if (handler is null)
            {
                DropCancelledRoot(slot);
                continue;
            }
            if (top.Time > endTime) break;
            time = top.Time;
            kind = p.Kind;
            arg = p.Arg;
            FreeSlot(slot);
            _rootVacant = true;
            return true;
        }
        time = 0; handler = null; kind = 0; arg = 0;
        return false;
    }

    private void DropCancelledRoot(int slot)
    {
        FreeSlot(slot);
        _cancelled--;
        RemoveRoot();
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
        if (_cancelled > CompactMinimum && _cancelled > (_count >> 1)) Compact();
    }

    private void RemoveRoot()
    {
        int last = --_count;
        if (last > 0) SiftDown(0, _heap[last]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(in Key a, in Key b) => a.Time < b.Time | (a.Time == b.Time & a.Order < b.Order);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bit(bool b) => Unsafe.BitCast<bool, byte>(b);

    // The sift loops index the heap through refs: the indices are in [0, _count) by construction, and
    // the bounds checks cost a measurable share of a sift on small heaps.
    private void SiftUp(int index, Key key)
    {
        Debug.Assert(index < _heap.Length);
        ref Key heap = ref MemoryMarshal.GetArrayDataReference(_heap);
        while (index > 0)
        {
            int parent = (index - 1) >> 2;
            ref Key p = ref Unsafe.Add(ref heap, parent);
            if (!Before(key, p)) break;
            Unsafe.Add(ref heap, index) = p;
            index = parent;
        }
        Unsafe.Add(ref heap, index) = key;
    }

    /// <summary>Places <paramref name="key"/> in the subtree rooted at the hole <paramref name="index"/>.</summary>
    private void SiftDown(int index, Key key)
    {
        int count = _count;
        Debug.Assert(index < count && count <= _heap.Length);
        ref Key heap = ref MemoryMarshal.GetArrayDataReference(_heap);
        int start = index;
        // 1. Move the hole down to a leaf, always along the smallest child.
        while (true)
        {
            int first = (index << 2) + 1;
            int best;
            if (first + 3 < count)
            {
                // Branch-free: the children are in random order, so a branch per comparison would mispredict often.
                int b01 = first + Bit(Before(Unsafe.Add(ref heap, first + 1), Unsafe.Add(ref heap, first)));
                int b23 = first + 2 + Bit(Before(Unsafe.Add(ref heap, first + 3), Unsafe.Add(ref heap, first + 2)));
                best = b01 + ((b23 - b01) & -Bit(Before(Unsafe.Add(ref heap, b23), Unsafe.Add(ref heap, b01))));
            }
            else if (first < count)
            {
                best = first;
                for (int c = first + 1; c < count; c++)
                    if (Before(Unsafe.Add(ref heap, c), Unsafe.Add(ref heap, best))) best = c;
            }
            else break;
            Unsafe.Add(ref heap, index) = Unsafe.Add(ref heap, best);
            index = best;
        }
        // 2. Let the key rise from that leaf, no higher than where the hole started.
        while (index > start)
        {
            int parent = (index - 1) >> 2;
            ref Key p = ref Unsafe.Add(ref heap, parent);
            if (!Before(key, p)) break;
            Unsafe.Add(ref heap, index) = p;
            index = parent;
        }
        Unsafe.Add(ref heap, index) = key;
    }

    /// <summary>Drops cancelled keys and rebuilds the heap bottom-up, in linear time.</summary>
    private void Compact()
    {
        Debug.Assert(!_rootVacant);
        int live = 0;
        for (int i = 0; i < _count; i++)
        {
            Key k = _heap[i];
            int slot = (int)(k.Order & SlotMask);
            if (_slots[slot].Handler is not null) _heap[live++] = k;
            else FreeSlot(slot);
        }
        _count = live;
        _cancelled = 0;
        for (int i = (live - 2) >> 2; i >= 0; i--) SiftDown(i, _heap[i]);
    }

    /// <summary>Gives the live keys new sequence numbers 1, 2, … in their current order (time, sequence).</summary>
    private void Renumber()
    {
        if (_rootVacant)
        {
            _rootVacant = false;
            RemoveRoot();
        }
        Compact();
        Span<Key> keys = _heap.AsSpan(0, _count);
        keys.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Order.CompareTo(b.Order));
        for (int i = 0; i < keys.Length; i++)
            keys[i].Order = ((ulong)(i + 1) << SlotBits) | (keys[i].Order & SlotMask);
        _nextSeq = keys.Length + 1; // a sorted array is a heap
        if (_nextSeq >= _sequenceLimit)
            throw new InvalidOperationException($"too many pending events ({keys.Length}) to renumber within the sequence limit {_sequenceLimit}");
    }
}
