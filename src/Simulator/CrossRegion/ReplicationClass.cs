using Simulator.Engine;
using Simulator.Network;
using Simulator.Scenarios.Model;

namespace Simulator.CrossRegion;

/// <summary>
/// One class of volumes of a cluster replicated to another region (<see cref="CrossRegionSpec"/>): its members, their
/// write rates, where each serves from, and failover and failback.
/// <para>
/// A member serves at home while its home copies serve (the volume is not blocked) and it is not failed over. When it
/// stops serving at home, the writes its remote copy lacks are noted (<see cref="IShipper.RpoSeconds"/>); if it is
/// still not serving after <c>detect_after</c> (automatic failover), its remote copy is promoted after
/// <c>promotion</c>, and from then it serves from the remote region (while that region is up) and its home copy is
/// fenced: it never serves in both. When its home copies serve again, the writes made at the remote copy since the
/// promotion are copied back (a flow on the link's other direction, one per batch of members back at one instant),
/// and then it serves at home again. An operator's <c>fail_over</c> promotes members whose home still serves (fenced
/// at once; the unshipped writes are lost as well) and their failback waits for <c>fail_back</c>.
/// </para>
/// <para>Cost: O(1) per change of a member's state, plus one timer per batch of members that stop at one instant.</para>
/// </summary>
public sealed class ReplicationClass : IEventHandler, IFlowClient
{
    private const int EvDetect = 1, EvPromote = 2, EvFlush = 3;

    private readonly Simulation _sim;
    private readonly WanNetwork _wan;
    private readonly FailoverSpec _failover;
    private readonly int _direction;
    private readonly int[] _volume;
    private readonly double[] _w;
    private readonly long[] _wMilli; // _w in thousandths of a byte per second: sums kept exact, so no rounding remainder when every member stops
    private readonly MemberState[] _state;
    private readonly bool[] _blockedHome, _forced;
    private readonly long[] _stoppedAt, _promotedAt;
    private readonly double[] _rpoS;
    private readonly int[] _epoch;
    private readonly Queue<(long Due, int Member, int Epoch)> _detect = new(), _promote = new();
    private readonly List<int> _backHome = [];
    private readonly Dictionary<long, List<int>> _resyncs = [];
    private long _nextResync;
    private bool _flushPending;
    private long _wHomeMilli;
    private readonly List<FailoverOutcome> _outcomes;
    private int _outcomesChecked; // outcomes (of every class: the list is shared) already checked by CheckInvariants

    public ReplicationClass(int index, CrossRegionSpec spec, string homeRegion, Simulation sim, WanNetwork wan, int direction,
        IReadOnlyList<int> volumes, IReadOnlyList<double> writeRates, List<FailoverOutcome> outcomes)
    {
        Index = index;
        Spec = spec;
        HomeRegion = homeRegion;
        _sim = sim;
        _wan = wan;
        _failover = spec.Failover;
        _direction = direction;
        _volume = [.. volumes];
        _wMilli = [.. writeRates.Select(w => (long)Math.Round(w * 1000))];
        _w = [.. _wMilli.Select(w => w / 1000.0)];
        int n = _volume.Length;
        _state = new MemberState[n];
        _blockedHome = new bool[n];
        _forced = new bool[n];
        _stoppedAt = new long[n];
        _promotedAt = new long[n];
        _rpoS = new double[n];
        _epoch = new int[n];
        _servingHome = n;
        _outcomes = outcomes;
        Shipper = spec.Mode == CrossRegionMode.Continuous
            ? new ContinuousStream(sim, wan, direction)
            : new SnapshotShipper(sim, wan, direction, spec.Every!.Value);
        foreach (long w in _wMilli) _wHomeMilli += w;
        Shipper.SetWriteRate(HomeWriteRate);
    }

    public int Index { get; }
    public CrossRegionSpec Spec { get; }
    public string HomeRegion { get; }
    public string RemoteRegion => Spec.To;
    public IShipper Shipper { get; }
    public int Members => _volume.Length;

    /// <summary>The cluster volume of a member.</summary>
    public int VolumeOf(int member) => _volume[member];

    /// <summary>Bytes per second the members serving at home write now.</summary>
    public double HomeWriteRate => _wHomeMilli / 1000.0;

    public MemberState StateOf(int member) => _state[member];

    /// <summary>True when the member serves from its home region now.</summary>
    public bool ServesAtHome(int member) => _state[member] == MemberState.Home && !_blockedHome[member];

    /// <summary>True when the member serves from the remote region now.</summary>
    public bool ServesRemotely(int member) =>
        _state[member] is MemberState.FailedOver or MemberState.FailingBack && !_wan.IsRegionDown(RemoteRegion);

    /// <summary>The member's home copies stopped (true) or resumed (false) serving I/O.</summary>
    public void OnHomeBlocked(int member, bool blocked)
    {
        if (_blockedHome[member] == blocked) return;
        SetBlocked(member, blocked);
        long now = _sim.Now.Ticks;
        switch (_state[member])
        {
            case MemberState.Home when blocked:
                Stop(member, now);
                break;
            case MemberState.Home:
                Record(member, failedOver: false);
                _epoch[member]++;
                SetHomeWriting(member, true);
                break;
            case MemberState.Promoting when !blocked && !_forced[member]:
                // Home back before the promotion: the promotion is called off.
                _epoch[member]++;
                SetState(member, MemberState.Home);
                Record(member, failedOver: false);
                SetHomeWriting(member, true);
                break;
            case MemberState.FailedOver when !blocked && !_forced[member]:
                FailBack(member);
                break;
        }
    }

    /// <summary>Operators fail the class over: every member serving at home (or about to) is promoted.</summary>
    public void ForceFailover()
    {
        long now = _sim.Now.Ticks;
        for (int m = 0; m < _volume.Length; m++)
        {
            if (_state[m] is not MemberState.Home) { _forced[m] = true; continue; }
            if (!_blockedHome[m]) Stop(m, now, automatic: false);
            _forced[m] = true;
            Promote(m);
        }
    }

    /// <summary>Operators let failed-over members go back home: now if their home serves, else when it does.</summary>
    public void AllowFailback()
    {
        for (int m = 0; m < _volume.Length; m++)
        {
            _forced[m] = false;
            if (_state[m] == MemberState.FailedOver && !_blockedHome[m]) FailBack(m);
        }
    }

    private void Stop(int member, long now, bool automatic = true)
    {
        SetHomeWriting(member, false);
        _stoppedAt[member] = now;
        _rpoS[member] = Shipper.RpoSeconds();
        if (!automatic || !_failover.Automatic) return;
        Enqueue(_detect, now + _failover.DetectAfter.Ticks, member, EvDetect);
    }

    private void Promote(int member)
    {
        SetState(member, MemberState.Promoting);
        Enqueue(_promote, _sim.Now.Ticks + _failover.Promotion.Ticks, member, EvPromote);
    }

    private void FailBack(int member)
    {
        SetState(member, MemberState.FailingBack);
        _backHome.Add(member);
        if (_flushPending) return;
        _flushPending = true;
        _sim.Schedule(_sim.Now, this, EvFlush);
    }

    private void Enqueue(Queue<(long Due, int Member, int Epoch)> queue, long due, int member, int kind)
    {
        queue.Enqueue((due, member, _epoch[member]));
        if (queue.Count == 1) _sim.Schedule(new SimTime(due), this, kind);
    }

    void IEventHandler.OnEvent(int kind, long arg)
    {
        if (kind == EvFlush) { Flush(); return; }
        var queue = kind == EvDetect ? _detect : _promote;
        long now = _sim.Now.Ticks;
        while (queue.Count > 0 && queue.Peek().Due <= now)
        {
            var (_, m, epoch) = queue.Dequeue();
            if (epoch != _epoch[m]) continue;
            if (kind == EvDetect)
            {
                if (_state[m] == MemberState.Home && _blockedHome[m]) Promote(m);
            }
            else if (_state[m] == MemberState.Promoting)
            {
                SetState(m, MemberState.FailedOver);
                _promotedAt[m] = now;
                Record(m, failedOver: true);
                Shipper.Discard(_w[m] * Math.Max(0, _rpoS[m] - _wan.LatencySeconds(_direction)));
                if (!_blockedHome[m] && !_forced[m]) FailBack(m);
            }
        }
        if (queue.Count > 0) _sim.Schedule(new SimTime(queue.Peek().Due), this, kind);
    }

    /// <summary>Starts one re-sync flow for the members back home at this instant: the bytes written remotely since their promotion.</summary>
    private void Flush()
    {
        _flushPending = false;
        if (_backHome.Count == 0) return;
        long now = _sim.Now.Ticks;
        double bytes = 0;
        foreach (int m in _backHome) bytes += _w[m] * (now - _promotedAt[m]) / Duration.TicksPerSecond;
        long token = _nextResync++;
        _resyncs[token] = [.. _backHome];
        _backHome.Clear();
        int link = _wan.FlowLink(WanNetwork.Reverse(_direction));
        _wan.Flows.Start(this, token, bytes, new ReadOnlySpan<int>(ref link));
    }

    void IFlowClient.OnFlowDone(long token)
    {
        var members = _resyncs[token];
        _resyncs.Remove(token);
        foreach (int m in members)
        {
            if (_state[m] != MemberState.FailingBack) continue;
            if (_blockedHome[m]) { SetState(m, MemberState.FailedOver); continue; } // home stopped again meanwhile
            SetState(m, MemberState.Home);
            SetHomeWriting(m, true);
        }
    }

    private int _servingHome, _failed, _blocked;

    private void SetState(int member, MemberState next)
    {
        Tally(member, -1);
        _state[member] = next;
        Tally(member, +1);
    }

    private void SetBlocked(int member, bool blocked)
    {
        Tally(member, -1);
        _blockedHome[member] = blocked;
        Tally(member, +1);
    }

    private void Tally(int member, int sign)
    {
        if (_state[member] == MemberState.Home && !_blockedHome[member]) _servingHome += sign;
        if (_state[member] is MemberState.FailedOver or MemberState.FailingBack) _failed += sign;
        if (_blockedHome[member]) _blocked += sign;
    }

    private void SetHomeWriting(int member, bool writing)
    {
        _wHomeMilli += writing ? _wMilli[member] : -_wMilli[member];
        Shipper.SetWriteRate(HomeWriteRate);
    }

    private void Record(int member, bool failedOver)
    {
        double at = _stoppedAt[member] / (double)Duration.TicksPerSecond;
        double rto = (_sim.Now.Ticks - _stoppedAt[member]) / (double)Duration.TicksPerSecond;
        double rpo = failedOver ? _rpoS[member] : 0;
        _outcomes.Add(new FailoverOutcome(Index, _volume[member], at, rto, failedOver, rpo, rpo * _w[member]));
    }

    /// <summary>
    /// Counts now: members serving at home, serving remotely, failed over (promoted, whether serving or not), serving
    /// nowhere, and whose home copies do not serve (blocked, whatever the member's state). O(1): kept as they change.
    /// </summary>
    public (int Home, int Remote, int FailedOver, int Down, int BlockedAtHome) Count()
    {
        int remote = _wan.IsRegionDown(RemoteRegion) ? 0 : _failed;
        return (_servingHome, remote, _failed, _volume.Length - _servingHome - remote, _blocked);
    }

    /// <summary>
    /// Checks that no member serves in two regions at once, that the write rate shipped is the sum over the members
    /// serving at home (exactly: rates are kept in thousandths of a byte per second), and that a member that stopped
    /// or failed over lacks a finite, non-negative share of its writes (RPO ≥ 0, and so every recovery recorded since
    /// the last check: RPO and RTO ≥ 0); throws <see cref="InvalidOperationException"/> otherwise.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // checked after every event by the swarm: optimised at once, not after tiering
    public void CheckInvariants()
    {
        for (; _outcomesChecked < _outcomes.Count; _outcomesChecked++)
        {
            var o = _outcomes[_outcomesChecked];
            if (o.Class == Index && !(o.RpoS >= 0 && o.RpoBytes >= 0 && o.RtoS >= 0 && double.IsFinite(o.RpoS + o.RpoBytes + o.RtoS)))
                throw new InvalidOperationException($"class {Spec.Name}: volume {o.Volume} recovered with RPO {o.RpoS} s ({o.RpoBytes} B), RTO {o.RtoS} s");
        }
        for (int m = 0; m < _volume.Length; m++)
            if ((_state[m] != MemberState.Home || _blockedHome[m]) && !(_rpoS[m] >= 0 && double.IsFinite(_rpoS[m])))
                throw new InvalidOperationException($"class {Spec.Name}: volume {_volume[m]} is {_state[m]} with RPO {_rpoS[m]} s");
        long w = 0;
        int home = 0, failed = 0, blocked = 0;
        for (int m = 0; m < _volume.Length; m++)
        {
            if (ServesAtHome(m)) home++;
            if (_state[m] is MemberState.FailedOver or MemberState.FailingBack) failed++;
            if (_blockedHome[m]) blocked++;
            if (ServesAtHome(m) && ServesRemotely(m))
                throw new InvalidOperationException($"class {Spec.Name}: volume {_volume[m]} serves in {HomeRegion} and {RemoteRegion} at once");
            if (_state[m] == MemberState.Home && !_blockedHome[m]) w += _wMilli[m];
        }
        if ((home, failed, blocked) != (_servingHome, _failed, _blocked))
            throw new InvalidOperationException($"class {Spec.Name}: counts (home, failed over, blocked) kept ({_servingHome}, {_failed}, {_blocked}), recounted ({home}, {failed}, {blocked})");
        if (w != _wHomeMilli)
            throw new InvalidOperationException($"class {Spec.Name}: write rate at home {_wHomeMilli / 1000.0} B/s, recount {w / 1000.0} B/s");
    }
}
