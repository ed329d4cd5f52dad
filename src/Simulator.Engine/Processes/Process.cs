namespace Simulator.Engine;

/// <summary>
/// A model component written as sequential code: an <c>async ProcessTask</c> body that awaits
/// <see cref="SimulationProcesses.Delay"/>, <see cref="Signal.WaitAsync"/> or
/// <see cref="Resource.RequestAsync(Duration)"/>. It runs on the simulation's thread, resumed by the event
/// loop; nothing goes to the thread pool and no synchronisation context is captured. Start one with
/// <see cref="SimulationProcesses.Start"/>.
/// </summary>
/// <remarks>
/// A process awaits only the engine's awaitables and other <see cref="ProcessTask"/> methods (see
/// <see cref="ProcessTask"/>). An exception thrown by the body propagates out of <see cref="Simulation.Run"/>,
/// so a failing model fails loudly.
/// </remarks>
public sealed class Process : IEventHandler
{
    private readonly Simulation _simulation;
    private readonly Func<ProcessTask> _body;
    private readonly Signal _completed;
    private ProcessTask _running;

    internal Process(Simulation simulation, Func<ProcessTask> body)
    {
        _simulation = simulation;
        _body = body;
        _completed = new Signal(simulation);
        simulation.Schedule(simulation.Now, this);
    }

    /// <summary>True once the body has returned (or thrown).</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Awaited by another process: resumes when this one completes (at once if it already has).</summary>
    public SignalAwaitable WaitAsync() => new(IsCompleted ? null : _completed);

    void IEventHandler.OnEvent(int kind, long arg)
    {
        _running = _body();
        if (_running.IsCompleted) Finish();
        else _running.GetAwaiter().UnsafeOnCompleted(Finish);
    }

    private void Finish()
    {
        IsCompleted = true;
        _completed.Raise();
        ProcessTask done = _running;
        _running = default;
        done.GetAwaiter().GetResult(); // rethrows the body's exception inside the current event
    }
}
