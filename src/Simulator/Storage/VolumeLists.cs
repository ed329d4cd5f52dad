namespace Simulator.Storage;

/// <summary>
/// Intrusive FIFO lists over volume indices (a volume is in at most one list at a time): O(1) append, remove
/// and pop, no allocation per operation.
/// </summary>
public sealed class VolumeLists
{
    public const byte None = 0;
    private int[] _next, _prev;
    private byte[] _list;
    private readonly int[] _head, _tail, _count;

    public VolumeLists(int volumes, int lists)
    {
        _next = new int[volumes];
        _prev = new int[volumes];
        _list = new byte[volumes];
        _head = new int[lists + 1];
        _tail = new int[lists + 1];
        _count = new int[lists + 1];
        Array.Fill(_head, -1);
        Array.Fill(_tail, -1);
    }

    public int Count(byte list) => _count[list];
    public int Head(byte list) => _head[list];
    public int Next(int v) => _next[v];
    public byte ListOf(int v) => _list[v];

    public void Append(byte list, int v)
    {
        if (_list[v] != None) throw new InvalidOperationException($"volume {v} is already in list {_list[v]}");
        _list[v] = list;
        _next[v] = -1;
        _prev[v] = _tail[list];
        if (_tail[list] >= 0) _next[_tail[list]] = v; else _head[list] = v;
        _tail[list] = v;
        _count[list]++;
    }

    /// <summary>Removes a volume from whatever list holds it; returns that list (or <see cref="None"/>).</summary>
    public byte Remove(int v)
    {
        byte list = _list[v];
        if (list == None) return None;
        int p = _prev[v], n = _next[v];
        if (p >= 0) _next[p] = n; else _head[list] = n;
        if (n >= 0) _prev[n] = p; else _tail[list] = p;
        _list[v] = None;
        _count[list]--;
        return list;
    }
}
