using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Simulator.Engine;

/// <summary>
/// The payloads of scheduled events, one slot each, for the pending-event sets: a key carries its event's slot in
/// its low <see cref="SlotBits"/> bits, and the slot holds the handler, kind, argument and handle id. A slot is live
/// from scheduling until its event fires or is cancelled (its id is then 0), and free again once its key has left
/// the set; free slots form a list. Kept as a field of its queue and never copied, so the arrays are one load away.
/// </summary>
/// <remarks>
/// A slot keeps its handler after its event fires, so that scheduling the same handler into it again (the usual
/// case: a few objects handle every event) stores nothing and pays no GC write barrier; a fired handler stays
/// referenced until its slot is reused. Cancelling drops it.
/// </remarks>
internal struct EventSlots
{
    /// <summary>Bits of a key's order field that hold the slot: at most 2^26 (67 million) pending events.</summary>
    public const int SlotBits = 26;
    public const int MaxPending = 1 << SlotBits;
    public const ulong SlotMask = (1UL << SlotBits) - 1;

    private struct Payload
    {
        public IEventHandler? Handler;
        public long Arg;
        public long Id;       // unique per scheduled event; 0 when fired, cancelled or free
        public int Kind;
        public int NextFree;
    }

    private Payload[] _payloads;
    private readonly ActionTable _actions;
    private int _used;        // high-water mark
    private int _freeHead;
    private long _nextId;

    public EventSlots()
    {
        _payloads = new Payload[64];
        _actions = new ActionTable();
        _freeHead = -1;
        _nextId = 1;
    }

    /// <summary>Schedule calls so far.</summary>
    public readonly long ScheduledCount => _nextId - 1;

    /// <summary>The slot of <paramref name="order"/>, a key's order field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SlotOf(ulong order) => (int)(order & SlotMask);

    /// <summary>Stores a new event in a free slot; its handle names the slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EventHandle Add(IEventHandler handler, int kind, long arg)
    {
        int slot = _freeHead;
        if (slot >= 0) _freeHead = _payloads[slot].NextFree;
        else slot = NewSlot();
        long id = _nextId++;
        ref Payload p = ref _payloads[slot];
        if (!ReferenceEquals(p.Handler, handler)) p.Handler = handler;
        p.Arg = arg;
        p.Kind = kind;
        p.Id = id;
        return new EventHandle(slot, id);
    }

    /// <summary>Stores a new event that runs <paramref name="action"/>; the delegate waits under the slot it takes.</summary>
    public EventHandle AddAction(Action action)
    {
        int slot = _freeHead >= 0 ? _freeHead : _used;
        _actions.Store(slot, action);
        EventHandle handle = Add(_actions, 0, slot);
        Debug.Assert(handle.Slot == slot);
        return handle;
    }

    private int NewSlot()
    {
        if (_used == MaxPending)
            throw new InvalidOperationException($"more than {MaxPending} events pending: the engine's limit");
        if (_used == _payloads.Length) Array.Resize(ref _payloads, _payloads.Length * 2);
        return _used++;
    }

    /// <summary>Whether the event in <paramref name="slot"/> is still to fire (not cancelled).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool IsLive(int slot) => At(slot).Id != 0;

    /// <summary>
    /// The key of <paramref name="slot"/> leaves the set. If its event is live it fires: gives what to call and
    /// returns true. Either way the slot is free.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTake(int slot, out IEventHandler handler, out int kind, out long arg)
    {
        ref Payload p = ref At(slot);
        bool live = p.Id != 0;
        handler = p.Handler!;
        kind = p.Kind;
        arg = p.Arg;
        p.Id = 0;
        p.NextFree = _freeHead;
        _freeHead = slot;
        return live;
    }

    /// <summary>The key of a cancelled event has left the set: its slot is free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Free(int slot)
    {
        ref Payload p = ref At(slot);
        Debug.Assert(p.Id == 0);
        p.NextFree = _freeHead;
        _freeHead = slot;
    }

    public readonly bool IsPending(EventHandle handle)
    {
        int slot = handle.Slot;
        return handle.Id != 0 && (uint)slot < (uint)_used && _payloads[slot].Id == handle.Id;
    }

    /// <summary>Marks the event cancelled (its key stays until the set drops it, then <see cref="Free"/>).</summary>
    public readonly bool Cancel(EventHandle handle)
    {
        if (!IsPending(handle)) return false;
        ref Payload p = ref _payloads[handle.Slot];
        p.Id = 0;
        p.Handler = null;
        _actions.Clear(handle.Slot);
        return true;
    }

    /// <summary>Fetches the payload of <paramref name="order"/>'s slot into the cache: its key is near the front.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly unsafe void Prefetch(ulong order)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref At(SlotOf(order))));
    }

    // Slots come from keys the queue wrote, always below the high-water mark: no bounds check.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly ref Payload At(int slot) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_payloads), slot);

    /// <summary>The delegates of events scheduled with one, by slot; it stands in as their handler.</summary>
    private sealed class ActionTable : IEventHandler
    {
        private Action?[] _actions = new Action?[64];

        public void Store(int slot, Action action)
        {
            if (slot >= _actions.Length) Array.Resize(ref _actions, Math.Max(_actions.Length * 2, slot + 1));
            _actions[slot] = action;
        }

        public void Clear(int slot)
        {
            if (slot < _actions.Length) _actions[slot] = null;
        }

        public void OnEvent(int kind, long arg)
        {
            Action action = _actions[arg]!;
            _actions[arg] = null;
            action();
        }
    }
}
