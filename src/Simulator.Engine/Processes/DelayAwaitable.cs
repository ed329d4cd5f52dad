using System.Runtime.CompilerServices;

namespace Simulator.Engine;

/// <summary>
/// Awaited by a process to let simulated time pass: <c>await sim.Delay(Duration.FromSeconds(5))</c>.
/// The continuation is scheduled as an ordinary event, so a zero delay still yields to the events
/// already due at the current time. Allocation-free.
/// </summary>
public readonly struct DelayAwaitable : ICriticalNotifyCompletion
{
    private readonly Simulation _simulation;
    private readonly Duration _delay;

    internal DelayAwaitable(Simulation simulation, Duration delay)
    {
        if (delay.Ticks < 0)
            throw new ArgumentOutOfRangeException(nameof(delay), delay, $"a process cannot wait a negative delay ({delay.Ticks} µs)");
        _simulation = simulation;
        _delay = delay;
    }

    /// <summary>Part of the awaitable pattern.</summary>
    public DelayAwaitable GetAwaiter() => this;

    /// <summary>Always false: the process always waits for the event.</summary>
    public bool IsCompleted => false;

    /// <summary>Part of the awaiter pattern.</summary>
    public void GetResult() { }

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _simulation.ScheduleAfter(_delay, continuation);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _simulation.ScheduleAfter(_delay, continuation);
}
