using System.Runtime.CompilerServices;

namespace Simulator.Engine;

/// <summary>Awaited by a process to wait for a <see cref="Signal"/> (or a <see cref="Process"/>). Allocation-free.</summary>
public readonly struct SignalAwaitable : ICriticalNotifyCompletion
{
    private readonly Signal? _signal; // null: already done, the await does not suspend

    internal SignalAwaitable(Signal? signal) => _signal = signal;

    /// <summary>Part of the awaitable pattern.</summary>
    public SignalAwaitable GetAwaiter() => this;

    /// <summary>True only when there is nothing to wait for (a process that already completed).</summary>
    public bool IsCompleted => _signal is null;

    /// <summary>Part of the awaiter pattern.</summary>
    public void GetResult() { }

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _signal!.AddWaiter(continuation);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _signal!.AddWaiter(continuation);
}
