namespace Simulator.Storage;

/// <summary>
/// The nodes of one cluster, one array entry per node: space used and held, status, isolation, the volumes each
/// holds (or held: entries are filtered when read and compacted when the node returns to service) and the volumes
/// negotiating or copying towards it, plus the free-space index placement searches. A node's status changes only
/// through <see cref="MarkCrashed"/>, <see cref="MarkRestarted"/> and <see cref="ReturnToService"/>, each of which
/// checks what must hold before and after.
/// <para>
/// A live node can be dark — cut off, its replicas kept but out of reach — for two reasons that may overlap: a power
/// loss (<see cref="SetPower"/>: no power, or its network gear not back yet) and failures of a failure domain it is
/// in that keep its data (<see cref="AddOutage"/>, counted, so that two overlapping outages end one at a time). It
/// is dark while either holds; a crash ends both.
/// </para>
/// </summary>
public sealed class NodeTable
{
    private readonly string _cluster;
    private long[] _usedMiB;
    private long[] _heldMiB;
    private NodeStatus[] _status;
    private bool[] _isolated;
    private bool[] _unpowered; // lost power, not restored yet
    private bool[] _powerDark; // cut off by a power loss: unpowered, or its network gear not back yet
    private int[] _outages;    // ongoing failures of its domains that cut it off with its data
    private int[] _crashes;    // crashes of the node so far
    private List<int>[] _volumes;
    private List<int>[] _incoming;
    private readonly List<int> _crashing = []; // crashed nodes whose volumes are being handled (crashes can nest)

    public NodeTable(string cluster, int nodes, int volumesPerNode, Placement.FailureDomains domains)
    {
        _cluster = cluster;
        Count = nodes;
        _usedMiB = new long[nodes];
        _heldMiB = new long[nodes];
        _status = new NodeStatus[nodes];
        _isolated = new bool[nodes];
        _unpowered = new bool[nodes];
        _powerDark = new bool[nodes];
        _outages = new int[nodes];
        _crashes = new int[nodes];
        _volumes = new List<int>[nodes];
        _incoming = new List<int>[nodes];
        for (int n = 0; n < nodes; n++)
        {
            _volumes[n] = new List<int>(volumesPerNode);
            _incoming[n] = [];
        }
        Free = new Placement.DomainFreeSpace(domains);
    }

    /// <summary>Nodes so far, added ones included.</summary>
    public int Count { get; private set; }
    /// <summary>Capacity of every node; set once, when the initial data is placed.</summary>
    public long CapacityMiB { get; private set; }
    /// <summary>Free space of the nodes that accept new replicas (up and reachable).</summary>
    public Placement.DomainFreeSpace Free { get; }
    /// <summary>Crashes so far (cumulative).</summary>
    public int Crashed { get; private set; }
    /// <summary>Nodes out of service now: crashed, or restarted but not reused yet.</summary>
    public int Down { get; private set; }
    /// <summary>Restarted nodes waiting to be reused.</summary>
    public int RestartedDown { get; private set; }
    public int Added { get; private set; }
    public int Isolated { get; private set; }
    /// <summary>Nodes without power now.</summary>
    public int Unpowered { get; private set; }
    /// <summary>Nodes cut off now: by a power loss (no power, or no network gear yet) or a domain outage.</summary>
    public int Dark { get; private set; }
    /// <summary>Space of given-up replicas held on live nodes until re-mirroring is over.</summary>
    public long HeldTotalMiB { get; private set; }

    public NodeStatus Status(int n) => _status[n];
    public bool IsIsolated(int n) => _isolated[n];
    /// <summary>Cut off with its data: by a power loss, or by an outage of one of its domains.</summary>
    public bool IsDark(int n) => _powerDark[n] || _outages[n] > 0;
    /// <summary>Cut off by a power loss: without power, or powered but its network gear not back yet.</summary>
    public bool IsPowerDark(int n) => _powerDark[n];
    public bool IsUnpowered(int n) => _unpowered[n];
    /// <summary>Domain outages that cut the node off now.</summary>
    public int OutagesOf(int n) => _outages[n];
    /// <summary>Times the node crashed so far: a change tells that whatever held it before is over.</summary>
    public int CrashesOf(int n) => _crashes[n];
    /// <summary>No replica on the node can be reached: its network is congested, or it is dark.</summary>
    public bool IsUnreachable(int n) => _isolated[n] || IsDark(n);
    public bool IsCrashed(int n) => _status[n] == NodeStatus.Crashed;
    /// <summary>Crashed, and its volumes already handled: no volume may still rely on it.</summary>
    public bool IsDead(int n) => _status[n] == NodeStatus.Crashed && (_crashing.Count == 0 || !_crashing.Contains(n));
    /// <summary>Volumes with (or once with) a replica on the node.</summary>
    public List<int> VolumesOn(int n) => _volumes[n];
    /// <summary>Volumes negotiating or copying towards the node.</summary>
    public List<int> IncomingTo(int n) => _incoming[n];

    public void SetCapacity(long miB)
    {
        if (CapacityMiB != 0) throw new InvalidOperationException($"cluster {_cluster}: node capacity is set once");
        CapacityMiB = miB;
        for (int n = 0; n < Count; n++) Refresh(n);
    }

    public void Occupy(int n, long miB)
    {
        _usedMiB[n] += miB;
        Refresh(n);
    }

    public void Vacate(int n, long miB)
    {
        _usedMiB[n] -= miB;
        Refresh(n);
    }

    /// <summary>Keeps the space of a replica given up on a live node until re-mirroring is over.</summary>
    public void Hold(int n, long miB)
    {
        _heldMiB[n] += miB;
        HeldTotalMiB += miB;
    }

    /// <summary>Frees every held replica's space (re-mirroring is over).</summary>
    public void ReleaseHeld(int n)
    {
        if (_heldMiB[n] == 0) return;
        _usedMiB[n] -= _heldMiB[n];
        HeldTotalMiB -= _heldMiB[n];
        _heldMiB[n] = 0;
        Refresh(n);
    }

    public void AddIncoming(int n, int v) => _incoming[n].Add(v);

    public void RemoveIncoming(int n, int v)
    {
        var incoming = _incoming[n];
        int i = incoming.LastIndexOf(v);
        if (i < 0) throw new InvalidOperationException($"cluster {_cluster}: volume {v} is not copying towards node {n}");
        incoming[i] = incoming[^1];
        incoming.RemoveAt(incoming.Count - 1);
    }

    /// <summary>Whether the network can reach the node; a crashed node is not counted as isolated.</summary>
    public void SetIsolated(int n, bool isolated)
    {
        if (isolated && _status[n] == NodeStatus.Crashed) throw new InvalidOperationException($"cluster {_cluster}: crashed node {n} cannot be isolated");
        if (_isolated[n] == isolated) return;
        _isolated[n] = isolated;
        Isolated += isolated ? 1 : -1;
        Refresh(n);
    }

    /// <summary>A power loss cuts the node off (<paramref name="dark"/>), or its power and network are back; <paramref name="unpowered"/>: it has no power.</summary>
    public void SetPower(int n, bool dark, bool unpowered)
    {
        if (dark && _status[n] == NodeStatus.Crashed) throw new InvalidOperationException($"cluster {_cluster}: crashed node {n} cannot go dark");
        if (unpowered && !dark) throw new InvalidOperationException($"cluster {_cluster}: node {n} without power is dark");
        if (_unpowered[n] != unpowered) { _unpowered[n] = unpowered; Unpowered += unpowered ? 1 : -1; }
        if (_powerDark[n] == dark) return;
        bool before = IsDark(n);
        _powerDark[n] = dark;
        DarkChanged(n, before);
    }

    /// <summary>An outage of one of the node's domains cuts it off, its data kept, until <see cref="RemoveOutage"/>.</summary>
    public void AddOutage(int n)
    {
        if (_status[n] == NodeStatus.Crashed) throw new InvalidOperationException($"cluster {_cluster}: crashed node {n} cannot go dark");
        bool before = IsDark(n);
        _outages[n]++;
        DarkChanged(n, before);
    }

    /// <summary>One of the outages that cut the node off is over.</summary>
    public void RemoveOutage(int n)
    {
        if (_outages[n] == 0) throw new InvalidOperationException($"cluster {_cluster}: node {n} has no outage to end");
        bool before = IsDark(n);
        _outages[n]--;
        DarkChanged(n, before);
    }

    private void DarkChanged(int n, bool before)
    {
        if (IsDark(n) == before) return;
        Dark += before ? -1 : 1;
        Refresh(n);
    }

    /// <summary>
    /// An up node crashes: it takes no replica and its held space goes with it. Its volumes are handled next, then
    /// <see cref="EndCrash"/>; a crash caused while handling them nests.
    /// </summary>
    public void MarkCrashed(int n)
    {
        if (_status[n] != NodeStatus.Up) throw new InvalidOperationException($"cluster {_cluster}: node {n} crashes while {_status[n]}");
        _status[n] = NodeStatus.Crashed;
        if (_isolated[n]) { _isolated[n] = false; Isolated--; }
        if (_unpowered[n]) { _unpowered[n] = false; Unpowered--; }
        if (IsDark(n)) Dark--;
        _powerDark[n] = false;
        _outages[n] = 0;
        _crashes[n]++;
        Crashed++;
        Down++;
        HeldTotalMiB -= _heldMiB[n];
        _heldMiB[n] = 0;
        Refresh(n);
        _crashing.Add(n);
    }

    /// <summary>The crashed node's volumes have been handled.</summary>
    public void EndCrash(int n)
    {
        if (_crashing.Count == 0 || _crashing[^1] != n) throw new InvalidOperationException($"cluster {_cluster}: crash of node {n} ends out of order");
        _crashing.RemoveAt(_crashing.Count - 1);
        if (_incoming[n].Count > 0) throw new InvalidOperationException($"cluster {_cluster}: crashed node {n} still receives {_incoming[n].Count} copies");
    }

    public void MarkRestarted(int n)
    {
        if (_status[n] != NodeStatus.Crashed) throw new InvalidOperationException($"cluster {_cluster}: node {n} restarts while {_status[n]}");
        _status[n] = NodeStatus.Restarted;
        RestartedDown++;
    }

    /// <summary>A crashed or restarted node takes replicas again, with the space its remaining replicas use.</summary>
    public void ReturnToService(int n, long usedMiB, bool isolated)
    {
        if (_status[n] == NodeStatus.Up) throw new InvalidOperationException($"cluster {_cluster}: node {n} returns to service while up");
        if (_status[n] == NodeStatus.Restarted) RestartedDown--;
        _status[n] = NodeStatus.Up;
        Down--;
        _usedMiB[n] = usedMiB;
        HeldTotalMiB -= _heldMiB[n];
        _heldMiB[n] = 0;
        // A restarted node may have been isolated again (a routing change) before it returns: set, not added.
        if (isolated != _isolated[n]) { _isolated[n] = isolated; Isolated += isolated ? 1 : -1; }
        Refresh(n);
    }

    /// <summary>Adds empty up nodes; returns the index of the first.</summary>
    public int Add(int nodes)
    {
        int first = Count, room = Count + nodes;
        if (room > _usedMiB.Length)
        {
            int size = Math.Max(room, _usedMiB.Length * 2);
            Array.Resize(ref _usedMiB, size);
            Array.Resize(ref _heldMiB, size);
            Array.Resize(ref _status, size);
            Array.Resize(ref _isolated, size);
            Array.Resize(ref _unpowered, size);
            Array.Resize(ref _powerDark, size);
            Array.Resize(ref _outages, size);
            Array.Resize(ref _crashes, size);
            int old = _volumes.Length;
            Array.Resize(ref _volumes, size);
            Array.Resize(ref _incoming, size);
            for (int n = old; n < size; n++) { _volumes[n] = []; _incoming[n] = []; }
        }
        for (int i = 0; i < nodes; i++) Refresh(Count++);
        Added += nodes;
        return first;
    }

    private void Refresh(int n)
    {
        bool eligible = _status[n] == NodeStatus.Up && !_isolated[n] && !IsDark(n);
        Free.Set(n, eligible ? Math.Max(0, CapacityMiB - _usedMiB[n]) : -1);
    }

    /// <summary>Space never negative nor above capacity on an up node; counters equal to a recount.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // checked after every event by the swarm: optimised at once, not after tiering
    public void CheckInvariants()
    {
        int down = 0, restarted = 0, isolated = 0, dark = 0, unpowered = 0;
        long held = 0;
        for (int n = 0; n < Count; n++)
        {
            if (_usedMiB[n] < 0) throw new InvalidOperationException($"cluster {_cluster}: node {n} uses negative space");
            if (_status[n] == NodeStatus.Up && _usedMiB[n] > CapacityMiB)
                throw new InvalidOperationException($"cluster {_cluster}: node {n} uses {_usedMiB[n]} MiB of {CapacityMiB}");
            if (_status[n] != NodeStatus.Up) down++;
            if (_status[n] == NodeStatus.Restarted) restarted++;
            if (_isolated[n]) isolated++;
            if (IsDark(n)) dark++;
            if (_unpowered[n]) unpowered++;
            if (_unpowered[n] && !_powerDark[n]) throw new InvalidOperationException($"cluster {_cluster}: node {n} has no power but is not dark");
            if (_outages[n] < 0 || (_outages[n] > 0 && _status[n] == NodeStatus.Crashed))
                throw new InvalidOperationException($"cluster {_cluster}: node {n} has {_outages[n]} outages while {_status[n]}");
            if (_status[n] == NodeStatus.Crashed && (_isolated[n] || _incoming[n].Count > 0))
                throw new InvalidOperationException($"cluster {_cluster}: crashed node {n} is isolated or receives copies");
            held += _heldMiB[n];
        }
        if (dark != Dark || unpowered != Unpowered)
            throw new InvalidOperationException($"cluster {_cluster}: node counters dark {Dark}/{dark}, unpowered {Unpowered}/{unpowered} (kept/recounted)");
        if (down != Down || restarted != RestartedDown || isolated != Isolated || held != HeldTotalMiB)
            throw new InvalidOperationException($"cluster {_cluster}: node counters down {Down}/{down}, restarted {RestartedDown}/{restarted}, " +
                $"isolated {Isolated}/{isolated}, held {HeldTotalMiB}/{held} MiB (kept/recounted)");
    }
}
