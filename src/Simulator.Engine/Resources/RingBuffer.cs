using System.Runtime.CompilerServices;

namespace Simulator.Engine;

/// <summary>A FIFO queue on a growable circular array, with access by position from the head. Allocates only to grow.</summary>
internal sealed class RingBuffer<T>
{
    private T[] _items = new T[8];
    private int _head;
    private int _count;

    public int Count => _count;

    /// <summary>The item <paramref name="offset"/> places behind the head (0 is the head).</summary>
    public ref T this[int offset]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)offset >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(offset));
            return ref _items[(_head + offset) & (_items.Length - 1)];
        }
    }

    public void Enqueue(T item)
    {
        if (_count == _items.Length) Grow();
        _items[(_head + _count) & (_items.Length - 1)] = item;
        _count++;
    }

    public T Dequeue()
    {
        if (_count == 0) throw new InvalidOperationException("the queue is empty");
        ref T slot = ref _items[_head];
        T item = slot;
        slot = default!;
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        return item;
    }

    private void Grow()
    {
        var bigger = new T[_items.Length * 2]; // lengths stay powers of two for the masks above
        for (int i = 0; i < _count; i++) bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = bigger;
        _head = 0;
    }
}
