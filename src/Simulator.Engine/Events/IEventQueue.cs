namespace Simulator.Engine;

/// <summary>
/// What <see cref="Simulation"/> needs of a pending-event set. The simulation calls its queue through the
/// concrete type (no interface dispatch on the hot path); the interface lets tests and benchmarks run
/// every implementation through the same checks.
/// </summary>
internal interface IEventQueue
{
    int PendingCount { get; }
    EventHandle Push(long time, IEventHandler handler, int kind, long arg);
    EventHandle PushAction(long time, Action action);
    bool IsPending(EventHandle handle);
    bool Cancel(EventHandle handle);
    bool TryTake(long endTime, out long time, out IEventHandler? handler, out int kind, out long arg);
    void EndDispatch();
}
