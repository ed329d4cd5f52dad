using Simulator.Engine;

namespace Simulator.CrossRegion;

/// <summary>
/// Continuous asynchronous replication of a class of volumes as a fluid first-in-first-out stream: the volumes
/// serving at home write W bytes per second in all, the stream ships at the rate r its link gives it
/// (<see cref="WanNetwork"/>), and the backlog B — written, not yet shipped — changes at W − r and never goes below 0.
/// A byte shipped arrives one link latency L later.
/// <para>
/// The recovery point: the writes the remote copy lacks at time t are those written after s*, the write time of the
/// last byte shipped (shipping is in write order), plus those still on the wire: RPO = (t − s*) + L seconds. With no
/// backlog s* = t and RPO = L. To find s* the stream keeps the cumulative bytes written A(s) at each change of W since
/// the oldest unshipped byte (a few breakpoints, not one per write) and inverts A at the cumulative bytes shipped.
/// </para>
/// <para>
/// Cost: O(1) per change of the write rate or of the stream's rate (plus its link's re-allocation), whatever the
/// number of writes.
/// </para>
/// </summary>
public sealed class ContinuousStream : IShipper, IEventHandler
{
    private readonly Simulation _sim;
    private readonly WanNetwork _wan;
    private readonly int _direction;
    private readonly double _latencyS;
    private double _w, _r, _backlog, _written, _shipped;
    private long _at; // ticks of the last update
    private readonly Queue<(long Tick, double Written, double Rate)> _history = new(); // A's breakpoints while backlogged
    private EventHandle _drained;
    private bool _stale; // the write rate or the backlog changed since the drain time was worked out

    public ContinuousStream(Simulation sim, WanNetwork wan, int direction)
    {
        _sim = sim;
        _wan = wan;
        _direction = direction;
        _latencyS = wan.LatencySeconds(direction);
        wan.Attach(direction, this);
    }

    /// <summary>The stream's write rate now, bytes per second.</summary>
    public double WriteRate => _w;

    /// <summary>The rate the link gives the stream now, bytes per second.</summary>
    public double Rate => _r;

    /// <summary>What the stream asks of its link: its write rate when it has no backlog, all it can get when it has one.</summary>
    internal double Demand => _backlog > 0 ? double.PositiveInfinity : _w;

    public void SetWriteRate(double bytesPerSecond)
    {
        if (!(bytesPerSecond >= 0) || double.IsInfinity(bytesPerSecond))
            throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), bytesPerSecond, "a write rate is finite and not negative");
        Advance();
        _w = bytesPerSecond;
        _stale = true;
        if (_backlog > 0) _history.Enqueue((_at, _written, _w));
        _wan.Reallocate(_direction);
    }

    public double RpoSeconds()
    {
        Advance();
        return _latencyS + (_backlog > 0 ? (_at - ShippedWriteTick()) / (double)Duration.TicksPerSecond : 0);
    }

    public double BacklogBytes()
    {
        Advance();
        return _backlog + InFlightBytes();
    }

    public void Discard(double bytes)
    {
        Advance();
        double dropped = Math.Clamp(bytes, 0, _backlog);
        if (dropped <= 0) return;
        // Counted as shipped: the writes of the stream still queued keep their order, and the backlog stays A − S.
        _backlog -= dropped;
        _shipped += dropped;
        _stale = true;
        if (_backlog <= 0) { _backlog = 0; _history.Clear(); }
        _wan.Reallocate(_direction);
    }

    /// <summary>Bytes shipped and still on the wire (the last latency's worth of the stream's rate).</summary>
    private double InFlightBytes() => _r * _latencyS;

    /// <summary>The link's new rate for this stream (from <see cref="WanNetwork.Reallocate"/>).</summary>
    internal void SetRate(double bytesPerSecond)
    {
        if (bytesPerSecond == _r && !_stale) return; // nothing this stream's drain depends on moved
        Advance();
        _stale = false;
        _r = bytesPerSecond;
        if (!_drained.IsNone) { _sim.Cancel(_drained); _drained = default; }
        if (_backlog > 0 && _r > _w)
        {
            double seconds = _backlog / (_r - _w);
            long ticks = (long)Math.Ceiling(seconds * Duration.TicksPerSecond);
            _drained = _sim.Schedule(new SimTime(_sim.Now.Ticks + Math.Max(1, ticks)), this);
        }
    }

    void IEventHandler.OnEvent(int kind, long arg)
    {
        _drained = default;
        Advance();
        _stale = true;
        _backlog = 0; // the drain time was rounded up to the tick: what is left is rounding
        _history.Clear();
        _wan.Reallocate(_direction);
    }

    /// <summary>Brings the backlog and the cumulative counts up to now.</summary>
    private void Advance()
    {
        long now = _sim.Now.Ticks;
        if (now == _at) return;
        double dt = (now - _at) / (double)Duration.TicksPerSecond;
        double grow = (_w - _r) * dt;
        double shippedNow = _r * dt;
        if (_backlog + grow <= 0)
        {
            // The backlog emptied between updates (only by rounding: a drain has its own event): ship only what exists.
            shippedNow = _backlog + _w * dt;
            _backlog = 0;
        }
        else _backlog += grow;
        // Less than a byte that is not growing is the rounding of earlier updates, not writes waiting.
        if (_backlog < 1 && _w <= _r) { shippedNow += _backlog; _backlog = 0; }
        bool wasEmpty = _history.Count == 0;
        _written += _w * dt;
        _shipped += shippedNow;
        _at = now;
        if (_backlog <= 0) _history.Clear();
        else if (wasEmpty) _history.Enqueue((now - (long)Math.Round(_backlog / Math.Max(_w, 1e-300) * Duration.TicksPerSecond), _written - _backlog, _w));
    }

    /// <summary>The write time (ticks) of the last byte shipped, from the breakpoints of A.</summary>
    private long ShippedWriteTick()
    {
        while (_history.Count > 1)
        {
            var next = _history.ElementAt(1);
            if (next.Written > _shipped) break;
            _history.Dequeue();
        }
        if (_history.Count == 0) return _at;
        var (tick, written, rate) = _history.Peek();
        if (rate <= 0) return tick;
        return tick + (long)Math.Round((_shipped - written) / rate * Duration.TicksPerSecond);
    }
}
