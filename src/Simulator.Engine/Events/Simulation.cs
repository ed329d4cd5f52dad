using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Simulator.Engine;

/// <summary>
/// The event loop of one replication: a clock and the set of pending events. Events fire in time order;
/// events at equal times fire in the order they were scheduled, so a run is a pure function of its inputs.
/// Single-threaded: one replication runs on one thread, replications run in parallel on separate instances.
/// </summary>
/// <example>
/// <code>
/// var sim = new Simulation();
/// sim.ScheduleAfter(Duration.FromSeconds(5), () => Console.WriteLine(sim.Now));
/// sim.Run();
/// </code>
/// </example>
public sealed class Simulation
{
    private readonly RadixEventQueue _queue = new();
    private long _now;
    private long _eventsProcessed;
    private bool _running;
    private bool _stopRequested;

    /// <summary>The current simulated time: the time of the event being fired, or where the last run stopped.</summary>
    public SimTime Now => new(_now);

    /// <summary>Events fired so far.</summary>
    public long EventsProcessed => _eventsProcessed;

    /// <summary>Events scheduled and neither fired nor cancelled.</summary>
    public int PendingCount => _queue.PendingCount;

    /// <summary>True while <see cref="Run"/> or a <c>RunUntil</c> overload is firing events.</summary>
    public bool IsRunning => _running;

    /// <summary>Schedules <paramref name="handler"/>.OnEvent(<paramref name="kind"/>, <paramref name="arg"/>) at <paramref name="at"/>. Does not allocate.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before <see cref="Now"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EventHandle Schedule(SimTime at, IEventHandler handler, int kind = 0, long arg = 0)
    {
        if (at.Ticks < _now) ThrowInPast(at);
        if (handler is null) ThrowNull(nameof(handler));
        return _queue.Push(at.Ticks, handler, kind, arg);
    }

    /// <summary>Schedules <paramref name="handler"/>.OnEvent(<paramref name="kind"/>, <paramref name="arg"/>) after <paramref name="delay"/> from now. Does not allocate.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative, or now + delay overflows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EventHandle ScheduleAfter(Duration delay, IEventHandler handler, int kind = 0, long arg = 0)
    {
        if (handler is null) ThrowNull(nameof(handler));
        return _queue.Push(After(delay), handler, kind, arg);
    }

    /// <summary>Schedules <paramref name="action"/> at <paramref name="at"/>. Convenient; the delegate is the caller's allocation.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before <see cref="Now"/>.</exception>
    public EventHandle Schedule(SimTime at, Action action)
    {
        if (at.Ticks < _now) ThrowInPast(at);
        if (action is null) ThrowNull(nameof(action));
        return _queue.PushAction(at.Ticks, action);
    }

    /// <summary>Schedules <paramref name="action"/> after <paramref name="delay"/> from now.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative, or now + delay overflows.</exception>
    public EventHandle ScheduleAfter(Duration delay, Action action)
    {
        if (action is null) ThrowNull(nameof(action));
        return _queue.PushAction(After(delay), action);
    }

    /// <summary>Cancels a pending event. Returns false if it already fired, was cancelled, or is <see cref="EventHandle.None"/>.</summary>
    public bool Cancel(EventHandle handle) => _queue.Cancel(handle);

    /// <summary>True if the event is scheduled and has neither fired nor been cancelled.</summary>
    public bool IsPending(EventHandle handle) => _queue.IsPending(handle);

    /// <summary>Fires events until none is pending or <see cref="Stop"/> is called.</summary>
    public void Run() => RunCore(long.MaxValue, null);

    /// <summary>
    /// Fires every event whose time is at most <paramref name="end"/>, then sets <see cref="Now"/> to
    /// <paramref name="end"/> (unless <see cref="Stop"/> was called, in which case the clock stays at the last event).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <see cref="Now"/>.</exception>
    public void RunUntil(SimTime end)
    {
        if (end.Ticks < _now)
            throw new ArgumentOutOfRangeException(nameof(end), end, $"cannot run until {end}: the simulation is already at {Now}");
        if (!RunCore(end.Ticks, null)) _now = end.Ticks;
    }

    /// <summary>
    /// Like <see cref="RunUntil(SimTime)"/>, calling <paramref name="afterEachEvent"/> after every event (to check
    /// invariants event by event in tests; slower).
    /// </summary>
    public void RunUntil(SimTime end, Action afterEachEvent)
    {
        ArgumentNullException.ThrowIfNull(afterEachEvent);
        if (end.Ticks < _now)
            throw new ArgumentOutOfRangeException(nameof(end), end, $"cannot run until {end}: the simulation is already at {Now}");
        if (!RunCore(end.Ticks, () => { afterEachEvent(); return false; })) _now = end.Ticks;
    }

    /// <summary>
    /// Fires events until <paramref name="condition"/> returns true (checked before the first event and
    /// after each event), until none is pending, or until <see cref="Stop"/> is called.
    /// </summary>
    public void RunUntil(Func<bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (condition()) return;
        RunCore(long.MaxValue, condition);
    }

    /// <summary>Makes the running loop return after the current event. Pending events stay pending; a later run continues.</summary>
    public void Stop() => _stopRequested = true;

    /// <returns>True if the run ended by <see cref="Stop"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a run is one long loop: skip tiering and on-stack replacement
    private bool RunCore(long endTime, Func<bool>? condition)
    {
        if (_running) throw new InvalidOperationException("the simulation is already running: Run/RunUntil cannot be called from inside an event");
        _running = true;
        _stopRequested = false;
        RadixEventQueue queue = _queue;
        try
        {
            while (!_stopRequested && queue.TryTake(endTime, out long time, out IEventHandler? handler, out int kind, out long arg))
            {
                _now = time;
                _eventsProcessed++;
                handler!.OnEvent(kind, arg);
                queue.EndDispatch();
                if (condition is not null && condition()) break;
            }
        }
        finally
        {
            queue.EndDispatch(); // no-op unless an event threw
            _running = false;
        }
        return _stopRequested;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long After(Duration delay)
    {
        long d = delay.Ticks;
        if (d < 0 || _now > long.MaxValue - d) ThrowBadDelay(delay);
        return _now + d;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowInPast(SimTime at) =>
        throw new ArgumentOutOfRangeException(nameof(at), at, $"cannot schedule an event at {at}: it is before the current time {Now}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowBadDelay(Duration delay) =>
        throw new ArgumentOutOfRangeException(nameof(delay), delay, delay.Ticks < 0
            ? $"cannot schedule an event after a negative delay ({delay.Ticks} µs) at {Now}"
            : $"cannot schedule an event {delay} after {Now}: the time overflows");

    [MethodImpl(MethodImplOptions.NoInlining), DoesNotReturn]
    private static void ThrowNull(string name) => throw new ArgumentNullException(name);
}
