using Simulator.Engine;
using Simulator.Scenarios.Model;

namespace Simulator.Storage;

/// <summary>
/// Futile retries of one cluster, accounted as rates. In <see cref="RetryAccounting.Aggregated"/> mode a volume
/// whose attempt failed for want of space, and whose retry interval has stopped changing, leaves the event queue
/// and waits here: its attempts, the replication-request closures they cause (the crash hazard) and their
/// negotiations with the control plane are accounted as rates (waiting volumes ÷ mean interval) until space
/// appears; then it is woken and tries again at its next retry time. Volumes past their retry budget wait here
/// without load. Also the search attempts count, and the crash hazard of every attempt.
/// </summary>
internal sealed class FutileRetries : IEventHandler
{
    /// <summary>
    /// Waiting volumes looked at without fitting before a wake-up stops: bounds the work of one wake-up when the
    /// head of the list holds volumes too large for the space that appeared. The ones skipped wake at the next
    /// space change; 256 keeps a wake-up O(256) while letting small volumes past a few large ones.
    /// </summary>
    private const int WakeMissLimit = 256;

    private readonly StorageCluster _c;
    private readonly VolumeTable _v;
    private readonly Simulation _sim;
    private readonly VolumeLists _lists;
    private readonly int _contacts;
    private readonly double _crashPerClosure;
    private int _rateFreeWaiters; // waiting volumes past their retry budget: no load
    private long _accruedTicks;
    private double _attempts;
    private double _hazardTarget, _hazardAccrued;
    private EventHandle _crashEvent;
    private long _hazardCrashes; // crashes of the aggregated hazard so far: the key of the next target

    public FutileRetries(StorageCluster cluster)
    {
        _c = cluster;
        _v = cluster.Volumes;
        _sim = cluster.Sim;
        _lists = cluster.Lists;
        _contacts = cluster.Spec.SearchContacts;
        _crashPerClosure = cluster.Spec.Crash.PerClosureProbability;
        _hazardTarget = cluster.Draws.CrashHazard.At(0, 0).NextExponential(1.0);
    }

    public int Waiting => _lists.Count(WaitList.Waiting);

    /// <summary>Search attempts so far, futile ones accounted as rates included.</summary>
    public double Attempts { get { Accrue(); return _attempts; } }

    /// <summary>Attempts per second of the waiting volumes (their load while no space exists).</summary>
    public double WaitingAttemptRate => (Waiting - _rateFreeWaiters) / _c.Retry.SteadyMeanIntervalSeconds;

    public void CountAttempt() => _attempts++;

    /// <summary>A volume waits (for space, or past its budget) instead of retrying as events.</summary>
    public void Wait(int v, bool overBudget)
    {
        Accrue();
        _lists.Append(WaitList.Waiting, v);
        if (overBudget) _rateFreeWaiters++;
        Changed();
    }

    /// <summary>A volume leaves whatever list it is in.</summary>
    public void Leave(int v)
    {
        bool waiting = _lists.ListOf(v) == WaitList.Waiting;
        if (waiting) Accrue();
        _lists.Remove(v);
        if (waiting && _c.Retry.Budget is int b && _v.Failed[v] >= b) _rateFreeWaiters--;
        if (waiting) Changed();
    }

    /// <summary>Searches stop: every waiting volume is parked, without load.</summary>
    public void ParkAll()
    {
        Accrue();
        for (int v = _lists.Head(WaitList.Waiting); v >= 0;)
        {
            int next = _lists.Next(v);
            _lists.Remove(v);
            _lists.Append(WaitList.Parked, v);
            v = next;
        }
        _rateFreeWaiters = 0;
    }

    /// <summary>Space appeared: wake waiting volumes that could fit, oldest first, as many as the free space can take.</summary>
    public void WakeWaiters()
    {
        if (Waiting == 0) return;
        var free = _c.Nodes.Free;
        long budget = free.TotalFree, maxFree = free.MaxFree;
        if (maxFree <= 0) return;
        Accrue();
        int misses = 0;
        for (int v = _lists.Head(WaitList.Waiting); v >= 0 && budget > 0 && misses < WakeMissLimit;)
        {
            int next = _lists.Next(v);
            if (_v.SizeMiB[v] <= maxFree && _v.SizeMiB[v] <= budget)
            {
                budget -= _v.SizeMiB[v];
                _lists.Remove(v);
                if (_c.Retry.Budget is int b && _v.Failed[v] >= b) { _rateFreeWaiters--; _v.Failed[v] = 0; }
                _c.ReMirror.ScheduleAttempt(v, NextRetryTime(v));
            }
            else misses++;
            v = next;
        }
        Changed();
    }

    /// <summary>When a woken waiter would have tried next: the next tick of its retry clock (fixed intervals keep their phase).</summary>
    private SimTime NextRetryTime(int v)
    {
        double interval = _c.Retry.SteadyMeanIntervalSeconds;
        long step = Math.Max(1, Duration.FromSeconds(interval).Ticks);
        long now = _sim.Now.Ticks;
        if (_c.Spec.Retry.Policy is RetryPolicyKind.Fixed or RetryPolicyKind.Exponential)
        {
            long since = now - _v.LastAttemptTicks[v];
            long k = since <= 0 ? 1 : (since + step - 1) / step;
            return new SimTime(_v.LastAttemptTicks[v] + k * step);
        }
        return new SimTime(now + (long)(_c.Draws.Wake.At(v, _v.Attempts[v]).NextDouble() * step));
    }

    /// <summary>Adds the attempts and crash hazard of the waiting volumes since the last call.</summary>
    public void Accrue()
    {
        long now = _sim.Now.Ticks;
        double dt = (double)(now - _accruedTicks) / Duration.TicksPerSecond;
        _accruedTicks = now;
        if (dt <= 0) return;
        double rate = WaitingAttemptRate;
        _attempts += rate * dt;
        _hazardAccrued += rate * _contacts * _crashPerClosure * dt;
    }

    /// <summary>After the waiting list or the cut share changed: tell the control plane, and re-aim the next crash.</summary>
    public void Changed()
    {
        double rate = WaitingAttemptRate;
        double cut = _c.Operators.CutFraction;
        _c.ControlPlane.SetFluidRate(_c.ControlPlaneSource, _c.Spec.NegotiatePerAttempt ? rate * (1 - cut) : 0);
        double hazard = rate * _contacts * _crashPerClosure;
        if (_sim.IsPending(_crashEvent)) _sim.Cancel(_crashEvent);
        _crashEvent = default;
        if (hazard <= 0) return;
        double remaining = Math.Max(0, _hazardTarget - _hazardAccrued);
        double seconds = remaining / hazard;
        if (seconds < 1e9) _crashEvent = _sim.ScheduleAfter(Duration.FromSeconds(seconds), this, 0, 0);
    }

    /// <summary>The accrued hazard reached its exponential target: a node crashes.</summary>
    void IEventHandler.OnEvent(int kind, long arg)
    {
        _crashEvent = default;
        Accrue();
        _hazardAccrued = 0;
        _hazardTarget = _c.Draws.CrashHazard.At(0, ++_hazardCrashes).NextExponential(1.0);
        _c.LifeCycle.CrashRandomNode();
        Changed();
    }
}
