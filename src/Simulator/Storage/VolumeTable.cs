using Simulator.Engine;

namespace Simulator.Storage;

/// <summary>
/// The volumes of one cluster, one array entry per volume (tens of bytes each, no object per volume): size, write
/// rate, the nodes of its serving replica, its partner and the node it copies to, its state and flags, and the
/// re-mirroring bookkeeping. A volume's state and the counters of states and flags change only here, through
/// <see cref="SetState"/> and the flag transitions; each checks the volume afterwards (<see cref="Check"/>), in
/// release builds too.
/// </summary>
public sealed class VolumeTable
{
    private readonly string _cluster;
    private readonly int _clusterIndex;
    private readonly NodeTable _nodes;
    private readonly IVolumeObserver? _observer;
    private readonly VolumeState[] _state;
    private readonly VolumeFlags[] _flags;
    private int _lostAtLastCheck;

    public VolumeTable(string cluster, int clusterIndex, long[] sizeMiB, float[] writesPerSecond, NodeTable nodes, IVolumeObserver? observer)
    {
        _cluster = cluster;
        _clusterIndex = clusterIndex;
        _nodes = nodes;
        _observer = observer;
        Count = sizeMiB.Length;
        SizeMiB = sizeMiB;
        WritesPerSecond = writesPerSecond;
        Primary = new int[Count];
        Mirror = new int[Count];
        Target = new int[Count];
        _state = new VolumeState[Count];
        _flags = new VolumeFlags[Count];
        Event = new EventHandle[Count];
        Failed = new int[Count];
        LastAttemptTicks = new long[Count];
        LastIntervalS = new float[Count];
        Epoch = new int[Count];
        Array.Fill(Target, -1);
    }

    public int Count { get; }
    public readonly long[] SizeMiB;
    public readonly float[] WritesPerSecond;
    /// <summary>Node of the serving (up-to-date) replica; −1 once restored by hand outside the cluster.</summary>
    public readonly int[] Primary;
    /// <summary>Node of the partner replica; −1 while there is none.</summary>
    public readonly int[] Mirror;
    /// <summary>Node a new partner is negotiated or copied to; −1 when none.</summary>
    public readonly int[] Target;
    /// <summary>The volume's pending event (detection, retry or copy).</summary>
    public readonly EventHandle[] Event;
    /// <summary>Failed search attempts since the volume last got stuck.</summary>
    public readonly int[] Failed;
    public readonly long[] LastAttemptTicks;
    public readonly float[] LastIntervalS;
    /// <summary>Bumped whenever the volume's pending work is cancelled, so stale negotiation replies are ignored.</summary>
    public readonly int[] Epoch;

    public int Stuck { get; private set; }
    public int Degraded { get; private set; }
    public int Lost { get; private set; }
    /// <summary>Stuck with its only copy on a crashed node.</summary>
    public int UnavailableByCrash { get; private set; }
    /// <summary>Stuck with both replicas isolated.</summary>
    public int IsolationBlocked { get; private set; }
    public int EverStuck { get; private set; }
    public int StuckByCrash { get; private set; }
    public int StuckByNetwork { get; private set; }

    public VolumeState State(int v) => _state[v];
    public VolumeFlags Flags(int v) => _flags[v];
    public bool Has(int v, VolumeFlags flag) => (_flags[v] & flag) != 0;
    public bool HoldsReplica(int v, int n) => Primary[v] == n || Mirror[v] == n;

    /// <summary>
    /// The one transition of a volume's state: keeps the counters, tells the observer when I/O becomes blocked or
    /// serves again, and checks the volume. Returns the state before.
    /// </summary>
    public VolumeState SetState(int v, VolumeState next, bool byNetwork = false)
    {
        var prev = _state[v];
        if (prev == next) { Check(v); return prev; }
        if (prev == VolumeState.Lost) throw new InvalidOperationException($"cluster {_cluster}: lost volume {v} cannot become {next}");
        Tally(prev, -1);
        Tally(next, +1);
        _state[v] = next;
        if (next == VolumeState.Lost) _flags[v] &= ~VolumeFlags.Unavailable;
        bool wasBlocked = prev is VolumeState.Stuck or VolumeState.Lost, isBlocked = next is VolumeState.Stuck or VolumeState.Lost;
        if (wasBlocked != isBlocked) _observer?.OnBlockedChanged(_clusterIndex, v, isBlocked, byNetwork);
        Check(v);
        return prev;
    }

    private void Tally(VolumeState s, int d)
    {
        switch (s)
        {
            case VolumeState.Stuck: Stuck += d; break;
            case VolumeState.Degraded: Degraded += d; break;
            case VolumeState.Lost: Lost += d; break;
        }
    }

    /// <summary>Records why the volume is (about to be) stuck: once ever, once by each cause.</summary>
    public void MarkStuckCause(int v, bool byNetwork)
    {
        if (!Has(v, VolumeFlags.EverStuck)) { _flags[v] |= VolumeFlags.EverStuck; EverStuck++; }
        var cause = byNetwork ? VolumeFlags.StuckByNetwork : VolumeFlags.StuckByCrash;
        if (Has(v, cause)) return;
        _flags[v] |= cause;
        if (byNetwork) StuckByNetwork++; else StuckByCrash++;
    }

    /// <summary>Both replicas isolated: unreachable until the network heals.</summary>
    public void MarkIsolationBlocked(int v)
    {
        _flags[v] |= VolumeFlags.IsolationBlocked | VolumeFlags.Unavailable;
        IsolationBlocked++;
    }

    /// <summary>The network healed (<paramref name="reachable"/>) or the blocked volume's last copy crashed.</summary>
    public void ClearIsolationBlocked(int v, bool reachable)
    {
        if (!Has(v, VolumeFlags.IsolationBlocked)) throw new InvalidOperationException($"cluster {_cluster}: volume {v} is not blocked");
        _flags[v] &= reachable ? ~(VolumeFlags.IsolationBlocked | VolumeFlags.Unavailable) : ~VolumeFlags.IsolationBlocked;
        IsolationBlocked--;
    }

    /// <summary>The only up-to-date copy is on a crashed node; whether it can be read again is drawn for this crash.</summary>
    public void MarkUnavailable(int v, bool recoverable)
    {
        _flags[v] = (_flags[v] & ~VolumeFlags.Recoverable) | VolumeFlags.Unavailable | (recoverable ? VolumeFlags.Recoverable : 0);
        UnavailableByCrash++;
        Check(v);
    }

    /// <summary>The crashed copy was read again (node restarted, or restored by hand).</summary>
    public void ClearUnavailable(int v)
    {
        _flags[v] &= ~VolumeFlags.Unavailable;
        UnavailableByCrash--;
    }

    /// <summary>
    /// What must hold of one volume between transitions: replicas and copy target on distinct nodes, none of them
    /// crashed unless the volume waits for that node; as many replicas as its state says.
    /// </summary>
    public void Check(int v)
    {
        int p = Primary[v], m = Mirror[v], t = Target[v];
        var f = _flags[v];
        string? problem = _state[v] switch
        {
            VolumeState.Lost => null,
            VolumeState.Healthy when t >= 0 || (f & VolumeFlags.Unavailable) != 0 => "healthy with a copy target or unavailable",
            VolumeState.Healthy when p < 0 => m < 0 ? null : "healthy, restored by hand, with a partner",
            VolumeState.Healthy when m < 0 => "healthy with one replica",
            VolumeState.Healthy when p == m => "healthy with both replicas on one node",
            VolumeState.Healthy when _nodes.IsDead(p) || _nodes.IsDead(m) => "healthy with a replica on a crashed node",
            VolumeState.Degraded when p < 0 || m >= 0 || t < 0 || p == t => "degraded without exactly one replica and a distinct copy target",
            VolumeState.Degraded when _nodes.IsDead(p) || _nodes.IsDead(t) => "degraded with a replica or target on a crashed node",
            VolumeState.Stuck when p < 0 => "stuck with no replica",
            VolumeState.Stuck when (f & VolumeFlags.IsolationBlocked) != 0 =>
                t >= 0 || p == m ? "blocked with a copy target or both replicas on one node" : null,
            VolumeState.Stuck when (f & VolumeFlags.Unavailable) != 0 => m >= 0 || t >= 0 ? "unavailable with a partner or copy target" : null,
            VolumeState.Stuck when m >= 0 => "stuck with a partner",
            VolumeState.Stuck when _nodes.IsDead(p) => "stuck and searching from a crashed node",
            VolumeState.Stuck when t >= 0 && (t == p || _nodes.IsDead(t)) => "stuck, negotiating towards its own or a crashed node",
            _ => null,
        };
        if (problem is not null)
            throw new InvalidOperationException($"cluster {_cluster}: volume {v} {problem} (state {_state[v]}, flags {f}, primary {p}, mirror {m}, target {t})");
    }

    /// <summary>Counts within bounds, volumes conserved across states, lost never decreasing: O(1), at every sample.</summary>
    public void CheckCounters()
    {
        if (Stuck < 0 || Degraded < 0 || Lost < 0 || UnavailableByCrash < 0 || Stuck + Degraded + Lost > Count)
            throw new InvalidOperationException($"cluster {_cluster}: volumes not conserved (stuck {Stuck}, degraded {Degraded}, lost {Lost} of {Count})");
        if (UnavailableByCrash + IsolationBlocked > Stuck)
            throw new InvalidOperationException($"cluster {_cluster}: {UnavailableByCrash + IsolationBlocked} unavailable volumes but only {Stuck} stuck");
        if (Lost < _lostAtLastCheck)
            throw new InvalidOperationException($"cluster {_cluster}: lost volumes went from {_lostAtLastCheck} down to {Lost}");
        _lostAtLastCheck = Lost;
    }

    /// <summary>Every volume checked, and the counters equal to a recount: O(volumes).</summary>
    public void CheckAll()
    {
        int stuck = 0, degraded = 0, lost = 0, unavailable = 0, blocked = 0;
        for (int v = 0; v < Count; v++)
        {
            switch (_state[v])
            {
                case VolumeState.Stuck: stuck++; break;
                case VolumeState.Degraded: degraded++; break;
                case VolumeState.Lost: lost++; break;
            }
            if (Has(v, VolumeFlags.IsolationBlocked)) blocked++;
            else if (Has(v, VolumeFlags.Unavailable)) unavailable++;
            Check(v);
        }
        if (stuck != Stuck || degraded != Degraded || lost != Lost || unavailable != UnavailableByCrash || blocked != IsolationBlocked)
            throw new InvalidOperationException($"cluster {_cluster}: counters stuck {Stuck}/{stuck}, degraded {Degraded}/{degraded}, lost {Lost}/{lost}, " +
                $"unavailable {UnavailableByCrash}/{unavailable}, blocked {IsolationBlocked}/{blocked} (kept/recounted)");
    }
}
