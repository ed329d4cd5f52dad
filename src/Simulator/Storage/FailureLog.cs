using Simulator.Engine;

namespace Simulator.Storage;

/// <summary>
/// The failure events of one cluster, and for each volume the event whose damage it still is. An event opens when
/// nodes fail, crash or become unreachable (<see cref="ForCrash"/>, <see cref="Group"/>, <see cref="Unreachable"/>);
/// while it is in progress (a <see cref="FailureScope"/>), every healthy volume that leaves the healthy state is put
/// down to it (<see cref="OnStateChanged"/>), and when the volume is healthy again — or lost, of unknown
/// consistency, restored by hand — the event counts it settled. A volume already short when another event hits it
/// stays with the first. A volume of unknown consistency is settled, not short: it waits for its recovery snapshot
/// with whatever replicas it keeps, so a failure that takes some of them counts nothing; one that leaves it no copy
/// (the crash of the node of its last replica: stuck, unavailable) makes it short again, as if it were healthy, until
/// the node is back and it waits for its snapshot again (settled as of unknown consistency) or it is lost or restored
/// by hand. Reachability that is noticed later (a write timing out) is put down to the event that made
/// the node unreachable (<see cref="EventOfNode"/>). The cost is one int per volume and per node, and O(1) per
/// transition: the work of a failure grows with the volumes it touches, never with the cluster's volume count.
/// </summary>
public sealed class FailureLog(Simulation sim, int volumes, int nodes)
{
    /// <summary>Source of the crashes of the re-mirroring race condition.</summary>
    public const string RaceConditionSource = "race_condition";

    /// <summary>Whether a crash in progress joins the current event instead of opening its own.</summary>
    internal enum Joining : byte
    {
        /// <summary>A crash opens its own event.</summary>
        No,
        /// <summary>A crash joins the event and adds its node (several nodes of one fault).</summary>
        CountingNodes,
        /// <summary>A crash joins the event, whose nodes are counted already (a node back from a power loss without its data).</summary>
        NotCountingNodes,
    }

    private readonly int[] _volumeEvent = Filled(volumes);
    private int[] _nodeEvent = Filled(nodes);
    private readonly List<Entry> _events = [];
    private int _current = -1;
    private Joining _joining;

    /// <summary>Volumes short of replicas or unavailable now, over every event: as many as are stuck or degraded.</summary>
    public int OpenVolumes { get; private set; }

    /// <summary>Failure events that made at least one volume short so far.</summary>
    public int Recorded { get; private set; }

    /// <summary>The event whose damage the volume is, or −1 when it is fully replicated or was given up.</summary>
    public int EventOf(int v) => _volumeEvent[v];

    /// <summary>A node crashes (<paramref name="forGood"/>: fails with its data): it joins the fault's event in progress, or opens its own.</summary>
    internal FailureScope ForCrash(bool forGood, string? source)
    {
        if (_current >= 0 && _joining != Joining.No)
        {
            if (_joining == Joining.CountingNodes) _events[_current].Nodes++;
            return Enter(_current, Joining.No);
        }
        return Enter(Open(forGood ? FailureKind.NodeFailure : FailureKind.NodeCrash, source, 1), Joining.No);
    }

    /// <summary>Several nodes of one fault fail together: their crashes make one event.</summary>
    internal FailureScope Group(FailureKind kind, string? source) => Enter(Open(kind, source, 0), Joining.CountingNodes);

    /// <summary>A crash of the node joins the event that made it unreachable, if any (the node is counted there already).</summary>
    internal FailureScope JoinEventOf(int node)
    {
        int e = EventOfNode(node);
        return e < 0 ? default : Enter(e, Joining.NotCountingNodes);
    }

    /// <summary>Puts volumes made short from now on down to <paramref name="e"/> (nothing when −1).</summary>
    internal FailureScope Resume(int e) => e < 0 ? default : Enter(e, Joining.No);

    /// <summary>Nodes became unreachable: one event for all of them, in progress until disposed; nothing when there are none.</summary>
    internal FailureScope Unreachable(FailureKind kind, string? source, IReadOnlyList<int> newly)
    {
        if (newly.Count == 0) return default;
        int e = Open(kind, source, newly.Count);
        foreach (int n in newly)
        {
            if (n >= _nodeEvent.Length) Grow(n);
            _nodeEvent[n] = e;
        }
        return Enter(e, Joining.No);
    }

    /// <summary>The node is reachable again: nothing more is put down to the event that cut it off.</summary>
    internal void Reachable(int n)
    {
        if (n < _nodeEvent.Length) _nodeEvent[n] = -1;
    }

    /// <summary>The event that made the node unreachable, or −1.</summary>
    public int EventOfNode(int n) => n < _nodeEvent.Length ? _nodeEvent[n] : -1;

    /// <summary>
    /// A volume's state changed (from <see cref="VolumeTable.SetState"/>): a healthy volume leaving the healthy state, or
    /// one of unknown consistency becoming stuck or degraded (its last copy crashed), is made short by the event in
    /// progress; a short one that is healthy again, lost or of unknown consistency is settled. A volume is short exactly
    /// while it is stuck or degraded.
    /// </summary>
    /// <param name="v">The volume.</param>
    /// <param name="prev">Its state before.</param>
    /// <param name="next">Its state now.</param>
    /// <param name="unavailable">It has no reachable copy now.</param>
    /// <param name="replicated">It has all its replicas (for <see cref="VolumeState.Healthy"/>: not restored outside the cluster).</param>
    internal void OnStateChanged(int v, VolumeState prev, VolumeState next, bool unavailable, bool replicated)
    {
        // Of unknown consistency (settled), a volume is short again once it is stuck or degraded: its last copy crashed.
        if (prev == VolumeState.Healthy || (prev == VolumeState.ConsistencyUnknown && next is VolumeState.Stuck or VolumeState.Degraded))
        {
            int e = _current >= 0 ? _current : Unattributed();
            var entry = _events[e];
            if (entry.MadeShort++ == 0) Recorded++;
            if (unavailable) entry.Unavailable++;
            entry.Open++;
            OpenVolumes++;
            _volumeEvent[v] = e;
        }
        if (next is not (VolumeState.Healthy or VolumeState.Lost or VolumeState.ConsistencyUnknown) || _volumeEvent[v] < 0) return;
        var settled = _events[_volumeEvent[v]];
        _volumeEvent[v] = -1;
        settled.Open--;
        OpenVolumes--;
        long now = sim.Now.Ticks;
        settled.LastSettledTicks = now;
        switch (next)
        {
            case VolumeState.Lost: settled.Lost++; break;
            case VolumeState.ConsistencyUnknown: settled.ConsistencyUnknown++; break;
            case VolumeState.Healthy when replicated:
                settled.Replicated++;
                settled.LastReplicatedTicks = now;
                break;
            default: settled.RestoredByHand++; break;
        }
    }

    /// <summary>The events that made volumes short, as they stand now, in the order they happened (their index not set yet: −1).</summary>
    /// <summary>The indices (<see cref="EventOf"/>) of the events <see cref="Records"/> lists, in its order.</summary>
    public IEnumerable<int> RecordedEvents()
    {
        for (int e = 0; e < _events.Count; e++)
            if (_events[e].MadeShort > 0) yield return e;
    }

    public IEnumerable<FailureRecord> Records(string zone, string cluster)
    {
        foreach (var e in _events)
        {
            if (e.MadeShort == 0) continue;
            var at = new Duration(e.Ticks);
            Duration? full = e.Open == 0 && e.Replicated > 0 ? new Duration(e.LastReplicatedTicks - e.Ticks) : null;
            Duration? settled = e.Open == 0 ? new Duration(e.LastSettledTicks - e.Ticks) : null;
            yield return new FailureRecord(-1, at, zone, cluster, e.Kind, e.Source, e.Nodes, e.MadeShort, e.Unavailable, e.Replicated,
                e.Lost, e.ConsistencyUnknown, e.RestoredByHand, e.Open, full, settled);
        }
    }

    /// <summary>
    /// Restores the event in progress before a scope (called by <see cref="FailureScope.Dispose"/>).
    /// </summary>
    internal void Restore(int previous, Joining joining)
    {
        _current = previous;
        _joining = joining;
    }

    private FailureScope Enter(int e, Joining joining)
    {
        var scope = new FailureScope(this, _current, _joining);
        _current = e;
        _joining = joining;
        return scope;
    }

    private int Open(FailureKind kind, string? source, int nodes)
    {
        _events.Add(new Entry { Ticks = sim.Now.Ticks, Kind = kind, Source = source ?? "", Nodes = nodes });
        return _events.Count - 1;
    }

    /// <summary>A volume made short with no event in progress: one event of kind other per instant.</summary>
    private int Unattributed()
    {
        var last = _events.Count > 0 ? _events[^1] : null;
        return last is { Kind: FailureKind.Other } && last.Ticks == sim.Now.Ticks ? _events.Count - 1 : Open(FailureKind.Other, null, 0);
    }

    private void Grow(int n)
    {
        int old = _nodeEvent.Length;
        Array.Resize(ref _nodeEvent, Math.Max(n + 1, 2 * old));
        Array.Fill(_nodeEvent, -1, old, _nodeEvent.Length - old);
    }

    private static int[] Filled(int count)
    {
        var array = new int[count];
        Array.Fill(array, -1);
        return array;
    }

    /// <summary>One event's counts; volumes are counted when made short and when settled.</summary>
    private sealed class Entry
    {
        public long Ticks;
        public FailureKind Kind;
        public string Source = "";
        public int Nodes, MadeShort, Unavailable, Open, Replicated, Lost, ConsistencyUnknown, RestoredByHand;
        public long LastSettledTicks = -1, LastReplicatedTicks = -1;
    }
}
