namespace Simulator.Network;

/// <summary>
/// A binary min-heap of items (flow slots or link ids) ordered by a key, ties by a second key, where each item
/// records its place (<see cref="SetPlace"/>, <see cref="PlaceOf"/>), so that any item can be removed or given a new
/// key in O(log n). Places are 1-based: 0 means "not in the heap". The order of equal (key, tie) pairs never matters
/// when ties are unique, as they are for the heaps of the flow network (flow ids, link ids). Allocates only to grow.
/// </summary>
internal abstract class IndexedHeap
{
    private double[] _keys = new double[16];
    private long[] _ties = new long[16];
    private int[] _items = new int[16];

    public int Count { get; private set; }

    /// <summary>The item with the lowest key (the heap must not be empty).</summary>
    public int MinItem => _items[0];

    /// <summary>The lowest key (the heap must not be empty).</summary>
    public double MinKey => _keys[0];

    /// <summary>Where the item sits, 1-based; 0 when it is not in the heap.</summary>
    protected abstract int PlaceOf(int item);

    protected abstract void SetPlace(int item, int place);

    public void Add(int item, double key, long tie)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _keys, 2 * Count);
            Array.Resize(ref _ties, 2 * Count);
            Array.Resize(ref _items, 2 * Count);
        }
        int i = Count++;
        _keys[i] = key;
        _ties[i] = tie;
        _items[i] = item;
        SetPlace(item, i + 1);
        Up(i);
    }

    /// <summary>Takes the item out; it must be in the heap.</summary>
    public void Remove(int item)
    {
        int i = PlaceOf(item) - 1;
        SetPlace(item, 0);
        int last = --Count;
        if (i == last) return;
        Move(last, i);
        if (!Up(i)) Down(i);
    }

    /// <summary>Gives the item, which must be in the heap, a new key.</summary>
    public void Update(int item, double key)
    {
        int i = PlaceOf(item) - 1;
        _keys[i] = key;
        if (!Up(i)) Down(i);
    }

    /// <summary>Takes out the item with the lowest key and returns it.</summary>
    public int Pop()
    {
        int item = _items[0];
        Remove(item);
        return item;
    }

    /// <summary>Empties the heap, marking every item out of it.</summary>
    public void Clear()
    {
        for (int i = 0; i < Count; i++) SetPlace(_items[i], 0);
        Count = 0;
    }

    private bool Less(int a, int b) => _keys[a] < _keys[b] || (_keys[a] == _keys[b] && _ties[a] < _ties[b]);

    private void Move(int from, int to)
    {
        _keys[to] = _keys[from];
        _ties[to] = _ties[from];
        _items[to] = _items[from];
        SetPlace(_items[to], to + 1);
    }

    private void Swap(int a, int b)
    {
        (_keys[a], _keys[b]) = (_keys[b], _keys[a]);
        (_ties[a], _ties[b]) = (_ties[b], _ties[a]);
        (_items[a], _items[b]) = (_items[b], _items[a]);
        SetPlace(_items[a], a + 1);
        SetPlace(_items[b], b + 1);
    }

    /// <returns>True if the entry moved.</returns>
    private bool Up(int i)
    {
        int start = i;
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Less(i, parent)) break;
            Swap(i, parent);
            i = parent;
        }
        return i != start;
    }

    private void Down(int i)
    {
        while (true)
        {
            int left = 2 * i + 1;
            if (left >= Count) return;
            int child = left + 1 < Count && Less(left + 1, left) ? left + 1 : left;
            if (!Less(child, i)) return;
            Swap(i, child);
            i = child;
        }
    }
}

/// <summary>The flows of a <see cref="SharedLinkQueue"/> by finish tag, ties by id (their start order).</summary>
internal sealed class FinishTagHeap(FlowTable table) : IndexedHeap
{
    protected override int PlaceOf(int item) => table.Flows[item].TagPlace;

    protected override void SetPlace(int item, int place) => table.Flows[item].TagPlace = place;
}

/// <summary>The other binding-capable links of a <see cref="SharedLinkQueue"/> by fair level, ties by link id.</summary>
internal sealed class SideLinkHeap(FlowTable table) : IndexedHeap
{
    protected override int PlaceOf(int item) => table.Links[item].SidePlace;

    protected override void SetPlace(int item, int place) => table.Links[item].SidePlace = place;
}
