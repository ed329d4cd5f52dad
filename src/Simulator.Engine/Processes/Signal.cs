namespace Simulator.Engine;

/// <summary>
/// A condition that parts of a model wait on and another part raises. <see cref="Raise"/> wakes every
/// current waiter, in the order they started waiting, each as an event at the current time (after the
/// raiser's event, never inside it); whoever starts waiting after the raise waits for the next one.
/// </summary>
/// <example><code>
/// var capacityAdded = new Signal(sim);
/// // a process:            await capacityAdded.WaitAsync();
/// // callback style:       capacityAdded.Wait(handler, kind: Retry);
/// // elsewhere:            capacityAdded.Raise();
/// </code></example>
public sealed class Signal
{
    private readonly Simulation _simulation;
    private readonly RingBuffer<Waiter> _waiters = new();

    private readonly record struct Waiter(Action? Continuation, IEventHandler? Handler, int Kind, long Arg);

    /// <summary>A signal whose waiters wake on <paramref name="simulation"/>'s clock.</summary>
    public Signal(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _simulation = simulation;
    }

    /// <summary>Waiters that the next <see cref="Raise"/> will wake.</summary>
    public int WaiterCount => _waiters.Count;

    /// <summary>Times <see cref="Raise"/> was called.</summary>
    public long RaiseCount { get; private set; }

    /// <summary>Awaited by a process: resumes at the next <see cref="Raise"/>.</summary>
    public SignalAwaitable WaitAsync() => new(this);

    /// <summary>Callback style: at the next <see cref="Raise"/>, <paramref name="handler"/>.OnEvent(<paramref name="kind"/>, <paramref name="arg"/>) fires once. Allocation-free.</summary>
    public void Wait(IEventHandler handler, int kind = 0, long arg = 0)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _waiters.Enqueue(new Waiter(null, handler, kind, arg));
    }

    internal void AddWaiter(Action continuation) => _waiters.Enqueue(new Waiter(continuation, null, 0, 0));

    /// <summary>Wakes all current waiters in FIFO order, as events at the current time. Returns how many.</summary>
    public int Raise()
    {
        RaiseCount++;
        // Waiters run later, as events, so nobody can join the queue while it is being emptied.
        int n = _waiters.Count;
        SimTime now = _simulation.Now;
        for (int i = 0; i < n; i++)
        {
            Waiter w = _waiters.Dequeue();
            if (w.Handler is not null) _simulation.Schedule(now, w.Handler, w.Kind, w.Arg);
            else _simulation.Schedule(now, w.Continuation!);
        }
        return n;
    }
}
