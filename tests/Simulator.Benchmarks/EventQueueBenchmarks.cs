using BenchmarkDotNet.Attributes;
using Simulator.Engine;

namespace Simulator.Benchmarks;

/// <summary>
/// The hot paths of the pending-event set: one hold step (take the earliest event, schedule its successor
/// an exponential delay later) and a schedule-then-cancel pair.
/// </summary>
[MemoryDiagnoser]
public class EventQueueBenchmarks
{
    private const int OperationsPerInvoke = 1000;

    private sealed class Nop : IEventHandler
    {
        public void OnEvent(int kind, long arg) { }
    }

    private readonly Nop _handler = new();
    private RadixEventQueue _queue = null!;
    private RandomStream _rng = null!;
    private long _now;

    [Params(100, 100_000)]
    public int Pending { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _queue = new RadixEventQueue();
        _rng = new RandomStream(1);
        for (int i = 0; i < Pending; i++) _queue.Push(NextDelay(), _handler, 0, 0);
        HoldStep(); // reach steady state
        for (int i = 0; i < 5 * Pending; i++) HoldStepOnce();
    }

    private long NextDelay() => _now + (long)(_rng.NextExponential(1.0) * Duration.TicksPerSecond);

    private void HoldStepOnce()
    {
        _queue.TryTake(long.MaxValue, out _now, out _, out _, out _);
        _queue.Push(NextDelay(), _handler, 0, 0);
        _queue.EndDispatch();
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke, Description = "take + schedule (hold step)")]
    public void HoldStep()
    {
        for (int i = 0; i < OperationsPerInvoke; i++) HoldStepOnce();
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke, Description = "schedule + cancel")]
    public void ScheduleAndCancel()
    {
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            EventHandle h = _queue.Push(NextDelay(), _handler, 0, 0);
            _queue.Cancel(h);
        }
        _queue.EndDispatch(); // lets the queue sweep what it cancelled
    }
}
