using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Simulator.Engine;

/// <summary>
/// The pending-event set as a radix heap (Ahuja, Mehlhorn, Orlin and Tarjan, 1990) with byte-wide digits,
/// over 128-bit keys (time, order). It relies on the simulation clock being monotone: no event is ever
/// scheduled before the last one taken. An event lives in the bucket (p, d) where p is the highest byte in
/// which its key differs from the last key taken and d is its own byte there; buckets in (p, d) order hold
/// increasing keys. Taking the minimum empties the lowest non-empty bucket into lower levels, so an event
/// moves at most 15 times and, measured on the hold model, one or two times on average. Every access is an
/// append or a sequential scan, which is what makes it fast with millions of pending events, where a
/// binary or 4-ary heap pays a cache miss per level. Nothing is allocated per event in steady state.
/// </summary>
/// <remarks>
/// <para>Order packs a sequence number (high bits) with the event's slot (low <see cref="SlotBits"/> bits).
/// The sequence increases with every schedule call, so keys are unique and events at equal times are taken
/// in scheduling order. When the sequence runs out (2^38 schedules) the pending events are renumbered in
/// their current order.</para>
/// <para>The payload (handler, kind, argument) travels in the entry, so taking an event reads no other
/// table. The slot table holds only what handles need: an id per slot and a bit "still pending". A cancelled
/// event's bit is cleared at once and its entry dropped when it comes out (or when cancelled entries
/// outnumber live ones, by a sweep), so its slot is reused only after that.</para>
/// </remarks>
internal sealed class RadixEventQueue : IEventQueue
{
    public const int SlotBits = 26;
    public const int MaxPending = 1 << SlotBits;
    private const ulong SlotMask = (1UL << SlotBits) - 1;
    private const long DefaultSequenceLimit = 1L << (64 - SlotBits);
    private const int DigitBits = 8;
    private const int BucketCount = 16 << DigitBits; // 16 byte positions × 256 digit values
    private const int CompactMinimum = 1024;

    private struct Entry
    {
        public long Time;
        public ulong Order;
        public IEventHandler Handler;
        public long Arg;
        public int Kind;
    }

    private sealed class ActionInvoker(RadixEventQueue queue) : IEventHandler
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

    /// <summary>One bucket: its entries (unsorted) and the smallest key among them.</summary>
    private struct Bucket
    {
        public Entry[] Items;   // Own, or a larger array lent by the pool while the bucket is big
        public Entry[] Own;     // OwnCapacity entries, kept for the life of the queue
        public int Count;
        public long MinTime;
        public ulong MinOrder;
    }

    // Bucket storage. Every bucket owns a small array from the start, so that a bucket first used late in
    // a run does not allocate; larger arrays (powers of two) are lent from a pool and returned when the
    // bucket empties, so memory follows the buckets in use, not every bucket's largest size ever, and a
    // run stops allocating once the pool holds what its busiest moment needed.
    private const int OwnCapacity = 8; // 4096 buckets × 8 entries × 40 bytes = 1.3 MB per queue
    private readonly Stack<Entry[]>[] _pool = CreatePool();

    private static Stack<Entry[]>[] CreatePool()
    {
        var pool = new Stack<Entry[]>[32]; // by size class: arrays of 2^k entries
        for (int k = 0; k < pool.Length; k++) pool[k] = new Stack<Entry[]>();
        return pool;
    }

    private readonly Bucket[] _buckets = new Bucket[BucketCount];
    private readonly ulong[] _nonEmpty = new ulong[BucketCount / 64]; // one bit per bucket
    private ulong _nonEmptyWords;                                        // one bit per word of _nonEmpty
    private long _lastTime;       // key of the last event taken: every pending key is greater
    private ulong _lastOrder;
    private int _count;           // entries, including cancelled ones
    private int _cancelled;

    private long[] _ids = new long[64];       // id of the event in each slot
    private ulong[] _pending = new ulong[1];  // one bit per slot
    private int[] _free = new int[64];
    private int _freeCount;
    private int _slotsUsed;
    private Action?[] _actions = new Action?[64];
    private long _nextSeq = 1;
    private long _nextId = 1;

    public RadixEventQueue() : this(DefaultSequenceLimit) { }

    /// <summary>For tests: a small sequence limit exercises renumbering.</summary>
    internal RadixEventQueue(long sequenceLimit)
    {
        _sequenceLimit = sequenceLimit;
        _actionInvoker = new ActionInvoker(this);
        for (int b = 0; b < BucketCount; b++) _buckets[b].Items = _buckets[b].Own = new Entry[OwnCapacity];
    }

    public int PendingCount => _count - _cancelled;

    public long ScheduledCount => _nextId - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EventHandle Push(long time, IEventHandler handler, int kind, long arg)
    {
        int slot = _freeCount > 0 ? _free[--_freeCount] : NewSlot();
        long id = _nextId++;
        _ids[slot] = id;
        _pending[slot >> 6] |= 1UL << slot;
        if (_nextSeq == _sequenceLimit) Renumber();
        ulong order = ((ulong)_nextSeq++ << SlotBits) | (uint)slot;
        // Keys taken so far are below every pending key. Cancelled entries taken after the last live one
        // may have moved the last key past the clock; with nothing pending, any key will do as the last.
        if (_count == 0) { _lastTime = 0; _lastOrder = 0; }
        if (time < _lastTime) ThrowNotMonotone(time);
        Append(BucketOf(time, order), time, order, handler, arg, kind);
        _count++;
        return new EventHandle(slot, id);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowNotMonotone(long time) =>
        throw new InvalidOperationException($"internal error: event at {time} µs scheduled before the last taken at {_lastTime} µs");

    public EventHandle PushAction(long time, Action action)
    {
        int slot = _freeCount > 0 ? _free[_freeCount - 1] : _slotsUsed;
        if (slot >= _actions.Length) Array.Resize(ref _actions, Math.Max(_actions.Length * 2, slot + 1));
        _actions[slot] = action;
        EventHandle handle = Push(time, _actionInvoker, 0, slot);
        Debug.Assert(handle.Slot == slot);
        return handle;
    }

    private int NewSlot()
    {
        if (_slotsUsed == MaxPending)
            throw new InvalidOperationException($"more than {MaxPending} events pending: the engine's limit");
        if (_slotsUsed == _ids.Length)
        {
            Array.Resize(ref _ids, _ids.Length * 2);
            Array.Resize(ref _free, _free.Length * 2);
            Array.Resize(ref _pending, _ids.Length / 64);
        }
        return _slotsUsed++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketOf(long time, ulong order)
    {
        ulong high = (ulong)(time ^ _lastTime);
        if (high != 0)
        {
            int p = (63 - BitOperations.LeadingZeroCount(high)) >> 3;              // byte position within the time
            return ((8 + p) << DigitBits) | (int)(((ulong)time >> (p << 3)) & 0xFF);
        }
        else
        {
            int p = (63 - BitOperations.LeadingZeroCount(order ^ _lastOrder)) >> 3;
            return (p << DigitBits) | (int)((order >> (p << 3)) & 0xFF);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int LowestNonEmpty()
    {
        int w = BitOperations.TrailingZeroCount(_nonEmptyWords);
        return (w << 6) | BitOperations.TrailingZeroCount(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_nonEmpty), w));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkEmpty(int bucket)
    {
        ref ulong word = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_nonEmpty), bucket >> 6);
        word &= ~(1UL << bucket);
        if (word == 0) _nonEmptyWords &= ~(1UL << (bucket >> 6));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkNonEmpty(int bucket)
    {
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_nonEmpty), bucket >> 6) |= 1UL << bucket;
        _nonEmptyWords |= 1UL << (bucket >> 6);
    }

    // Fields are written one by one: copying a whole Entry (it holds a reference) costs a helper call
    // and a block move, measurably slower on the hot path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Bucket BucketAt(int b) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buckets), b);

    // Fields are written one by one: copying a whole Entry (it holds a reference) costs a helper call
    // and a block move, measurably slower on the hot path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(int b, long time, ulong order, IEventHandler handler, long arg, int kind)
    {
        Debug.Assert((uint)b < BucketCount);
        ref Bucket bucket = ref BucketAt(b);
        int count = bucket.Count;
        Entry[] items = bucket.Items;
        if ((uint)count >= (uint)items.Length) items = Grow(ref bucket);
        ref Entry e = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(items), count);
        e.Time = time;
        e.Order = order;
        e.Handler = handler;
        e.Arg = arg;
        e.Kind = kind;
        bucket.Count = count + 1;
        if (count == 0)
        {
            bucket.MinTime = time;
            bucket.MinOrder = order;
            MarkNonEmpty(b);
        }
        else if (time < bucket.MinTime || (time == bucket.MinTime && order < bucket.MinOrder))
        {
            bucket.MinTime = time;
            bucket.MinOrder = order;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Entry[] Grow(ref Bucket bucket)
    {
        Entry[] old = bucket.Items;
        int sizeClass = BitOperations.Log2((uint)old.Length) + 1;
        Entry[] larger = null!;
        for (int k = sizeClass; k < _pool.Length && larger is null; k++)
            _pool[k].TryPop(out larger!);
        larger ??= new Entry[1 << sizeClass];
        old.AsSpan().CopyTo(larger);
        if (old != bucket.Own) ReturnToPool(old);
        return bucket.Items = larger;
    }

    // Arrays are not cleared when they empty or go back to the pool: clearing doubled the memory traffic
    // of moving entries (measured: a third of the time with a million pending events). The price is that
    // stale entries keep their handlers reachable while the queue lives; handlers are model components,
    // which live as long as the simulation anyway, and delegates of processes are held elsewhere.
    private void ReturnToPool(Entry[] array) => _pool[BitOperations.Log2((uint)array.Length)].Push(array);

    /// <summary>After a bucket empties: a borrowed array goes back to the pool.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Release(ref Bucket bucket)
    {
        if (bucket.Items != bucket.Own)
        {
            ReturnToPool(bucket.Items);
            bucket.Items = bucket.Own;
        }
    }

    public bool IsPending(EventHandle handle)
    {
        int slot = handle.Slot;
        return handle.Id != 0 && (uint)slot < (uint)_slotsUsed && _ids[slot] == handle.Id
            && (_pending[slot >> 6] & (1UL << slot)) != 0;
    }

    public bool Cancel(EventHandle handle)
    {
        if (!IsPending(handle)) return false;
        int slot = handle.Slot;
        _pending[slot >> 6] &= ~(1UL << slot);
        if (slot < _actions.Length) _actions[slot] = null;
        _cancelled++;
        return true;
    }

    /// <summary>Takes the earliest pending event if its time is at most <paramref name="endTime"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTake(long endTime, out long time, out IEventHandler? handler, out int kind, out long arg)
    {
        while (_nonEmptyWords != 0)
        {
            int b = LowestNonEmpty();
            if (BucketAt(b).MinTime > endTime) break;
            ref Entry e = ref TakeMinimum(b);
            int slot = (int)(e.Order & SlotMask);
            ref ulong bits = ref _pending[slot >> 6];
            ulong bit = 1UL << slot;
            _free[_freeCount++] = slot;
            _count--;
            if ((bits & bit) == 0)
            {
                _cancelled--;
                continue;
            }
            bits &= ~bit;
            time = e.Time;
            handler = e.Handler;
            kind = e.Kind;
            arg = e.Arg;
            return true;
        }
        time = 0; handler = null; kind = 0; arg = 0;
        return false;
    }

    /// <summary>
    /// Removes the minimum of bucket <paramref name="b"/>, the lowest non-empty one, makes it the last key and
    /// returns a reference to it, valid until the next push.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Entry TakeMinimum(int b)
    {
        ref Bucket bucket = ref BucketAt(b);
        _lastTime = bucket.MinTime;
        _lastOrder = bucket.MinOrder;
        MarkEmpty(b);
        int count = bucket.Count;
        bucket.Count = 0;
        if (count == 1) return ref MemoryMarshal.GetArrayDataReference(bucket.Items);
        return ref Redistribute(ref bucket, count);
    }

    /// <summary>
    /// Moves every entry of the bucket emptied by <see cref="TakeMinimum"/> but its minimum (now the last key)
    /// to lower buckets: each differs from the new last key only below the bucket's byte, and all lower
    /// buckets are empty. Returns the minimum, parked in the bucket's own array.
    /// </summary>
    private ref Entry Redistribute(ref Bucket bucket, int count)
    {
        ulong minOrder = _lastOrder;
        int minIndex = 0;
        ref Entry first = ref MemoryMarshal.GetArrayDataReference(bucket.Items);
        for (int i = 0; i < count; i++)
        {
            ref Entry e = ref Unsafe.Add(ref first, i);
            if (e.Order == minOrder) minIndex = i;
            else Append(BucketOf(e.Time, e.Order), e.Time, e.Order, e.Handler, e.Arg, e.Kind);
        }
        if (bucket.Items == bucket.Own) return ref Unsafe.Add(ref first, minIndex);
        bucket.Own[0] = Unsafe.Add(ref first, minIndex);
        Release(ref bucket);
        return ref bucket.Own[0];
    }

    /// <summary>Ends the dispatch of the event taken last; sweeps cancelled entries when they outnumber live ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndDispatch()
    {
        if (_cancelled > CompactMinimum && _cancelled > (_count >> 1)) Compact();
    }

    private void Compact()
    {
        Array.Clear(_nonEmpty);
        _nonEmptyWords = 0;
        for (int b = 0; b < BucketCount; b++)
        {
            Entry[] items = _buckets[b].Items;
            int count = _buckets[b].Count;
            _buckets[b].Count = 0;
            for (int i = 0; i < count; i++)
            {
                Entry e = items[i];
                int slot = (int)(e.Order & SlotMask);
                if ((_pending[slot >> 6] & (1UL << slot)) != 0) Append(b, e.Time, e.Order, e.Handler, e.Arg, e.Kind);
                else _free[_freeCount++] = slot;
            }
            Array.Clear(items, _buckets[b].Count, count - _buckets[b].Count);
            if (_buckets[b].Count == 0) Release(ref _buckets[b]);
        }
        _count -= _cancelled;
        _cancelled = 0;
    }

    /// <summary>Gives the pending events new sequence numbers 1, 2, … in their current order.</summary>
    private void Renumber()
    {
        Compact();
        var all = new List<Entry>(_count);
        for (int b = 0; b < BucketCount; b++)
        {
            ref Bucket bucket = ref _buckets[b];
            all.AddRange(bucket.Items.AsSpan(0, bucket.Count));
            Array.Clear(bucket.Items, 0, bucket.Count);
            Release(ref bucket);
            bucket.Count = 0;
        }
        Array.Clear(_nonEmpty);
        _nonEmptyWords = 0;
        all.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Order.CompareTo(b.Order));
        _lastOrder = 0;
        for (int i = 0; i < all.Count; i++)
        {
            Entry e = all[i];
            e.Order = ((ulong)(i + 1) << SlotBits) | (e.Order & SlotMask);
            Append(BucketOf(e.Time, e.Order), e.Time, e.Order, e.Handler, e.Arg, e.Kind);
        }
        _nextSeq = all.Count + 1;
        if (_nextSeq >= _sequenceLimit)
            throw new InvalidOperationException($"too many pending events ({all.Count}) to renumber within the sequence limit {_sequenceLimit}");
    }
}
