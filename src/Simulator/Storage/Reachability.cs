using Simulator.Engine;

namespace Simulator.Storage;

/// <summary>
/// How volumes react when nodes become unreachable — their network is congested (a routing change), a power
/// loss cut them off, or an outage of their failure domain did, their data kept — and reachable again. A lost replica is noticed on the volume's next write that gets no
/// answer within the detection time-out; the unreachable replicas are given up and the volume re-mirrors from the
/// others. A volume with every replica unreachable is blocked until they come back; if every replica lost power,
/// the consistency of its last writes is unknown and it waits for a recovery snapshot instead of serving again.
/// </summary>
internal sealed class Reachability(StorageCluster cluster) : IEventHandler
{
    private readonly VolumeTable _v = cluster.Volumes;
    private readonly NodeTable _n = cluster.Nodes;
    private readonly Simulation _sim = cluster.Sim;

    /// <summary>Re-reads which nodes are isolated after a routing change, and lets the volumes react.</summary>
    public void OnRoutingChanged(string? source)
    {
        var newly = new List<int>();
        var healed = new List<int>();
        for (int n = 0; n < _n.Count; n++)
        {
            bool iso = !_n.IsCrashed(n) && cluster.Network.IsIsolated(n);
            if (iso == _n.IsIsolated(n)) continue;
            bool before = _n.IsUnreachable(n);
            _n.SetIsolated(n, iso);
            if (_n.IsUnreachable(n) != before) (iso ? newly : healed).Add(n);
        }
        using var failure = cluster.Failures.Unreachable(FailureKind.RoutingChange, source, newly);
        React(newly, healed);
    }

    /// <summary>Nodes lose power (<paramref name="darkened"/>) or have power and network back (<paramref name="restored"/>).</summary>
    public void OnPowerChanged(IReadOnlyList<int> darkened, IReadOnlyList<int> restored, string? source)
    {
        var newly = new List<int>();
        var healed = new List<int>();
        foreach (int n in darkened)
        {
            if (_n.IsCrashed(n) || _n.IsPowerDark(n)) continue;
            bool before = _n.IsUnreachable(n);
            _n.SetPower(n, dark: true, unpowered: true);
            if (!before) newly.Add(n);
            MarkPowerLost(n);
        }
        foreach (int n in restored)
        {
            if (!_n.IsPowerDark(n)) continue;
            _n.SetPower(n, dark: false, unpowered: false);
            if (!_n.IsUnreachable(n)) healed.Add(n);
        }
        using var failure = cluster.Failures.Unreachable(FailureKind.PowerLoss, source, newly);
        React(newly, healed);
    }

    /// <summary>
    /// Outages of failure domains cut nodes off with their data and power kept (<paramref name="cutOff"/>), or one
    /// of them is over (<paramref name="over"/>: each node once per outage). Volumes react as to any unreachable
    /// node; one whose every replica was cut off only this way kept its writes, and serves again once they are back.
    /// </summary>
    public void OnOutageChanged(IReadOnlyList<int> cutOff, IReadOnlyList<int> over, string? source = null)
    {
        var newly = new List<int>();
        var healed = new List<int>();
        foreach (int n in cutOff)
        {
            if (_n.IsCrashed(n)) continue;
            bool before = _n.IsUnreachable(n);
            _n.AddOutage(n);
            if (!before) newly.Add(n);
        }
        foreach (int n in over)
        {
            if (_n.IsCrashed(n) || _n.OutagesOf(n) == 0) continue;
            _n.RemoveOutage(n);
            if (!_n.IsUnreachable(n)) healed.Add(n);
        }
        using var failure = cluster.Failures.Unreachable(FailureKind.DomainFailure, source, newly);
        React(newly, healed);
    }

    /// <summary>Volumes on a node that just lost power with every replica cut off by power losses lost power during their writes.</summary>
    private void MarkPowerLost(int n)
    {
        foreach (int v in _n.VolumesOn(n))
        {
            if (!_v.HoldsReplica(v, n) || _v.State(v) == VolumeState.Lost || _v.Has(v, VolumeFlags.PowerLost)) continue;
            bool allPowerDark = true;
            foreach (int r in _v.Replicas(v)) allPowerDark &= _n.IsPowerDark(r);
            if (allPowerDark) _v.MarkPowerLost(v);
        }
    }

    private void React(List<int> newly, List<int> healed)
    {
        var detect = cluster.Draws.Detect;
        long now = _sim.Now.Ticks;
        foreach (int n in newly)
            foreach (int v in _n.VolumesOn(n))
            {
                if (!_v.HoldsReplica(v, n) || _v.State(v) != VolumeState.Healthy || _sim.IsPending(_v.Event[v])) continue;
                if (Unreachable(v) == _v.ReplicaCount(v))
                {
                    Block(v);
                    continue;
                }
                // The partner is declared lost on the volume's first write that gets no answer for the detection timeout.
                double w = _v.WritesPerSecond[v];
                if (w <= 0) continue;
                var at = Duration.FromSeconds(detect.At(v, now).NextExponential(w)) + cluster.Spec.DetectTimeout;
                _v.Event[v] = _sim.ScheduleAfter(at, this, 0, v);
            }
        var remirror = cluster.ReMirror;
        foreach (int n in healed) cluster.Failures.Reachable(n);
        foreach (int n in healed)
            foreach (int v in _n.VolumesOn(n))
            {
                if (!_v.Has(v, VolumeFlags.IsolationBlocked) || !_v.HoldsReplica(v, n)) continue;
                if (Unreachable(v) > 0) continue;
                _v.ClearIsolationBlocked(v, reachable: true);
                if (_v.Has(v, VolumeFlags.PowerLost))
                {
                    remirror.Become(v, VolumeState.ConsistencyUnknown);
                    cluster.Lists.Append(WaitList.ConsistencyUnknown, v);
                    continue;
                }
                if (_v.ReplicaCount(v) == _v.R) { remirror.Become(v, VolumeState.Healthy); continue; }
                // Replicas crashed while all were unreachable: reachable again, it re-mirrors.
                remirror.NeedReplica(v, byNetwork: false);
            }
    }

    /// <summary>Every replica unreachable: I/O blocked, but nothing to re-mirror; heals when they come back.</summary>
    private void Block(int v)
    {
        _v.MarkIsolationBlocked(v);
        cluster.ReMirror.EnterStuck(v, byNetwork: true);
    }

    /// <summary>How many of the volume's replicas are on unreachable nodes.</summary>
    private int Unreachable(int v)
    {
        int unreachable = 0;
        foreach (int n in _v.Replicas(v))
            if (_n.IsUnreachable(n)) unreachable++;
        return unreachable;
    }

    /// <summary>A write of the volume got no answer from some replicas for the detection time-out.</summary>
    private void Detect(int v)
    {
        if (_v.State(v) != VolumeState.Healthy) return;
        int unreachable = Unreachable(v);
        if (unreachable == 0) return; // healed
        // Put down to the latest event that cut off one of its replicas.
        int cause = -1;
        foreach (int n in _v.Replicas(v))
            if (_n.IsUnreachable(n)) cause = Math.Max(cause, cluster.Failures.EventOfNode(n));
        using var failure = cluster.Failures.Resume(cause);
        if (unreachable == _v.ReplicaCount(v)) { Block(v); return; } // the others went too before the write
        // The reachable replicas take over (the first serves); the unreachable ones are given up.
        Span<int> lost = stackalloc int[unreachable];
        int k = 0;
        foreach (int n in _v.Replicas(v))
            if (_n.IsUnreachable(n)) lost[k++] = n;
        foreach (int n in lost) _v.RemoveReplica(v, n);
        foreach (int n in lost) cluster.LifeCycle.GiveUp(n, _v.SizeMiB[v]);
        cluster.ReMirror.NeedReplica(v, byNetwork: true);
    }

    void IEventHandler.OnEvent(int kind, long arg)
    {
        int v = (int)arg;
        _v.Event[v] = default;
        Detect(v);
    }
}
