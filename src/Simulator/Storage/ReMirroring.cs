using Simulator.Engine;

namespace Simulator.Storage;

/// <summary>
/// The re-mirroring protocol of one cluster. A volume that lost a replica (unreachable, or crashed) searches for a
/// node with free space → negotiates with the control plane → copies → has its replicas again; whether it serves
/// meanwhile follows its write rule (<see cref="SearchingState"/>).
/// </summary>
internal sealed class ReMirroring(StorageCluster cluster) : IEventHandler, ControlPlane.INegotiationClient, Network.IFlowClient
{
    private const int EvAttempt = 2;
    private const long MiB = 1L << 20;

    private readonly VolumeTable _v = cluster.Volumes;
    private readonly NodeTable _n = cluster.Nodes;
    private readonly Simulation _sim = cluster.Sim;
    private readonly Network.ClusterNetwork _net = cluster.Network;
    /// <summary>Each volume's copy in flight, as a flow over the links it crosses.</summary>
    private readonly Network.FlowId[] _flow = new Network.FlowId[cluster.Volumes.Count];
    private int _copying;

    /// <summary>Copies in flight.</summary>
    public int Copying => _copying;

    /// <summary>
    /// The volume has fewer replicas than it should and searches for one: stuck while it searches under the
    /// all-replicas rule (or without a quorum), degraded and serving under the majority rule.
    /// </summary>
    public void NeedReplica(int v, bool byNetwork)
    {
        if (SearchingState(v) == VolumeState.Degraded) StartSearch(v, VolumeState.Degraded);
        else EnterStuck(v, byNetwork);
        FirstAttempt(v);
    }

    /// <summary>A new search makes its first attempt after the repair delay (at once without one).</summary>
    private void FirstAttempt(int v)
    {
        var spec = cluster.Spec;
        if (spec.RepairDelay.Ticks <= 0) { Attempt(v); return; }
        double delayS = spec.RepairDelayDistribution == Scenarios.Model.RepairDelayKind.Exponential
            ? cluster.Draws.RepairDelay.At(v, _sim.Now.Ticks).NextExponential(1 / spec.RepairDelay.TotalSeconds)
            : spec.RepairDelay.TotalSeconds;
        _v.Event[v] = _sim.ScheduleAfter(Duration.FromSeconds(delayS), this, EvAttempt, v);
    }

    /// <summary>The state of a volume searching for a replica: degraded (serving) with a majority under the majority rule, else stuck.</summary>
    public VolumeState SearchingState(int v) =>
        _v.Rule == Scenarios.Model.WriteRule.Majority && _v.Serves(_v.ReplicaCount(v)) ? VolumeState.Degraded : VolumeState.Stuck;

    /// <summary>Whether the volume is searching for a replica now (no copy target, nothing blocking it).</summary>
    private bool Searching(int v) =>
        _v.State(v) is VolumeState.Stuck or VolumeState.Degraded && _v.Target[v] < 0 && !_v.Has(v, VolumeFlags.Unavailable);

    /// <summary>A volume's state changes; what follows from it in the cluster follows here.</summary>
    public void Become(int v, VolumeState next, bool byNetwork = false)
    {
        var prev = _v.SetState(v, next, byNetwork);
        if (prev == next) return;
        if (next == VolumeState.Lost) CancelPending(v);
        if (prev == VolumeState.Stuck && next == VolumeState.Healthy) cluster.LifeCycle.MaybeReleaseHeldSpace();
    }

    public void EnterStuck(int v, bool byNetwork)
    {
        _v.MarkStuckCause(v, byNetwork);
        StartSearch(v, VolumeState.Stuck, byNetwork);
    }

    /// <summary>A search for a replica starts afresh: the retry clock is reset and the volume takes <paramref name="state"/>.</summary>
    private void StartSearch(int v, VolumeState state, bool byNetwork = false)
    {
        _v.Failed[v] = 0;
        _v.LastIntervalS[v] = 0;
        Become(v, state, byNetwork);
    }

    /// <summary>Operators release a parked volume: it searches again, whether or not searches are stopped.</summary>
    public void Release(int v)
    {
        _releasing = true;
        _v.Failed[v] = 0;
        Attempt(v);
        _releasing = false;
    }

    private bool _releasing;

    /// <summary>One search attempt of a stuck volume that has a reachable copy.</summary>
    public void Attempt(int v)
    {
        _v.Event[v] = default;
        var operators = cluster.Operators;
        if (operators.SearchStopped && !_releasing) { operators.Park(v); return; }
        _v.LastAttemptTicks[v] = _sim.Now.Ticks;
        int n = ++_v.Attempts[v]; // every draw of this attempt is keyed by (v, n)
        var draws = cluster.Draws;
        int p = _v.Primary(v);
        if (_n.IsUnreachable(p)) { Fail(v, forWantOfSpace: false); return; } // cannot reach anyone
        cluster.Retries.CountAttempt();
        // The race condition: each replication request the search closes can crash the node closing it.
        double pCrash = cluster.Spec.SearchContacts * cluster.Spec.Crash.PerClosureProbability;
        int epoch = _v.Epoch[v];
        if (pCrash > 0 && draws.AttemptCrash.At(v, n).NextDouble() < pCrash) cluster.LifeCycle.CrashRandomNode();
        if (_v.Epoch[v] != epoch || !Searching(v)) return; // the crash took our copy, or moved the volume on

        int t = cluster.Policy.ChooseReplacement(_v.SizeMiB[v], _v.Replicas(v), _n.Free, draws.Replace.At(v, n));
        if (t < 0)
        {
            if (cluster.Spec.NegotiatePerAttempt) SendNegotiationLoad(v, n);
            Fail(v, forWantOfSpace: true);
            return;
        }
        if (operators.CutFraction > 0 && draws.Cut.At(v, n).NextDouble() < operators.CutFraction)
        {
            cluster.ControlPlane.CountRefusedNegotiation(cluster.ControlPlaneSource);
            Fail(v, forWantOfSpace: false);
            return;
        }
        _n.Occupy(t, _v.SizeMiB[v]);
        SetTarget(v, t);
        if (!cluster.ControlPlane.RequestNegotiation(cluster.ControlPlaneSource, this, Token(v)))
        {
            ReleaseTarget(v);
            Fail(v, forWantOfSpace: false);
        }
    }

    private void SendNegotiationLoad(int v, int attempt)
    {
        double cut = cluster.Operators.CutFraction;
        if (cut > 0 && cluster.Draws.Cut.At(v, attempt).NextDouble() < cut) cluster.ControlPlane.CountRefusedNegotiation(cluster.ControlPlaneSource);
        else cluster.ControlPlane.SendNegotiationLoad(cluster.ControlPlaneSource);
    }

    /// <summary>A failed attempt: schedule the next one by the retry policy, or wait (aggregated) when no space fits.</summary>
    private void Fail(int v, bool forWantOfSpace)
    {
        _v.Failed[v]++;
        if (cluster.Operators.SearchStopped) { cluster.Operators.Park(v); return; }
        var retry = cluster.Retry;
        bool overBudget = retry.Budget is int budget && _v.Failed[v] >= budget;
        // With a budget, attempts are bounded: they stay events until the budget is spent, then cost nothing.
        bool rateAccounted = !cluster.ExactRetries && retry.Budget is null && forWantOfSpace && retry.IsSteady(_v.Failed[v])
            && _n.Free.MaxFree < _v.SizeMiB[v];
        if (overBudget || rateAccounted)
        {
            cluster.Retries.Wait(v, overBudget);
            return;
        }
        double interval = retry.NextIntervalSeconds(_v.Failed[v], _v.LastIntervalS[v], cluster.Draws.Retry.At(v, _v.Attempts[v]).NextDouble());
        _v.LastIntervalS[v] = (float)interval;
        _v.Event[v] = _sim.ScheduleAfter(Duration.FromSeconds(interval), this, EvAttempt, v);
    }

    public void ScheduleAttempt(int v, SimTime at) => _v.Event[v] = _sim.Schedule(at, this, EvAttempt, v);

    void ControlPlane.INegotiationClient.OnNegotiated(long token, bool granted)
    {
        int v = (int)(token & 0xFFFFFFFF);
        if (_v.Epoch[v] != (int)(token >> 32)) return; // the volume moved on (its copy crashed meanwhile)
        if (!granted)
        {
            ReleaseTarget(v);
            Fail(v, forWantOfSpace: false);
            return;
        }
        _v.SetCopying(v, true);
        Become(v, _v.Rule == Scenarios.Model.WriteRule.All ? VolumeState.Degraded : SearchingState(v));
        _copying++;
        Span<int> path = stackalloc int[Network.FlowNetwork.MaxLinksPerFlow];
        int links = _net.CopyPath(_v.Primary(v), _v.Target[v], path);
        _flow[v] = _net.Flows.Start(this, Token(v), _v.SizeMiB[v] * (double)MiB, path[..links], cluster.CopyBytesPerSecond * 8);
    }

    void Network.IFlowClient.OnFlowDone(long token)
    {
        int v = (int)(token & 0xFFFFFFFF);
        // A copy that stops for any reason is cancelled (StopCopy): a completion is always the volume's current copy.
        if (_v.Epoch[v] != (int)(token >> 32) || !_v.Has(v, VolumeFlags.Copying))
            throw new InvalidOperationException($"cluster {cluster.Name}: volume {v} finished a copy it no longer makes");
        CopyDone(v);
    }

    private void CopyDone(int v)
    {
        StopCopy(v);
        int t = _v.Target[v];
        ClearTarget(v);
        _v.AddReplica(v, t);
        _n.VolumesOn(t).Add(v);
        if (_v.ReplicaCount(v) < _v.R)
        {
            // Still short of replicas: search for the next one.
            StartSearch(v, SearchingState(v));
            FirstAttempt(v);
            return;
        }
        Become(v, VolumeState.Healthy);
        cluster.LifeCycle.MaybeReleaseHeldSpace();
    }

    /// <summary>The volume's copy in flight ends (done, or its target or source crashed): its flow stops.</summary>
    public void StopCopy(int v)
    {
        _v.SetCopying(v, false);
        _copying--;
        _net.Flows.Cancel(_flow[v]);
        _flow[v] = default;
    }

    private long Token(int v) => ((long)_v.Epoch[v] << 32) | (uint)v;

    private void SetTarget(int v, int t)
    {
        _v.Target[v] = t;
        _n.AddIncoming(t, v);
        _v.Check(v);
    }

    /// <summary>The volume no longer negotiates or copies towards its target (its space is the caller's business).</summary>
    public void ClearTarget(int v)
    {
        _n.RemoveIncoming(_v.Target[v], v);
        _v.Target[v] = -1;
    }

    /// <summary>Gives back the space reserved on the copy target, if any.</summary>
    public void ReleaseTarget(int v)
    {
        int t = _v.Target[v];
        if (t < 0) return;
        ClearTarget(v);
        if (!_n.IsCrashed(t)) _n.Vacate(t, _v.SizeMiB[v]);
        cluster.Retries.WakeWaiters();
    }

    /// <summary>Removes a volume from any list and cancels its pending event; stale negotiations are ignored by epoch.</summary>
    public void CancelPending(int v)
    {
        if (_sim.IsPending(_v.Event[v])) _sim.Cancel(_v.Event[v]);
        _v.Event[v] = default;
        cluster.Retries.Leave(v);
        _v.Epoch[v]++;
    }

    void IEventHandler.OnEvent(int kind, long arg)
    {
        int v = (int)arg;
        switch (kind)
        {
            case EvAttempt: Attempt(v); break;
        }
    }
}
