using MathNet.Numerics.Distributions;
using Simulator.ControlPlane;
using Simulator.Engine;
using Simulator.Network;
using Simulator.Scenarios.Model;

namespace Simulator.Storage;

/// <summary>
/// One storage cluster: its nodes, its volumes (two replicas each, on distinct nodes) and the re-mirroring
/// protocol that runs when a replica loses its partner: search for a node with free space → negotiate with
/// the control plane → copy → healthy. Volumes are stored as arrays (one entry per volume), so a cluster of
/// millions costs tens of bytes per volume and no object per volume.
/// <para>
/// Futile retries. In <see cref="RetryAccounting.Exact"/> mode every attempt is an event. In
/// <see cref="RetryAccounting.Aggregated"/> mode a volume whose attempt failed for want of space, and whose
/// retry interval has stopped changing, leaves the event queue and joins a waiting list: its attempts, the
/// replication-request closures they cause (the crash hazard) and their negotiations with the control plane
/// are accounted as rates (waiting volumes ÷ mean interval) until space appears; then it is woken and tries
/// again at its next retry time.
/// </para>
/// </summary>
public sealed class StorageCluster : IEventHandler, INegotiationClient
{
    private const int EvDetect = 1, EvAttempt = 2, EvCopyDone = 3, EvCrash = 4, EvRestart = 5, EvThrottle = 6, EvManual = 7, EvCutStep = 8;
    private const byte ListWaiting = 1, ListParked = 2, ListUnavailable = 3;
    private const long MiB = 1L << 20;

    private readonly Simulation _sim;
    private readonly ReplicationSpec _spec;
    private readonly RetrySchedule _retry;
    private readonly bool _exact;
    private readonly ControlPlaneService _cp;
    private readonly int _cpSource;
    private readonly RandomStreams _streams;
    private readonly RandomStream _crashStream, _retryStream, _cutStream, _restartStream;
    private readonly IVolumeObserver? _observer;
    private readonly double _copyBytesPerSecond;
    private readonly long _nodeCapacityMiB;

    // Nodes.
    private int _nodeCount;
    private long[] _nodeUsedMiB;
    private long[] _nodeHeldMiB;
    private NodeStatus[] _nodeStatus;
    private bool[] _nodeIsolated;
    private List<int>[] _nodeVolumes;
    private List<int>[] _nodeIncoming; // volumes negotiating or copying towards the node
    private readonly FreeSpaceIndex _free;

    // Volumes.
    private readonly int _volumes;
    private readonly long[] _sizeMiB;
    private readonly float[] _writesPerSecond;
    private readonly int[] _primary, _mirror, _target;
    private readonly VolumeState[] _state;
    private readonly VolumeFlags[] _flags;
    private readonly EventHandle[] _event;
    private readonly int[] _failed;
    private readonly long[] _lastAttemptTicks;
    private readonly float[] _lastIntervalS;
    private readonly int[] _epoch;
    private readonly VolumeLists _lists;

    // Cluster-wide re-mirroring state.
    private bool _searchStopped;
    private double _throttlePerSecond;
    private EventHandle _throttleEvent;
    private double _manualPerSecond;
    private EventHandle _manualEvent;
    private double _cutFraction;
    private int _copying;
    private int _rateFreeWaiters; // waiting volumes past their retry budget: no load
    private long _rateAccruedTicks;
    private double _crashHazardTarget, _crashHazardAccrued;
    private EventHandle _crashEvent;
    private long _heldTotalMiB;

    // Counters (current and cumulative).
    private int _stuck, _unavailable, _isolationBlocked, _degraded, _lost, _everStuck, _stuckByCrash, _stuckByNetwork, _nodesCrashed, _nodesDown, _nodesAdded;
    private double _attempts;

    public StorageCluster(int index, string name, int zoneIndex, string zoneName, ClusterSpec spec, ReplicationSpec replication,
        RetryAccounting accounting, double scale, Simulation sim, RandomStreams streams, ControlPlaneService cp, IVolumeObserver? observer)
    {
        Index = index;
        Name = name;
        ZoneIndex = zoneIndex;
        ZoneName = zoneName;
        _sim = sim;
        _spec = replication;
        _retry = new RetrySchedule(replication.Retry);
        _exact = accounting == RetryAccounting.Exact;
        _cp = cp;
        _cpSource = cp.RegisterSource(zoneIndex);
        _streams = streams;
        _observer = observer;
        _copyBytesPerSecond = replication.CopyBandwidth.BytesPerSecond;
        _crashStream = streams.Get("crash:" + name);
        _retryStream = streams.Get("retry:" + name);
        _cutStream = streams.Get("cut:" + name);
        _restartStream = streams.Get("restart:" + name);

        _nodeCount = Math.Max(3, (int)Math.Round(spec.Nodes * scale));
        _volumes = Math.Max(1, (int)Math.Round(spec.Volumes * scale));
        int nodeRoom = _nodeCount;
        _nodeUsedMiB = new long[nodeRoom];
        _nodeHeldMiB = new long[nodeRoom];
        _nodeStatus = new NodeStatus[nodeRoom];
        _nodeIsolated = new bool[nodeRoom];
        _nodeVolumes = new List<int>[nodeRoom];
        _nodeIncoming = new List<int>[nodeRoom];
        for (int n = 0; n < nodeRoom; n++)
        {
            _nodeVolumes[n] = new List<int>(2 * _volumes / _nodeCount + 8);
            _nodeIncoming[n] = [];
        }
        _free = new FreeSpaceIndex(nodeRoom);

        _sizeMiB = new long[_volumes];
        _writesPerSecond = new float[_volumes];
        _primary = new int[_volumes];
        _mirror = new int[_volumes];
        _target = new int[_volumes];
        _state = new VolumeState[_volumes];
        _flags = new VolumeFlags[_volumes];
        _event = new EventHandle[_volumes];
        _failed = new int[_volumes];
        _lastAttemptTicks = new long[_volumes];
        _lastIntervalS = new float[_volumes];
        _epoch = new int[_volumes];
        _lists = new VolumeLists(_volumes, 3);
        Array.Fill(_target, -1);

        // Volume sizes and write rates: log-normal, from the cluster's own streams (volume i always gets the same draw).
        var sizeStream = streams.Get("volume-size:" + name);
        var writeStream = streams.Get("volume-writes:" + name);
        double muSize = Math.Log(spec.VolumeSize.Median.Bytes / (double)MiB), muWrite = Math.Log(spec.VolumeWrites.Median.PerSecond);
        long minMiB = Math.Max(1, spec.VolumeSize.Min.Bytes / MiB), maxMiB = Math.Max(minMiB, spec.VolumeSize.Max.Bytes / MiB);
        long totalMiB = 0;
        for (int v = 0; v < _volumes; v++)
        {
            double size = LogNormal.Sample(sizeStream, muSize, spec.VolumeSize.Sigma);
            _sizeMiB[v] = Math.Clamp((long)Math.Round(size), minMiB, maxMiB);
            _writesPerSecond[v] = (float)LogNormal.Sample(writeStream, muWrite, spec.VolumeWrites.Sigma);
            totalMiB += 2 * _sizeMiB[v];
        }
        // Node capacity follows from the data and the free share: capacity × nodes × (1 − free) = data.
        _nodeCapacityMiB = (long)Math.Ceiling(totalMiB / (double)_nodeCount / (1 - spec.FreeCapacity.Value));
        for (int n = 0; n < _nodeCount; n++) _free.Set(n, _nodeCapacityMiB);

        // Placement, largest volumes first (so that small ones fill the gaps): first replica on a random node,
        // second on the node with the most free space (keeps nodes level).
        var placeStream = streams.Get("placement:" + name);
        var bySize = new int[_volumes];
        for (int v = 0; v < _volumes; v++) bySize[v] = v;
        Array.Sort(bySize, (x, y) => _sizeMiB[y] != _sizeMiB[x] ? _sizeMiB[y].CompareTo(_sizeMiB[x]) : x.CompareTo(y));
        foreach (int v in bySize)
        {
            int a = placeStream.Next(_nodeCount);
            if (_free.Get(a) < _sizeMiB[v]) a = _free.FindMostFree(_sizeMiB[v], -1, -1);
            if (a < 0) throw new InvalidOperationException($"cluster {name}: volumes do not fit on {_nodeCount} nodes");
            Occupy(a, _sizeMiB[v]);
            int b = _free.FindMostFree(_sizeMiB[v], a, -1);
            if (b < 0) throw new InvalidOperationException($"cluster {name}: volumes do not fit on {_nodeCount} nodes");
            Occupy(b, _sizeMiB[v]);
            _primary[v] = a;
            _mirror[v] = b;
            _nodeVolumes[a].Add(v);
            _nodeVolumes[b].Add(v);
        }

        // Network capacities scale with the node count, so that --scale keeps every ratio.
        Network = new ClusterNetwork(spec.PrimaryNetwork.BitsPerSecond * scale, spec.SecondaryNetwork.BitsPerSecond * scale,
            spec.NodeTraffic.BitsPerSecond, spec.SecondaryChatter.BitsPerSecond, _nodeCount);
        _crashHazardTarget = _crashStream.NextExponential(1.0);
    }

    public int Index { get; }
    /// <summary>This cluster's id as a source of negotiations at the control plane.</summary>
    public int ControlPlaneSource => _cpSource;
    public string Name { get; }
    public int ZoneIndex { get; }
    public string ZoneName { get; }
    public ClusterNetwork Network { get; }

    public int VolumeCount => _volumes;
    public int NodeCount => _nodeCount;
    public long NodeCapacityMiB => _nodeCapacityMiB;
    public int StuckVolumes => _stuck;
    /// <summary>Stuck with no reachable copy: on a crashed node, or both replicas isolated.</summary>
    public int UnavailableVolumes => _unavailable + _isolationBlocked;
    public int DegradedVolumes => _degraded;
    public int LostVolumes => _lost;
    public int EverStuckVolumes => _everStuck;
    public int StuckByCrashVolumes => _stuckByCrash;
    public int StuckByNetworkVolumes => _stuckByNetwork;
    /// <summary>Crashes so far (cumulative).</summary>
    public int NodesCrashed => _nodesCrashed;
    /// <summary>Nodes out of service now: crashed, or restarted but not reused yet.</summary>
    public int NodesDown => _nodesDown;
    public int NodesAdded => _nodesAdded;
    public int WaitingVolumes => _lists.Count(ListWaiting);
    public int ParkedVolumes => _lists.Count(ListParked);
    public int IsolatedNodes { get; private set; }
    public double CutFraction => _cutFraction;

    /// <summary>Search attempts made so far, futile ones accounted as rates included.</summary>
    public double Attempts { get { AccrueRates(); return _attempts; } }

    /// <summary>Free space on nodes that accept new replicas, as a share of the cluster's capacity (crashed nodes' capacity excluded).</summary>
    public double FreeCapacityPct
    {
        get
        {
            long capacity = (long)(_nodeCount - _nodesDown) * _nodeCapacityMiB;
            return capacity <= 0 ? 0 : 100.0 * _free.TotalFree / capacity;
        }
    }

    /// <summary>Probability that an API call placing a new volume here hangs: no space, or one of its two nodes isolated.</summary>
    public double PlacementHangProbability(long typicalSizeMiB)
    {
        if (_free.MaxFree < typicalSizeMiB || _cutFraction >= 1) return 1;
        double reachable = 1 - (double)IsolatedNodes / _nodeCount;
        return 1 - reachable * reachable;
    }

    public VolumeState StateOf(int v) => _state[v];
    public VolumeFlags FlagsOf(int v) => _flags[v];
    public long SizeMiBOf(int v) => _sizeMiB[v];
    /// <summary>The nodes of a volume's serving replica, its partner and the node it copies to (−1: none).</summary>
    public (int Primary, int Mirror, int Target) ReplicasOf(int v) => (_primary[v], _mirror[v], _target[v]);
    public NodeStatus NodeStatusOf(int n) => _nodeStatus[n];
    public bool IsNodeIsolated(int n) => _nodeIsolated[n];

    // ---------------------------------------------------------------- network

    /// <summary>Re-reads which nodes are isolated after a routing change, and lets the volumes react.</summary>
    public void OnRoutingChanged()
    {
        var newly = new List<int>();
        var healed = new List<int>();
        int isolated = 0;
        for (int n = 0; n < _nodeCount; n++)
        {
            bool iso = _nodeStatus[n] != NodeStatus.Crashed && Network.IsIsolated(n);
            if (iso) isolated++;
            if (iso == _nodeIsolated[n]) continue;
            _nodeIsolated[n] = iso;
            (iso ? newly : healed).Add(n);
            RefreshPlacement(n);
        }
        IsolatedNodes = isolated;
        var detect = _streams.Get("detect:" + Name, _sim.Now.Ticks);
        foreach (int n in newly)
            foreach (int v in _nodeVolumes[n])
            {
                if (!HoldsReplica(v, n) || _state[v] != VolumeState.Healthy || _sim.IsPending(_event[v])) continue;
                int other = _primary[v] == n ? _mirror[v] : _primary[v];
                if (other >= 0 && _nodeIsolated[other])
                {
                    // Both replicas unreachable: I/O blocked, but nothing to re-mirror; heals with the network.
                    _flags[v] |= VolumeFlags.IsolationBlocked | VolumeFlags.Unavailable;
                    _isolationBlocked++;
                    EnterStuck(v, byNetwork: true);
                    continue;
                }
                // The partner is declared lost on the volume's first write that gets no answer for the detection timeout.
                double w = _writesPerSecond[v];
                if (w <= 0) continue;
                var at = Duration.FromSeconds(detect.NextExponential(w)) + _spec.DetectTimeout;
                _event[v] = _sim.ScheduleAfter(at, this, EvDetect, v);
            }
        foreach (int n in healed)
            foreach (int v in _nodeVolumes[n])
            {
                if ((_flags[v] & VolumeFlags.IsolationBlocked) == 0 || !HoldsReplica(v, n)) continue;
                if (_nodeIsolated[_primary[v]] || (_mirror[v] >= 0 && _nodeIsolated[_mirror[v]])) continue;
                _flags[v] &= ~(VolumeFlags.IsolationBlocked | VolumeFlags.Unavailable);
                _isolationBlocked--;
                if (_mirror[v] >= 0) { SetState(v, VolumeState.Healthy); continue; }
                // Its other replica crashed while both were isolated: reachable again, it re-mirrors.
                EnterStuck(v, byNetwork: false);
                Attempt(v);
            }
    }

    private bool HoldsReplica(int v, int n) => _primary[v] == n || _mirror[v] == n;

    private void Detect(int v)
    {
        if (_state[v] != VolumeState.Healthy) return;
        int p = _primary[v], m = _mirror[v];
        bool isoP = _nodeIsolated[p], isoM = m >= 0 && _nodeIsolated[m];
        if (isoP == isoM) return; // healed (or both isolated, handled as blocked)
        // The reachable replica takes over as the only up-to-date copy; the isolated one is given up.
        int lost = isoP ? p : m;
        _primary[v] = isoP ? m : p;
        _mirror[v] = -1;
        GiveUp(lost, _sizeMiB[v]);
        EnterStuck(v, byNetwork: true);
        Attempt(v);
    }

    // ---------------------------------------------------------------- re-mirroring

    private void EnterStuck(int v, bool byNetwork)
    {
        if ((_flags[v] & VolumeFlags.EverStuck) == 0) { _flags[v] |= VolumeFlags.EverStuck; _everStuck++; }
        if (byNetwork && (_flags[v] & VolumeFlags.StuckByNetwork) == 0) { _flags[v] |= VolumeFlags.StuckByNetwork; _stuckByNetwork++; }
        if (!byNetwork && (_flags[v] & VolumeFlags.StuckByCrash) == 0) { _flags[v] |= VolumeFlags.StuckByCrash; _stuckByCrash++; }
        _failed[v] = 0;
        _lastIntervalS[v] = 0;
        SetState(v, VolumeState.Stuck, byNetwork);
    }

    /// <summary>One search attempt of a stuck volume that has a reachable copy.</summary>
    private void Attempt(int v)
    {
        _event[v] = default;
        if (_searchStopped && !_releasing) { Park(v); return; }
        _lastAttemptTicks[v] = _sim.Now.Ticks;
        int p = _primary[v];
        if (_nodeIsolated[p]) { Fail(v, forWantOfSpace: false); return; } // cannot reach anyone
        _attempts++;
        // The race condition: each replication request the search closes can crash the node closing it.
        double pCrash = _spec.SearchContacts * _spec.Crash.PerClosureProbability;
        if (pCrash > 0 && _crashStream.NextDouble() < pCrash) CrashRandomNode();
        if (_state[v] != VolumeState.Stuck || (_flags[v] & VolumeFlags.Unavailable) != 0) return; // the crash took our copy

        int t = _free.FindMostFree(_sizeMiB[v], p, -1);
        if (t < 0)
        {
            if (_spec.NegotiatePerAttempt) SendNegotiationLoad();
            Fail(v, forWantOfSpace: true);
            return;
        }
        if (_cutFraction > 0 && _cutStream.NextDouble() < _cutFraction)
        {
            _cp.CountRefusedNegotiation(_cpSource);
            Fail(v, forWantOfSpace: false);
            return;
        }
        Occupy(t, _sizeMiB[v]);
        SetTarget(v, t);
        if (!_cp.RequestNegotiation(_cpSource, this, Token(v)))
        {
            ReleaseTarget(v);
            Fail(v, forWantOfSpace: false);
        }
    }

    private void SendNegotiationLoad()
    {
        if (_cutFraction > 0 && _cutStream.NextDouble() < _cutFraction) _cp.CountRefusedNegotiation(_cpSource);
        else _cp.SendNegotiationLoad(_cpSource);
    }

    private bool _releasing;

    /// <summary>A failed attempt: schedule the next one by the retry policy, or wait (aggregated) when no space fits.</summary>
    private void Fail(int v, bool forWantOfSpace)
    {
        _failed[v]++;
        if (_searchStopped) { Park(v); return; }
        bool overBudget = _retry.Budget is int budget && _failed[v] >= budget;
        // With a budget, attempts are bounded: they stay events until the budget is spent, then cost nothing.
        bool rateAccounted = !_exact && _retry.Budget is null && forWantOfSpace && _retry.IsSteady(_failed[v]) && _free.MaxFree < _sizeMiB[v];
        if (overBudget || rateAccounted)
        {
            AccrueRates();
            _lists.Append(ListWaiting, v);
            if (overBudget) _rateFreeWaiters++;
            RatesChanged();
            return;
        }
        double interval = _retry.NextIntervalSeconds(_failed[v], _lastIntervalS[v], _retryStream.NextDouble());
        _lastIntervalS[v] = (float)interval;
        _event[v] = _sim.ScheduleAfter(Duration.FromSeconds(interval), this, EvAttempt, v);
    }

    private void Park(int v)
    {
        _lists.Append(ListParked, v);
        if (_throttlePerSecond > 0 && !_sim.IsPending(_throttleEvent)) ScheduleThrottle();
    }

    void INegotiationClient.OnNegotiated(long token, bool granted)
    {
        int v = (int)(token & 0xFFFFFFFF);
        if (_epoch[v] != (int)(token >> 32)) return; // the volume moved on (its copy crashed meanwhile)
        if (!granted)
        {
            ReleaseTarget(v);
            Fail(v, forWantOfSpace: false);
            return;
        }
        SetState(v, VolumeState.Degraded);
        _copying++;
        Network.CopyTrafficBps = _copying * _copyBytesPerSecond * 8;
        _event[v] = _sim.ScheduleAfter(Duration.FromSeconds(_sizeMiB[v] * (double)MiB / _copyBytesPerSecond), this, EvCopyDone, v);
    }

    private void CopyDone(int v)
    {
        _event[v] = default;
        _copying--;
        Network.CopyTrafficBps = _copying * _copyBytesPerSecond * 8;
        int t = _target[v];
        ClearTarget(v);
        _mirror[v] = t;
        _nodeVolumes[t].Add(v);
        SetState(v, VolumeState.Healthy);
        MaybeReleaseHeldSpace();
    }

    private void SetTarget(int v, int t)
    {
        _target[v] = t;
        _nodeIncoming[t].Add(v);
    }

    private void ClearTarget(int v)
    {
        var incoming = _nodeIncoming[_target[v]];
        int i = incoming.LastIndexOf(v);
        incoming[i] = incoming[^1];
        incoming.RemoveAt(incoming.Count - 1);
        _target[v] = -1;
    }

    private long Token(int v) => ((long)_epoch[v] << 32) | (uint)v;

    // ---------------------------------------------------------------- space

    private void Occupy(int node, long miB)
    {
        _nodeUsedMiB[node] += miB;
        RefreshPlacement(node);
    }

    private void Vacate(int node, long miB)
    {
        _nodeUsedMiB[node] -= miB;
        RefreshPlacement(node);
    }

    private void RefreshPlacement(int node)
    {
        bool eligible = _nodeStatus[node] == NodeStatus.Up && !_nodeIsolated[node];
        _free.Set(node, eligible ? Math.Max(0, _nodeCapacityMiB - _nodeUsedMiB[node]) : -1);
    }

    /// <summary>A replica on a live node is given up: its space is held until re-mirroring is over, or freed now.</summary>
    private void GiveUp(int node, long miB)
    {
        if (_nodeStatus[node] == NodeStatus.Crashed) return;
        if (_spec.HoldGivenUpSpace) { _nodeHeldMiB[node] += miB; _heldTotalMiB += miB; }
        else { Vacate(node, miB); WakeWaiters(); }
    }

    private void ReleaseTarget(int v)
    {
        int t = _target[v];
        if (t < 0) return;
        ClearTarget(v);
        if (_nodeStatus[t] != NodeStatus.Crashed) Vacate(t, _sizeMiB[v]);
        WakeWaiters();
    }

    /// <summary>Re-mirroring is over: the space of given-up replicas is freed and restarted nodes are reused.</summary>
    private void MaybeReleaseHeldSpace()
    {
        if (_stuck > 0 || _degraded > 0) return;
        if (_heldTotalMiB == 0 && _restartedDown == 0) return;
        for (int n = 0; n < _nodeCount; n++)
        {
            if (_nodeStatus[n] == NodeStatus.Restarted) { ReturnToService(n); continue; }
            if (_nodeHeldMiB[n] == 0) continue;
            _nodeUsedMiB[n] -= _nodeHeldMiB[n];
            _nodeHeldMiB[n] = 0;
            RefreshPlacement(n);
        }
        _heldTotalMiB = 0;
        WakeWaiters();
    }

    private int _restartedDown;

    /// <summary>
    /// A restarted node takes new replicas again. Its used space is recounted from the replicas it still holds:
    /// those it lost in the crash were re-mirrored elsewhere and their space is free.
    /// </summary>
    private void ReturnToService(int n)
    {
        if (_nodeStatus[n] == NodeStatus.Restarted) _restartedDown--;
        _nodeStatus[n] = NodeStatus.Up;
        _nodesDown--;
        var list = _nodeVolumes[n];
        long used = 0;
        int kept = 0;
        for (int i = 0; i < list.Count; i++)
        {
            int v = list[i];
            bool holds = _state[v] != VolumeState.Lost && (HoldsReplica(v, n) || _target[v] == n);
            if (!holds) continue;
            used += _sizeMiB[v];
            list[kept++] = v;
        }
        list.RemoveRange(kept, list.Count - kept);
        _nodeUsedMiB[n] = used;
        _nodeHeldMiB[n] = 0;
        Network.AddActiveNode();
        _nodeIsolated[n] = Network.IsIsolated(n);
        if (_nodeIsolated[n]) IsolatedNodes++;
        RefreshPlacement(n);
    }

    /// <summary>Space appeared: wake waiting volumes that could fit, oldest first, as many as the free space can take.</summary>
    private void WakeWaiters()
    {
        if (_lists.Count(ListWaiting) == 0) return;
        long budget = _free.TotalFree, maxFree = _free.MaxFree;
        if (maxFree <= 0) return;
        AccrueRates();
        int misses = 0;
        for (int v = _lists.Head(ListWaiting); v >= 0 && budget > 0 && misses < 256;)
        {
            int next = _lists.Next(v);
            if (_sizeMiB[v] <= maxFree && _sizeMiB[v] <= budget)
            {
                budget -= _sizeMiB[v];
                _lists.Remove(v);
                if (_retry.Budget is int b && _failed[v] >= b) { _rateFreeWaiters--; _failed[v] = 0; }
                _event[v] = _sim.Schedule(NextRetryTime(v), this, EvAttempt, v);
            }
            else misses++;
            v = next;
        }
        RatesChanged();
    }

    /// <summary>When a woken waiter would have tried next: the next tick of its retry clock (fixed intervals keep their phase).</summary>
    private SimTime NextRetryTime(int v)
    {
        double interval = _retry.SteadyMeanIntervalSeconds;
        long step = Math.Max(1, Duration.FromSeconds(interval).Ticks);
        long now = _sim.Now.Ticks;
        if (_spec.Retry.Policy is RetryPolicyKind.Fixed or RetryPolicyKind.Exponential)
        {
            long since = now - _lastAttemptTicks[v];
            long k = since <= 0 ? 1 : (since + step - 1) / step;
            return new SimTime(_lastAttemptTicks[v] + k * step);
        }
        return new SimTime(now + (long)(_retryStream.NextDouble() * step));
    }

    // ---------------------------------------------------------------- rates of futile retries

    /// <summary>Attempts per second of the waiting volumes (their load while no space exists).</summary>
    public double WaitingAttemptRate => (_lists.Count(ListWaiting) - _rateFreeWaiters) / _retry.SteadyMeanIntervalSeconds;

    private void AccrueRates()
    {
        long now = _sim.Now.Ticks;
        double dt = (double)(now - _rateAccruedTicks) / Duration.TicksPerSecond;
        _rateAccruedTicks = now;
        if (dt <= 0) return;
        double rate = WaitingAttemptRate;
        _attempts += rate * dt;
        _crashHazardAccrued += rate * _spec.SearchContacts * _spec.Crash.PerClosureProbability * dt;
    }

    /// <summary>After the waiting list changed: tell the control plane, and re-aim the next crash.</summary>
    private void RatesChanged()
    {
        double rate = WaitingAttemptRate;
        _cp.SetFluidRate(_cpSource, _spec.NegotiatePerAttempt ? rate * (1 - _cutFraction) : 0);
        double hazard = rate * _spec.SearchContacts * _spec.Crash.PerClosureProbability;
        if (_sim.IsPending(_crashEvent)) _sim.Cancel(_crashEvent);
        _crashEvent = default;
        if (hazard <= 0) return;
        double remaining = Math.Max(0, _crashHazardTarget - _crashHazardAccrued);
        double seconds = remaining / hazard;
        if (seconds < 1e9) _crashEvent = _sim.ScheduleAfter(Duration.FromSeconds(seconds), this, EvCrash, 0);
    }

    private void CrashFromHazard()
    {
        _crashEvent = default;
        AccrueRates();
        _crashHazardAccrued = 0;
        _crashHazardTarget = _crashStream.NextExponential(1.0);
        CrashRandomNode();
        RatesChanged();
    }

    // ---------------------------------------------------------------- node crashes

    /// <summary>Closures are spread evenly over the reachable live nodes: the crashing node is one of them at random.</summary>
    private void CrashRandomNode()
    {
        for (int tries = 0; tries < 64; tries++)
        {
            int n = _crashStream.Next(_nodeCount);
            if (_nodeStatus[n] == NodeStatus.Up && !_nodeIsolated[n]) { Crash(n); return; }
        }
    }

    /// <summary>A node crashes: every volume with a replica on it loses that replica.</summary>
    public void Crash(int n)
    {
        if (_nodeStatus[n] != NodeStatus.Up) return;
        AccrueRates();
        _nodeStatus[n] = NodeStatus.Crashed;
        if (_nodeIsolated[n]) { _nodeIsolated[n] = false; IsolatedNodes--; }
        _nodesCrashed++;
        _nodesDown++;
        Network.RemoveActiveNode();
        _heldTotalMiB -= _nodeHeldMiB[n];
        _nodeHeldMiB[n] = 0;
        RefreshPlacement(n);
        var recover = _streams.Get("recoverable:" + Name, n);
        double unrecoverable = _spec.Crash.Unrecoverable.Value;
        // Copying (or negotiating) towards this node: back to searching.
        var incoming = _nodeIncoming[n].ToArray();
        foreach (int v in incoming)
        {
            if (_target[v] != n) continue;
            if (_state[v] == VolumeState.Degraded) { _copying--; Network.CopyTrafficBps = _copying * _copyBytesPerSecond * 8; }
            ClearTarget(v);
            CancelPending(v);
            if (_state[v] == VolumeState.Degraded) SetState(v, VolumeState.Stuck, false);
            Attempt(v);
        }
        var list = _nodeVolumes[n];
        for (int i = 0; i < list.Count; i++)
        {
            int v = list[i];
            if (_state[v] == VolumeState.Lost || !HoldsReplica(v, n)) continue;
            if (_mirror[v] == n)
            {
                _mirror[v] = -1;
                if (_state[v] == VolumeState.Healthy && (_flags[v] & VolumeFlags.IsolationBlocked) == 0)
                {
                    CancelPending(v);
                    EnterStuck(v, byNetwork: false);
                    Attempt(v);
                }
                continue;
            }
            // The primary (serving) copy is here.
            if (_mirror[v] >= 0)
            {
                _primary[v] = _mirror[v];
                _mirror[v] = -1;
                if ((_flags[v] & VolumeFlags.IsolationBlocked) != 0) continue;
                CancelPending(v);
                EnterStuck(v, byNetwork: false);
                Attempt(v);
                continue;
            }
            // The only up-to-date copy is here: unavailable until the node restarts or operators restore it.
            CancelPending(v);
            if ((_flags[v] & VolumeFlags.IsolationBlocked) != 0) { _flags[v] &= ~VolumeFlags.IsolationBlocked; _isolationBlocked--; }
            if (_state[v] == VolumeState.Degraded) { _copying--; Network.CopyTrafficBps = _copying * _copyBytesPerSecond * 8; }
            ReleaseTarget(v);
            if (_state[v] != VolumeState.Stuck) SetState(v, VolumeState.Stuck, false);
            _flags[v] |= VolumeFlags.Unavailable;
            _unavailable++;
            if (recover.NextDouble() >= unrecoverable) _flags[v] |= VolumeFlags.Recoverable;
            _lists.Append(ListUnavailable, v);
        }
        var delay = _spec.Crash.RestartDelay;
        double restartS = LogNormal.Sample(_restartStream, Math.Log(delay.Median.TotalSeconds), delay.Sigma);
        _sim.ScheduleAfter(Duration.FromSeconds(restartS), this, EvRestart, n);
        RatesChanged();
    }

    /// <summary>Removes a volume from any list and cancels its pending event; stale negotiations are ignored by epoch.</summary>
    private void CancelPending(int v)
    {
        if (_sim.IsPending(_event[v])) _sim.Cancel(_event[v]);
        _event[v] = default;
        bool waiting = _lists.ListOf(v) == ListWaiting;
        if (waiting) AccrueRates();
        _lists.Remove(v);
        if (waiting && _retry.Budget is int b && _failed[v] >= b) _rateFreeWaiters--;
        if (waiting) RatesChanged();
        _epoch[v]++;
    }

    private void Restart(int n)
    {
        if (_nodeStatus[n] != NodeStatus.Crashed) return;
        _nodeStatus[n] = NodeStatus.Restarted;
        _restartedDown++;
        if (!_spec.HoldGivenUpSpace) ReturnToService(n);
        var list = _nodeVolumes[n];
        for (int i = 0; i < list.Count; i++)
        {
            int v = list[i];
            if (_primary[v] != n || (_flags[v] & VolumeFlags.Unavailable) == 0 || _lists.ListOf(v) != ListUnavailable) continue;
            Recover(v, byHand: false);
        }
        WakeWaiters();
    }

    /// <summary>An unavailable volume's copy is read again: recoverable → it searches for a partner (or is healthy, by hand); not → lost.</summary>
    private void Recover(int v, bool byHand)
    {
        _lists.Remove(v);
        _flags[v] &= ~VolumeFlags.Unavailable;
        _unavailable--;
        if ((_flags[v] & VolumeFlags.Recoverable) == 0)
        {
            SetState(v, VolumeState.Lost);
            return;
        }
        if (byHand)
        {
            // Restored by hand onto a new volume (from the node's disks or a snapshot), outside the cluster's accounting.
            _primary[v] = -1;
            SetState(v, VolumeState.Healthy);
            return;
        }
        _failed[v] = 0;
        Attempt(v);
    }

    // ---------------------------------------------------------------- operators

    /// <summary>Stops the nodes' futile searches: every searching volume waits, without load, for throttled release.</summary>
    public void StopFutileSearch()
    {
        AccrueRates();
        _searchStopped = true;
        for (int v = _lists.Head(ListWaiting); v >= 0;)
        {
            int next = _lists.Next(v);
            _lists.Remove(v);
            _lists.Append(ListParked, v);
            v = next;
        }
        _rateFreeWaiters = 0;
        for (int v = 0; v < _volumes; v++)
            if (_state[v] == VolumeState.Stuck && _target[v] < 0 && _sim.IsPending(_event[v]))
            {
                _sim.Cancel(_event[v]);
                _event[v] = default;
                _lists.Append(ListParked, v);
            }
        RatesChanged();
    }

    /// <summary>Cuts the cluster off the control plane gradually: the cut share grows linearly to 1 over <paramref name="over"/>.</summary>
    public void CutControlPlane(Duration over)
    {
        const int steps = 12;
        if (over <= Duration.Zero) { SetCut(1); return; }
        for (int i = 1; i <= steps; i++) _sim.ScheduleAfter(over * i / steps, this, EvCutStep, i * 1000 / steps);
    }

    private void SetCut(double fraction)
    {
        AccrueRates();
        _cutFraction = fraction;
        RatesChanged();
    }

    /// <summary>Lets stuck volumes negotiate again, one at a time at <paramref name="perSecond"/>; reconnects the control plane.</summary>
    public void EnableNegotiation(double perSecond)
    {
        _throttlePerSecond = perSecond;
        SetCut(0);
        if (_throttlePerSecond > 0 && !_sim.IsPending(_throttleEvent)) ScheduleThrottle();
    }

    private void ScheduleThrottle() => _throttleEvent = _sim.ScheduleAfter(Duration.FromSeconds(1 / _throttlePerSecond), this, EvThrottle, 0);

    private void ThrottleTick()
    {
        _throttleEvent = default;
        int v = _lists.Head(ListParked);
        if (v < 0) return; // resumes when a volume parks
        if (_sizeMiB[v] > _free.MaxFree)
        {
            ScheduleThrottle(); // no space for the head yet: keep the pace, try again next tick
            return;
        }
        _lists.Remove(v);
        _releasing = true;
        _failed[v] = 0;
        Attempt(v);
        _releasing = false;
        ScheduleThrottle();
    }

    /// <summary>Adds <paramref name="nodes"/> empty nodes on the primary network.</summary>
    public void AddNodes(int nodes)
    {
        int room = _nodeCount + nodes;
        if (room > _nodeUsedMiB.Length)
        {
            int size = Math.Max(room, _nodeUsedMiB.Length * 2);
            Array.Resize(ref _nodeUsedMiB, size);
            Array.Resize(ref _nodeHeldMiB, size);
            Array.Resize(ref _nodeStatus, size);
            Array.Resize(ref _nodeIsolated, size);
            int old = _nodeVolumes.Length;
            Array.Resize(ref _nodeVolumes, size);
            Array.Resize(ref _nodeIncoming, size);
            for (int n = old; n < size; n++) { _nodeVolumes[n] = []; _nodeIncoming[n] = []; }
        }
        for (int i = 0; i < nodes; i++)
        {
            int n = _nodeCount++;
            Network.AddNode();
            RefreshPlacement(n);
        }
        _nodesAdded += nodes;
        WakeWaiters();
    }

    /// <summary>Operators restore stuck volumes by hand at <paramref name="perSecond"/>: unavailable ones first, then parked ones.</summary>
    public void StartManualRestore(double perSecond)
    {
        _manualPerSecond = perSecond;
        if (perSecond > 0 && !_sim.IsPending(_manualEvent))
            _manualEvent = _sim.ScheduleAfter(Duration.FromSeconds(1 / perSecond), this, EvManual, 0);
    }

    private void ManualTick()
    {
        _manualEvent = default;
        int v = _lists.Head(ListUnavailable);
        if (v >= 0) Recover(v, byHand: true);
        else
        {
            v = _lists.Head(ListParked);
            if (v < 0) return;
            _lists.Remove(v);
            _primary[v] = -1;
            SetState(v, VolumeState.Healthy);
        }
        _manualEvent = _sim.ScheduleAfter(Duration.FromSeconds(1 / _manualPerSecond), this, EvManual, 0);
    }

    // ---------------------------------------------------------------- bookkeeping

    private void SetState(int v, VolumeState next, bool byNetwork = false)
    {
        var prev = _state[v];
        if (prev == next) return;
        if (prev == VolumeState.Lost) throw new InvalidOperationException($"cluster {Name}: lost volume {v} cannot become {next}");
        Count(prev, -1);
        Count(next, +1);
        _state[v] = next;
        if (next == VolumeState.Lost)
        {
            CancelPending(v);
            _flags[v] &= ~VolumeFlags.Unavailable;
        }
        bool wasBlocked = prev is VolumeState.Stuck or VolumeState.Lost, isBlocked = next is VolumeState.Stuck or VolumeState.Lost;
        if (wasBlocked != isBlocked) _observer?.OnBlockedChanged(Index, v, isBlocked, byNetwork);
        if (prev == VolumeState.Stuck && next == VolumeState.Healthy) MaybeReleaseHeldSpace();
    }

    private void Count(VolumeState s, int d)
    {
        switch (s)
        {
            case VolumeState.Stuck: _stuck += d; break;
            case VolumeState.Degraded: _degraded += d; break;
            case VolumeState.Lost: _lost += d; break;
        }
    }

    void IEventHandler.OnEvent(int kind, long arg)
    {
        switch (kind)
        {
            case EvDetect: _event[(int)arg] = default; Detect((int)arg); break;
            case EvAttempt: Attempt((int)arg); break;
            case EvCopyDone: CopyDone((int)arg); break;
            case EvCrash: CrashFromHazard(); break;
            case EvRestart: Restart((int)arg); break;
            case EvThrottle: ThrottleTick(); break;
            case EvManual: ManualTick(); break;
            case EvCutStep: SetCut(arg / 1000.0); break;
        }
    }

    private int _lostAtLastCheck;

    /// <summary>
    /// The invariants that cost nothing to check, run at every sample: counts within bounds, volumes conserved
    /// across states, lost never decreasing, free space never negative.
    /// </summary>
    public void CheckCheapInvariants()
    {
        if (_stuck < 0 || _degraded < 0 || _lost < 0 || _unavailable < 0 || _stuck + _degraded + _lost > _volumes)
            throw new InvalidOperationException($"cluster {Name}: volumes not conserved (stuck {_stuck}, degraded {_degraded}, lost {_lost} of {_volumes})");
        if (_unavailable + _isolationBlocked > _stuck)
            throw new InvalidOperationException($"cluster {Name}: {_unavailable + _isolationBlocked} unavailable volumes but only {_stuck} stuck");
        if (_lost < _lostAtLastCheck)
            throw new InvalidOperationException($"cluster {Name}: lost volumes went from {_lostAtLastCheck} down to {_lost}");
        if (_free.TotalFree < 0) throw new InvalidOperationException($"cluster {Name}: negative free space");
        _lostAtLastCheck = _lost;
    }

    /// <summary>
    /// Checks the invariants: volumes conserved across states, capacity never negative nor exceeded, replicas on
    /// distinct nodes, counters equal to a recount. Throws with the first violation found.
    /// </summary>
    public void CheckInvariants()
    {
        int stuck = 0, degraded = 0, lost = 0, unavailable = 0;
        for (int v = 0; v < _volumes; v++)
        {
            switch (_state[v])
            {
                case VolumeState.Stuck: stuck++; break;
                case VolumeState.Degraded: degraded++; break;
                case VolumeState.Lost: lost++; break;
            }
            if ((_flags[v] & VolumeFlags.Unavailable) != 0 && (_flags[v] & VolumeFlags.IsolationBlocked) == 0) unavailable++;
            int p = _primary[v], m = _mirror[v], t = _target[v];
            if (p >= 0 && (p == m || p == t)) throw new InvalidOperationException($"cluster {Name}: volume {v} has two replicas on node {p}");
            if (m >= 0 && m == t) throw new InvalidOperationException($"cluster {Name}: volume {v} has two replicas on node {m}");
            if (_state[v] == VolumeState.Degraded && t < 0) throw new InvalidOperationException($"cluster {Name}: volume {v} copies to no node");
        }
        if (stuck != _stuck || degraded != _degraded || lost != _lost || unavailable != _unavailable)
            throw new InvalidOperationException($"cluster {Name}: counters stuck {_stuck}/{stuck}, degraded {_degraded}/{degraded}, lost {_lost}/{lost}, unavailable {_unavailable}/{unavailable} (kept/recounted)");
        for (int n = 0; n < _nodeCount; n++)
        {
            if (_nodeUsedMiB[n] < 0) throw new InvalidOperationException($"cluster {Name}: node {n} uses negative space");
            if (_nodeStatus[n] == NodeStatus.Up && _nodeUsedMiB[n] > _nodeCapacityMiB)
                throw new InvalidOperationException($"cluster {Name}: node {n} uses {_nodeUsedMiB[n]} MiB of {_nodeCapacityMiB}");
        }
    }
}
