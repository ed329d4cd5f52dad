using System.Runtime.CompilerServices;

namespace Simulator.Engine;

/// <summary>
/// The return type of a process body or of a step a process awaits: <c>async ProcessTask Repair() { … }</c>.
/// Its method builder resumes the method directly from the event loop — no thread pool, no captured
/// synchronisation or execution context — so processes stay deterministic on one thread.
/// </summary>
/// <remarks>
/// <para>Inside a <see cref="ProcessTask"/> method, await only the engine's awaitables
/// (<see cref="SimulationProcesses.Delay"/>, <see cref="Signal.WaitAsync"/>, <see cref="Resource.RequestAsync(Duration)"/>,
/// <see cref="Process.WaitAsync"/>) and other <see cref="ProcessTask"/> methods. Awaiting a real
/// <see cref="Task"/> is refused with an exception; an ordinary <c>async ValueTask</c> method would hand its
/// continuation to the thread pool, so do not write process steps that way.</para>
/// <para>A method that completes without ever waiting allocates nothing; one that waits allocates its
/// state machine once per call. An exception in a method that nobody awaits propagates out of
/// <see cref="Simulation.Run"/>.</para>
/// </remarks>
[AsyncMethodBuilder(typeof(ProcessTaskMethodBuilder))]
public readonly struct ProcessTask
{
    private readonly ProcessTaskSource? _source; // null: completed successfully without waiting

    internal ProcessTask(ProcessTaskSource? source) => _source = source;

    /// <summary>A task that has already completed.</summary>
    public static ProcessTask CompletedTask => default;

    /// <summary>True once the method has returned or thrown.</summary>
    public bool IsCompleted => _source is null || _source.IsCompleted;

    /// <summary>Part of the awaitable pattern.</summary>
    public ProcessTaskAwaiter GetAwaiter() => new(_source);
}
