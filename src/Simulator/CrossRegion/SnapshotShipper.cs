using Simulator.Engine;
using Simulator.Network;

namespace Simulator.CrossRegion;

/// <summary>
/// Periodic incremental snapshots of a class of volumes: every period T (from T) a snapshot is taken of the bytes
/// written since the last one, and shipped as a flow over its link (<see cref="WanNetwork.Flows"/>), one snapshot at a
/// time in the order taken (a snapshot taken while the previous one ships waits for it). A snapshot is usable at the
/// remote region one link latency after its last byte leaves.
/// <para>
/// The recovery point: the remote copy is as of the take time of the last snapshot received, s; at time t the
/// writes after s are missing: RPO = t − s. The remote copy starts equal to the home one (as of time 0). With writes
/// at a steady rate W, a link share C and a failure at a time uniform over a period, the mean RPO is T/2 + d where
/// d = W·T/C + L is a snapshot's shipping delay (when d &lt; T): the failure falls after the newest snapshot arrived
/// with probability 1 − d/T (RPO u, u uniform on [d, T)), before it with d/T (RPO u + T, u uniform on [0, d)).
/// </para>
/// </summary>
public sealed class SnapshotShipper : IShipper, IEventHandler, IFlowClient
{
    private const int EvTake = 1, EvArrive = 2;

    private readonly Simulation _sim;
    private readonly WanNetwork _wan;
    private readonly int _direction;
    private readonly Duration _period, _latency;
    private double _w, _written, _takenWritten;
    private long _at;
    private readonly Queue<(long TakeTick, double Bytes)> _waiting = new();
    private (long TakeTick, double Bytes, FlowId Flow)? _shipping;
    private readonly Queue<(long TakeTick, double Bytes)> _arriving = new();
    private long _remoteAsOf; // take time of the last snapshot received

    public SnapshotShipper(Simulation sim, WanNetwork wan, int direction, Duration period)
    {
        if (period.Ticks <= 0) throw new ArgumentOutOfRangeException(nameof(period), period, "a snapshot period is positive");
        _sim = sim;
        _wan = wan;
        _direction = direction;
        _period = period;
        _latency = Duration.FromMicroseconds((long)Math.Round(wan.LatencySeconds(direction) * Duration.TicksPerSecond));
        sim.Schedule(new SimTime(period.Ticks), this, EvTake);
    }

    /// <summary>Snapshots received by the remote region so far.</summary>
    public int Received { get; private set; }

    public void SetWriteRate(double bytesPerSecond)
    {
        Advance();
        _w = bytesPerSecond;
    }

    public double RpoSeconds() => (_sim.Now.Ticks - _remoteAsOf) / (double)Duration.TicksPerSecond;

    public double BacklogBytes()
    {
        Advance();
        return Math.Max(0, _written - _receivedWritten - _discarded);
    }

    /// <summary>The backlog's count drops the bytes; the snapshots already taken still ship whole (they are images).</summary>
    public void Discard(double bytes) => _discarded += Math.Max(0, bytes);

    private double _receivedWritten, _discarded;

    void IEventHandler.OnEvent(int kind, long arg)
    {
        if (kind == EvTake)
        {
            Advance();
            _waiting.Enqueue((_sim.Now.Ticks, _written - _takenWritten));
            _takenWritten = _written;
            _sim.Schedule(new SimTime(_sim.Now.Ticks + _period.Ticks), this, EvTake);
            ShipNext();
        }
        else
        {
            var (take, bytes) = _arriving.Dequeue();
            _receivedWritten += bytes;
            _remoteAsOf = take;
            Received++;
        }
    }

    void IFlowClient.OnFlowDone(long token)
    {
        var (take, bytes, _) = _shipping!.Value;
        _shipping = null;
        _arriving.Enqueue((take, bytes));
        _sim.Schedule(new SimTime(_sim.Now.Ticks + _latency.Ticks), this, EvArrive);
        ShipNext();
    }

    private void ShipNext()
    {
        if (_shipping is not null || _waiting.Count == 0) return;
        var (take, bytes) = _waiting.Dequeue();
        int link = _wan.FlowLink(_direction);
        var flow = _wan.Flows.Start(this, take, bytes, new ReadOnlySpan<int>(ref link));
        _shipping = (take, bytes, flow);
    }

    private void Advance()
    {
        long now = _sim.Now.Ticks;
        _written += _w * (now - _at) / Duration.TicksPerSecond;
        _at = now;
    }
}
