using Simulator.Engine;

using Simulator.Scenarios.Model;

namespace Simulator.Storage;

/// <summary>
/// The volumes of one cluster, one array entry per volume (tens of bytes each, no object per volume): size, write
/// rate, the nodes of its serving replica, its partner and the node it copies to, its state and flags, and the
/// re-mirroring bookkeeping. A volume's state and the counters of states and flags change only here, through
/// <see cref="SetState"/> and the flag transitions; each checks the volume afterwards (<see cref="Check"/>), in
/// release builds too. The repair backlog (<see cref="RepairBacklogMiB"/>) is kept at every change of a volume's
/// replicas or state, and every change of state is told to the cluster's <see cref="FailureLog"/>.
/// </summary>
public sealed class VolumeTable
{
    private readonly string _cluster;
    private readonly int _clusterIndex;
    private readonly NodeTable _nodes;
    private readonly IVolumeObserver? _observer;
    private readonly VolumeState[] _state;
    private readonly VolumeFlags[] _flags;
    private readonly FailureLog? _failures;
    private int _lostAtLastCheck;
    private readonly Simulation? _clock;
    private System.Collections.BitArray? _lostSeen; // volumes some recount found lost; allocated at the first such recount

    public VolumeTable(string cluster, int clusterIndex, long[] sizeMiB, float[] writesPerSecond, NodeTable nodes, IVolumeObserver? observer,
        int replicationFactor = 2, WriteRule writeRule = WriteRule.All, FailureLog? failures = null, Simulation? clock = null)
    {
        _clock = clock;
        if (replicationFactor is < 1 or > MaxReplicas) throw new ArgumentOutOfRangeException(nameof(replicationFactor), replicationFactor, $"1 to {MaxReplicas} replicas");
        R = replicationFactor;
        Rule = writeRule;
        Quorum = writeRule == WriteRule.Majority ? R / 2 + 1 : R;
        _cluster = cluster;
        _clusterIndex = clusterIndex;
        _nodes = nodes;
        _observer = observer;
        _failures = failures;
        Count = sizeMiB.Length;
        SizeMiB = sizeMiB;
        WritesPerSecond = writesPerSecond;
        _replicas = new int[Count * R];
        _replicaCount = new byte[Count];
        Target = new int[Count];
        Array.Fill(_replicas, -1);
        _state = new VolumeState[Count];
        _flags = new VolumeFlags[Count];
        Event = new EventHandle[Count];
        Failed = new int[Count];
        LastAttemptTicks = new long[Count];
        Attempts = new int[Count];
        SinceTicks = new long[Count];
        LastIntervalS = new float[Count];
        Epoch = new int[Count];
        Array.Fill(Target, -1);
    }

    /// <summary>Most replicas a volume can have.</summary>
    public const int MaxReplicas = 5;

    private readonly int[] _replicas; // R slots per volume: the nodes of its replicas, serving one first, then −1
    private readonly byte[] _replicaCount;

    public int Count { get; }
    /// <summary>Replicas a healthy volume has.</summary>
    public int R { get; }
    public WriteRule Rule { get; }
    /// <summary>Replicas a write needs: all of them, or a majority.</summary>
    public int Quorum { get; }
    public readonly long[] SizeMiB;
    public readonly float[] WritesPerSecond;
    /// <summary>Node a new partner is negotiated or copied to; −1 when none.</summary>
    public readonly int[] Target;
    /// <summary>The volume's pending event (detection, retry or copy).</summary>
    public readonly EventHandle[] Event;
    /// <summary>Failed search attempts since the volume last got stuck.</summary>
    public readonly int[] Failed;
    public readonly long[] LastAttemptTicks;
    /// <summary>Search attempts the volume made as events, ever: the counter its keyed draws are keyed by (<see cref="ClusterDraws"/>).</summary>
    public readonly int[] Attempts;
    /// <summary>When the volume entered its present state (0 for a volume healthy since the start).</summary>
    public readonly long[] SinceTicks;
    public readonly float[] LastIntervalS;
    /// <summary>Bumped whenever the volume's pending work is cancelled, so stale negotiation replies are ignored.</summary>
    public readonly int[] Epoch;

    public int Stuck { get; private set; }
    public int Degraded { get; private set; }
    public int Lost { get; private set; }
    public int ConsistencyUnknown { get; private set; }
    /// <summary>Handed over as recovery snapshots so far (cumulative).</summary>
    public int RecoveredBySnapshot { get; private set; }
    /// <summary>Volumes that had every replica lose power (cumulative).</summary>
    public int EverPowerLost { get; private set; }
    /// <summary>Stuck with its only copy on a crashed node.</summary>
    public int UnavailableByCrash { get; private set; }
    /// <summary>Stuck with both replicas isolated.</summary>
    public int IsolationBlocked { get; private set; }
    public int EverStuck { get; private set; }
    public int StuckByCrash { get; private set; }
    public int StuckByNetwork { get; private set; }
    /// <summary>
    /// The repair backlog: MiB of the replicas missing from the volumes still in the cluster, (R − replicas) × size summed
    /// over volumes that are not lost and not restored outside the cluster; kept at every change of replicas or state.
    /// </summary>
    public long RepairBacklogMiB { get; private set; }

    /// <summary>The volume's share of <see cref="RepairBacklogMiB"/>: its missing replicas, unless it is lost or has left the cluster.</summary>
    private long MissingMiB(int v) =>
        _state[v] == VolumeState.Lost || _replicaCount[v] == 0 ? 0 : (R - _replicaCount[v]) * SizeMiB[v];

    public VolumeState State(int v) => _state[v];
    public VolumeFlags Flags(int v) => _flags[v];
    public bool Has(int v, VolumeFlags flag) => (_flags[v] & flag) != 0;
    /// <summary>Replicas the volume has now (0 once restored by hand outside the cluster).</summary>
    public int ReplicaCount(int v) => _replicaCount[v];
    /// <summary>The node of the serving (up-to-date) replica; −1 when there is none.</summary>
    public int Primary(int v) => _replicaCount[v] > 0 ? _replicas[v * R] : -1;
    /// <summary>The node of the first partner replica; −1 when there is none.</summary>
    public int Mirror(int v) => _replicaCount[v] > 1 ? _replicas[v * R + 1] : -1;
    /// <summary>The nodes of the volume's replicas, the serving one first.</summary>
    public ReadOnlySpan<int> Replicas(int v) => _replicas.AsSpan(v * R, _replicaCount[v]);

    public bool HoldsReplica(int v, int n)
    {
        int start = v * R, end = start + _replicaCount[v];
        for (int i = start; i < end; i++)
            if (_replicas[i] == n) return true;
        return false;
    }

    /// <summary>A new replica on node <paramref name="n"/>, after the others.</summary>
    public void AddReplica(int v, int n)
    {
        if (_replicaCount[v] >= R) throw new InvalidOperationException($"cluster {_cluster}: volume {v} already has {R} replicas");
        long missing = MissingMiB(v);
        _replicas[v * R + _replicaCount[v]++] = n;
        RepairBacklogMiB += MissingMiB(v) - missing;
    }

    /// <summary>The replica on node <paramref name="n"/> is gone; the others keep their order (the next one serves if the first went).</summary>
    public void RemoveReplica(int v, int n)
    {
        int start = v * R, end = start + _replicaCount[v];
        int i = start;
        while (i < end && _replicas[i] != n) i++;
        if (i == end) throw new InvalidOperationException($"cluster {_cluster}: volume {v} has no replica on node {n}");
        long missing = MissingMiB(v);
        for (; i < end - 1; i++) _replicas[i] = _replicas[i + 1];
        _replicas[end - 1] = -1;
        _replicaCount[v]--;
        RepairBacklogMiB += MissingMiB(v) - missing;
    }

    /// <summary>The volume leaves the cluster's accounting (restored by hand onto a new volume).</summary>
    public void ClearReplicas(int v)
    {
        RepairBacklogMiB -= MissingMiB(v);
        Array.Fill(_replicas, -1, v * R, R);
        _replicaCount[v] = 0;
    }

    /// <summary>Whether the volume can serve I/O with <paramref name="replicas"/> up-to-date reachable replicas under its write rule (copying aside).</summary>
    public bool Serves(int replicas) => replicas >= Quorum;

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
        long missing = MissingMiB(v);
        _state[v] = next;
        SinceTicks[v] = _clock?.Now.Ticks ?? 0;
        RepairBacklogMiB += MissingMiB(v) - missing;
        if (next == VolumeState.Lost) _flags[v] &= ~VolumeFlags.Unavailable;
        bool wasBlocked = prev is VolumeState.Stuck or VolumeState.Lost or VolumeState.ConsistencyUnknown,
            isBlocked = next is VolumeState.Stuck or VolumeState.Lost or VolumeState.ConsistencyUnknown;
        if (wasBlocked != isBlocked) _observer?.OnBlockedChanged(_clusterIndex, v, isBlocked, byNetwork);
        _failures?.OnStateChanged(v, prev, next, (_flags[v] & VolumeFlags.Unavailable) != 0, _replicaCount[v] == R);
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
            case VolumeState.ConsistencyUnknown: ConsistencyUnknown += d; break;
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

    /// <summary>The only up-to-date copy is on a crashed node; whether it can be read again is drawn for this crash. The state follows (stuck), and is checked then.</summary>
    public void MarkUnavailable(int v, bool recoverable)
    {
        _flags[v] = (_flags[v] & ~VolumeFlags.Recoverable) | VolumeFlags.Unavailable | (recoverable ? VolumeFlags.Recoverable : 0);
        UnavailableByCrash++;
    }

    /// <summary>Every replica of the volume lost power at once.</summary>
    public void MarkPowerLost(int v)
    {
        if (Has(v, VolumeFlags.PowerLost)) return;
        _flags[v] |= VolumeFlags.PowerLost;
        EverPowerLost++;
    }

    /// <summary>A volume of unknown consistency is handed over as a recovery snapshot: it leaves the cluster, restored.</summary>
    public void RecoverBySnapshot(int v)
    {
        if (_state[v] != VolumeState.ConsistencyUnknown) throw new InvalidOperationException($"cluster {_cluster}: volume {v} is {_state[v]}, not of unknown consistency");
        _flags[v] &= ~VolumeFlags.PowerLost;
        ClearReplicas(v);
        RecoveredBySnapshot++;
    }

    /// <summary>A copy to the volume's target starts (negotiation granted) or ends (done, or stopped).</summary>
    public void SetCopying(int v, bool copying)
    {
        if (copying == Has(v, VolumeFlags.Copying)) throw new InvalidOperationException($"cluster {_cluster}: volume {v} copying is already {copying}");
        _flags[v] ^= VolumeFlags.Copying;
    }

    /// <summary>The crashed copy was read again (node restarted, or restored by hand).</summary>
    public void ClearUnavailable(int v)
    {
        _flags[v] &= ~VolumeFlags.Unavailable;
        UnavailableByCrash--;
    }

    /// <summary>
    /// What must hold of one volume between transitions: replicas and copy target on distinct nodes, none of them
    /// crashed unless the volume waits for that node; as many replicas as its state says under its write rule; short by
    /// a failure event (<see cref="FailureLog.EventOf"/>) exactly while stuck or degraded.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // checked after every event by the swarm: optimised at once, not after tiering
    public void Check(int v)
    {
        if (_state[v] == VolumeState.Lost) return;
        var replicas = Replicas(v);
        int c = replicas.Length, t = Target[v];
        var f = _flags[v];
        bool unavailable = (f & VolumeFlags.Unavailable) != 0, blocked = (f & VolumeFlags.IsolationBlocked) != 0;
        string? problem = null;
        for (int i = 0; i < c && problem is null; i++)
        {
            if (replicas[i] == t) problem = "has its copy target among its replicas";
            for (int j = i + 1; j < c; j++)
                if (replicas[i] == replicas[j]) problem = "has two replicas on one node";
            // The only copy of an unavailable volume waits on its crashed node; nothing else may rely on a dead node.
            if (_nodes.IsDead(replicas[i]) && !(unavailable && !blocked)) problem = "has a replica on a crashed node";
        }
        if (t >= 0 && _nodes.IsDead(t)) problem ??= "copies towards a crashed node";
        if (_failures is not null && (_failures.EventOf(v) >= 0) != (_state[v] is VolumeState.Stuck or VolumeState.Degraded))
            problem ??= _failures.EventOf(v) >= 0 ? $"is short by failure event {_failures.EventOf(v)} though neither stuck nor degraded" : "is stuck or degraded without a failure event";
        problem ??= _state[v] switch
        {
            VolumeState.Healthy when t >= 0 || unavailable => "healthy with a copy target or unavailable",
            VolumeState.ConsistencyUnknown when t >= 0 || unavailable || c == 0 => "of unknown consistency with a copy target, unavailable or without replicas",
            VolumeState.ConsistencyUnknown => null,
            VolumeState.Healthy when c != R && c != 0 => $"healthy with {c} of {R} replicas",
            VolumeState.Degraded when unavailable || c == 0 || c >= R => $"degraded with {c} of {R} replicas",
            VolumeState.Degraded when Rule == WriteRule.All && (f & VolumeFlags.Copying) == 0 => "degraded without a copy in flight",
            VolumeState.Degraded when Rule == WriteRule.Majority && !Serves(c) => "degraded without a majority",
            _ when (f & VolumeFlags.Copying) != 0 && t < 0 => "copying to no node",
            VolumeState.Stuck when c == 0 => "stuck with no replica",
            VolumeState.Stuck when blocked => t >= 0 ? "blocked with a copy target" : null,
            VolumeState.Stuck when unavailable => c > 1 || t >= 0 ? "unavailable with a partner or copy target" : null,
            VolumeState.Stuck when c >= R => "stuck with all its replicas",
            VolumeState.Stuck when Rule == WriteRule.All && (f & VolumeFlags.Copying) != 0 => "stuck while its copy is in flight",
            VolumeState.Stuck when Rule == WriteRule.Majority && Serves(c) => "stuck though a majority of replicas serves",
            _ => null,
        };
        if (problem is not null)
            throw new InvalidOperationException($"cluster {_cluster}: volume {v} {problem} (state {_state[v]}, flags {f}, replicas [{string.Join(", ", replicas.ToArray())}], target {t})");
    }

    /// <summary>Counts within bounds, volumes conserved across states, lost never decreasing: O(1), at every sample.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // checked after every event by the swarm: optimised at once, not after tiering
    public void CheckCounters()
    {
        if (Stuck < 0 || Degraded < 0 || Lost < 0 || ConsistencyUnknown < 0 || UnavailableByCrash < 0 || Stuck + Degraded + Lost + ConsistencyUnknown > Count)
            throw new InvalidOperationException($"cluster {_cluster}: volumes not conserved (stuck {Stuck}, degraded {Degraded}, lost {Lost}, consistency unknown {ConsistencyUnknown} of {Count})");
        if (UnavailableByCrash + IsolationBlocked > Stuck)
            throw new InvalidOperationException($"cluster {_cluster}: {UnavailableByCrash + IsolationBlocked} unavailable volumes but only {Stuck} stuck");
        if (Lost < _lostAtLastCheck)
            throw new InvalidOperationException($"cluster {_cluster}: lost volumes went from {_lostAtLastCheck} down to {Lost}");
        _lostAtLastCheck = Lost;
        if (RepairBacklogMiB < 0)
            throw new InvalidOperationException($"cluster {_cluster}: negative repair backlog ({RepairBacklogMiB} MiB)");
        if (_failures is not null && _failures.OpenVolumes != Stuck + Degraded)
            throw new InvalidOperationException($"cluster {_cluster}: {_failures.OpenVolumes} volumes short by the failure events, {Stuck + Degraded} stuck or degraded");
    }

    /// <summary>
    /// Every volume checked, and the counters equal to a recount: O(volumes). A volume found lost stays lost at every
    /// later recount (besides <see cref="SetState"/> refusing to leave the state, and the count never decreasing).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // checked after every event by the swarm: optimised at once, not after tiering
    public void CheckAll()
    {
        int stuck = 0, degraded = 0, lost = 0, unknown = 0, unavailable = 0, blocked = 0;
        long missingMiB = 0;
        for (int v = 0; v < Count; v++)
        {
            missingMiB += MissingMiB(v);
            if (_failures is not null && (_failures.EventOf(v) >= 0) != (_state[v] is VolumeState.Stuck or VolumeState.Degraded))
                throw new InvalidOperationException($"cluster {_cluster}: volume {v} is {_state[v]} with failure event {_failures.EventOf(v)}");
            if (_lostSeen is not null && _lostSeen[v] && _state[v] != VolumeState.Lost)
                throw new InvalidOperationException($"cluster {_cluster}: volume {v} was lost and is now {_state[v]}");
            if (_state[v] == VolumeState.Lost) (_lostSeen ??= new System.Collections.BitArray(Count))[v] = true;
            switch (_state[v])
            {
                case VolumeState.Stuck: stuck++; break;
                case VolumeState.Degraded: degraded++; break;
                case VolumeState.Lost: lost++; break;
                case VolumeState.ConsistencyUnknown: unknown++; break;
            }
            if (Has(v, VolumeFlags.IsolationBlocked)) blocked++;
            else if (Has(v, VolumeFlags.Unavailable)) unavailable++;
            Check(v);
        }
        if (stuck != Stuck || degraded != Degraded || lost != Lost || unknown != ConsistencyUnknown || unavailable != UnavailableByCrash || blocked != IsolationBlocked)
            throw new InvalidOperationException($"cluster {_cluster}: counters stuck {Stuck}/{stuck}, degraded {Degraded}/{degraded}, lost {Lost}/{lost}, " +
                $"unavailable {UnavailableByCrash}/{unavailable}, blocked {IsolationBlocked}/{blocked} (kept/recounted)");
        if (missingMiB != RepairBacklogMiB)
            throw new InvalidOperationException($"cluster {_cluster}: repair backlog {RepairBacklogMiB} MiB kept, {missingMiB} MiB recounted");
    }
}
