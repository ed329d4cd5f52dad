using System.Runtime.CompilerServices;

namespace Simulator.Engine;

/// <summary>Awaits a <see cref="ProcessTask"/>; part of the awaitable pattern.</summary>
public readonly struct ProcessTaskAwaiter : ICriticalNotifyCompletion
{
    private readonly ProcessTaskSource? _source;

    internal ProcessTaskAwaiter(ProcessTaskSource? source) => _source = source;

    /// <summary>True once the awaited method has returned or thrown.</summary>
    public bool IsCompleted => _source is null || _source.IsCompleted;

    /// <summary>Rethrows the awaited method's exception, if any.</summary>
    public void GetResult() => _source?.GetResult();

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _source!.SetContinuation(continuation);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _source!.SetContinuation(continuation);
}
