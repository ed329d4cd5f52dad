using System.Runtime.ExceptionServices;

namespace Simulator.Engine;

/// <summary>The completion state of a <see cref="ProcessTask"/> that waited (its state-machine box) or failed.</summary>
internal class ProcessTaskSource
{
    private Action? _continuation;
    private ExceptionDispatchInfo? _error;

    public bool IsCompleted { get; private set; }

    /// <summary>A task that failed before it ever waited.</summary>
    public static ProcessTaskSource Failed(Exception error) =>
        new() { IsCompleted = true, _error = ExceptionDispatchInfo.Capture(error) };

    public void SetContinuation(Action continuation)
    {
        if (_continuation is not null) throw new InvalidOperationException("a ProcessTask can be awaited only once");
        if (IsCompleted)
        {
            continuation();
            return;
        }
        _continuation = continuation;
    }

    /// <summary>Marks the method done and resumes its awaiter inline; a failure nobody awaits is rethrown here.</summary>
    public void Complete(Exception? error)
    {
        IsCompleted = true;
        if (error is not null) _error = ExceptionDispatchInfo.Capture(error);
        Action? continuation = _continuation;
        _continuation = null;
        if (continuation is not null) continuation();
        else _error?.Throw();
    }

    public void GetResult()
    {
        if (!IsCompleted) throw new InvalidOperationException("the ProcessTask has not completed");
        _error?.Throw();
    }
}
