namespace Simulator.Storage;

/// <summary>
/// While it lives, volumes made short in its cluster are put down to one failure event (<see cref="FailureLog"/>);
/// disposing it restores the event in progress before. The default value does nothing.
/// </summary>
internal readonly struct FailureScope : IDisposable
{
    private readonly FailureLog? _log;
    private readonly int _previous;
    private readonly FailureLog.Joining _previousJoining;

    internal FailureScope(FailureLog log, int previous, FailureLog.Joining previousJoining)
    {
        _log = log;
        _previous = previous;
        _previousJoining = previousJoining;
    }

    public void Dispose() => _log?.Restore(_previous, _previousJoining);
}
