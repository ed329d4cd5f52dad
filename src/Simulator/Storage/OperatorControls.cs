using Simulator.Engine;

namespace Simulator.Storage;

/// <summary>
/// What operators can do to one cluster: stop the nodes' futile searches, cut the cluster off the control plane
/// (gradually), let parked volumes negotiate again under a throttle, add nodes, restore volumes by hand at a pace.
/// </summary>
internal sealed class OperatorControls(StorageCluster cluster) : IEventHandler
{
    private const int EvThrottle = 1, EvManual = 2, EvCutStep = 3, EvSnapshot = 4;
    /// <summary>Steps of a gradual cut: the cut share grows by 1/12 at a time.</summary>
    private const int CutSteps = 12;

    private readonly VolumeTable _v = cluster.Volumes;
    private readonly Simulation _sim = cluster.Sim;
    private readonly VolumeLists _lists = cluster.Lists;
    private double _throttlePerSecond, _manualPerSecond, _snapshotPerSecond;
    private EventHandle _throttleEvent, _manualEvent, _snapshotEvent;

    /// <summary>Searches stopped: stuck volumes park instead of retrying.</summary>
    public bool SearchStopped { get; private set; }
    /// <summary>Share of negotiations refused because the cluster is cut off the control plane.</summary>
    public double CutFraction { get; private set; }
    public int Parked => _lists.Count(WaitList.Parked);

    /// <summary>Stops the nodes' futile searches: every searching volume waits, without load, for throttled release.</summary>
    public void StopFutileSearch()
    {
        SearchStopped = true;
        cluster.Retries.ParkAll();
        for (int v = 0; v < _v.Count; v++)
            if (_v.State(v) is VolumeState.Stuck or VolumeState.Degraded && _v.Target[v] < 0 && _sim.IsPending(_v.Event[v]))
            {
                _sim.Cancel(_v.Event[v]);
                _v.Event[v] = default;
                _lists.Append(WaitList.Parked, v);
            }
        cluster.Retries.Changed();
    }

    /// <summary>A stuck volume parks (searches are stopped); the throttle picks it up when it runs.</summary>
    public void Park(int v)
    {
        _lists.Append(WaitList.Parked, v);
        if (_throttlePerSecond > 0 && !_sim.IsPending(_throttleEvent)) ScheduleThrottle();
    }

    /// <summary>Cuts the cluster off the control plane gradually: the cut share grows linearly to 1 over <paramref name="over"/>.</summary>
    public void CutControlPlane(Duration over)
    {
        if (over <= Duration.Zero) { SetCut(1); return; }
        for (int i = 1; i <= CutSteps; i++) _sim.ScheduleAfter(over * i / CutSteps, this, EvCutStep, i * 1000 / CutSteps);
    }

    private void SetCut(double fraction)
    {
        cluster.Retries.Accrue();
        CutFraction = fraction;
        cluster.Retries.Changed();
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
        int v = _lists.Head(WaitList.Parked);
        if (v < 0) return; // resumes when a volume parks
        if (_v.SizeMiB[v] > cluster.Nodes.Free.MaxFree)
        {
            ScheduleThrottle(); // no space for the head yet: keep the pace, try again next tick
            return;
        }
        _lists.Remove(v);
        cluster.ReMirror.Release(v);
        // The released volume may park again at once (no node for it), and parking starts the throttle: one tick pending, never two.
        if (!_sim.IsPending(_throttleEvent)) ScheduleThrottle();
    }

    /// <summary>Adds <paramref name="nodes"/> empty nodes on the primary network.</summary>
    public void AddNodes(int nodes)
    {
        for (int i = 0; i < nodes; i++) cluster.Domains.AddNode();
        cluster.Nodes.Add(nodes);
        cluster.Policy.OnNodesAdded(cluster.PlacementBuildStream);
        for (int i = 0; i < nodes; i++) cluster.Network.AddNode();
        cluster.Retries.WakeWaiters();
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
        int v = _lists.Head(WaitList.Unavailable);
        if (v >= 0) cluster.LifeCycle.Recover(v, byHand: true);
        else
        {
            v = _lists.Head(WaitList.Parked);
            if (v < 0) return;
            _lists.Remove(v);
            _v.ClearReplicas(v);
            cluster.ReMirror.Become(v, VolumeState.Healthy);
        }
        _manualEvent = _sim.ScheduleAfter(Duration.FromSeconds(1 / _manualPerSecond), this, EvManual, 0);
    }

    /// <summary>Operators hand volumes of unknown consistency over as recovery snapshots, oldest first, at <paramref name="perSecond"/>.</summary>
    public void StartRecoverySnapshots(double perSecond)
    {
        _snapshotPerSecond = perSecond;
        if (perSecond > 0 && !_sim.IsPending(_snapshotEvent))
            _snapshotEvent = _sim.ScheduleAfter(Duration.FromSeconds(1 / perSecond), this, EvSnapshot, 0);
    }

    private void SnapshotTick()
    {
        _snapshotEvent = default;
        int v = _lists.Head(WaitList.ConsistencyUnknown);
        if (v >= 0)
        {
            _lists.Remove(v);
            _v.RecoverBySnapshot(v);
            cluster.ReMirror.Become(v, VolumeState.Healthy);
        }
        // Keeps its pace while the list is empty: volumes may still come back from the dark.
        _snapshotEvent = _sim.ScheduleAfter(Duration.FromSeconds(1 / _snapshotPerSecond), this, EvSnapshot, 0);
    }

    void IEventHandler.OnEvent(int kind, long arg)
    {
        switch (kind)
        {
            case EvSnapshot: SnapshotTick(); break;
            case EvThrottle: ThrottleTick(); break;
            case EvManual: ManualTick(); break;
            case EvCutStep: SetCut(arg / 1000.0); break;
        }
    }
}
