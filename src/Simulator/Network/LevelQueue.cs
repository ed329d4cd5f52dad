using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Simulator.Network;

/// <summary>
/// The links of a component by water level, for <see cref="MaxMinSolver"/>: a monotone priority queue (a radix heap
/// with one-bit digits) over non-negative levels, whose bit patterns order like the levels. It relies on progressive
/// filling being monotone: nothing is pushed below the last level taken. A level lives in bucket b, the position of
/// the highest bit in which it differs from the last level taken, plus one (bucket 0: equal to it); taking the
/// minimum empties the lowest non-empty bucket into lower ones, so an entry moves at most 64 times (about 5 times on
/// the 10,000-flow benchmark, whose levels share their exponent and leading bits). Push is O(1); taking is O(1)
/// amortised plus the moves. Equal levels come out in a fixed order
/// (the last pushed first), so results depend only on the order of pushes. Allocates only to grow.
/// </summary>
internal sealed class LevelQueue
{
    private const int Buckets = 65;

    private readonly ulong[][] _keys = new ulong[Buckets][];
    private readonly int[][] _ids = new int[Buckets][];
    private readonly int[] _counts = new int[Buckets];
    private ulong _nonEmpty; // bit b set when bucket b + 1 holds entries (bucket 0 is tested on its count)
    private ulong _last;

    public LevelQueue()
    {
        for (int b = 0; b < Buckets; b++)
        {
            _keys[b] = new ulong[8];
            _ids[b] = new int[8];
        }
    }

    /// <summary>Empties the queue and sets the last level taken to 0.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        _nonEmpty = 0;
        _last = 0;
    }

    /// <summary>Adds <paramref name="id"/> at <paramref name="level"/>, which must be at least the last level taken.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(double level, int id)
    {
        ulong key = BitConverter.DoubleToUInt64Bits(level);
        Debug.Assert(key >= _last, "a level below the last one taken");
        Add(BucketOf(key), key, id);
    }

    /// <summary>The lowest level held, false if none; it becomes the last level taken.</summary>
    public bool TryPeek(out double level)
    {
        if (_counts[0] == 0 && !Refill())
        {
            level = 0;
            return false;
        }
        level = BitConverter.UInt64BitsToDouble(_last);
        return true;
    }

    /// <summary>Removes one entry at the lowest level (<see cref="TryPeek"/> must have returned true).</summary>
    public int Pop() => _ids[0][--_counts[0]];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketOf(ulong key) => key == _last ? 0 : 64 - BitOperations.LeadingZeroCount(key ^ _last);

    private void Add(int b, ulong key, int id)
    {
        int n = _counts[b];
        if (n == _keys[b].Length)
        {
            Array.Resize(ref _keys[b], 2 * n);
            Array.Resize(ref _ids[b], 2 * n);
        }
        _keys[b][n] = key;
        _ids[b][n] = id;
        _counts[b] = n + 1;
        if (b > 0) _nonEmpty |= 1UL << (b - 1);
    }

    /// <summary>Moves the lowest non-empty bucket into lower ones around its minimum, the new last level.</summary>
    private bool Refill()
    {
        if (_nonEmpty == 0) return false;
        int b = BitOperations.TrailingZeroCount(_nonEmpty) + 1;
        ulong[] keys = _keys[b];
        int[] ids = _ids[b];
        int n = _counts[b];
        ulong min = keys[0];
        for (int i = 1; i < n; i++) min = Math.Min(min, keys[i]);
        _last = min;
        _counts[b] = 0;
        _nonEmpty &= ~(1UL << (b - 1));
        for (int i = 0; i < n; i++) Add(BucketOf(keys[i]), keys[i], ids[i]);
        return true;
    }
}
