using System.Diagnostics;

namespace Simulator.Engine;

/// <summary>
/// A counted resource (workers, slots, connections) with a FIFO queue of requests, optional time-outs
/// and an optional maximum queue length.
/// </summary>
/// <remarks>
/// <para>A request is granted at once if a unit is free and nobody is queued; the callback then runs
/// before <see cref="Request(IResourceClient, long, Duration)"/> returns. Otherwise it joins the queue.
/// Queued requests are granted in arrival order as units free up, each grant delivered as an event at the
/// current time (so a chain of releases never recurses). A queued request that waits its whole time-out is
/// removed and told <see cref="IResourceClient.OnTimedOut"/>; so is a request that finds the queue full.</para>
/// <para>Raising <see cref="Capacity"/> grants queued requests at once; lowering it lets holders finish
/// (<see cref="InUse"/> may exceed the capacity until enough releases).</para>
/// <para>Allocates nothing per request once its queues have grown.</para>
/// </remarks>
public sealed class Resource
{
    /// <summary>Passed as a time-out: wait as long as it takes.</summary>
    public static readonly Duration NoTimeout = Duration.MaxValue;

    private const int KindGrant = 0;
    private const int KindTimeout = 1;

    private struct Waiter
    {
        public IResourceClient? Client; // null once it timed out (removed lazily from the queue)
        public long Token;
        public EventHandle Timeout;
    }

    private readonly Simulation _simulation;
    private readonly EventSink _events;
    private readonly RingBuffer<Waiter> _queue = new();
    private readonly RingBuffer<(IResourceClient Client, long Token)> _granting = new();
    private long _headId;      // id of the request at the head of _queue; ids increase by one per queued request
    private int _waiting;      // live requests in _queue
    private int _capacity;
    private int _inUse;
    private int? _maxQueueLength;

    /// <summary>A resource of <paramref name="capacity"/> units on <paramref name="simulation"/>'s clock.</summary>
    /// <param name="maxQueueLength">Requests that would wait beyond this many are refused at once; null for no limit.</param>
    public Resource(Simulation simulation, int capacity, int? maxQueueLength = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (maxQueueLength is < 0) throw new ArgumentOutOfRangeException(nameof(maxQueueLength), maxQueueLength, "a queue limit cannot be negative");
        _simulation = simulation;
        _events = new EventSink(this);
        _capacity = capacity;
        _maxQueueLength = maxQueueLength;
    }

    /// <summary>Units in total. Raising it grants queued requests at once; lowering it lets holders finish.</summary>
    public int Capacity
    {
        get => _capacity;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _capacity = value;
            GrantWaiting();
        }
    }

    /// <summary>Units held (including grants decided but not yet delivered at the current time).</summary>
    public int InUse => _inUse;

    /// <summary>Requests waiting.</summary>
    public int QueueLength => _waiting;

    /// <summary>Beyond this many waiting requests, a new one is refused at once (as if timed out); null for no limit.</summary>
    public int? MaxQueueLength
    {
        get => _maxQueueLength;
        set
        {
            if (value is < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "a queue limit cannot be negative");
            _maxQueueLength = value;
        }
    }

    /// <summary>Requests granted so far.</summary>
    public long GrantedCount { get; private set; }

    /// <summary>Requests that timed out while queued.</summary>
    public long TimedOutCount { get; private set; }

    /// <summary>Requests refused because the queue was full.</summary>
    public long RefusedCount { get; private set; }

    /// <summary>Requests one unit without a time-out.</summary>
    public void Request(IResourceClient client, long token) => Request(client, token, NoTimeout);

    /// <summary>
    /// Requests one unit for <paramref name="client"/>; exactly one of its callbacks will receive
    /// <paramref name="token"/>. Waits at most <paramref name="timeout"/> (<see cref="NoTimeout"/> for ever).
    /// </summary>
    public void Request(IResourceClient client, long token, Duration timeout)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (timeout.Ticks < 0) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "a request time-out cannot be negative");
        if (_waiting == 0 && _inUse < _capacity)
        {
            _inUse++;
            GrantedCount++;
            client.OnGranted(token);
            return;
        }
        if (_waiting >= _maxQueueLength)
        {
            RefusedCount++;
            client.OnTimedOut(token);
            return;
        }
        Enqueue(client, token, timeout);
    }

    /// <summary>Returns one unit; the longest-waiting request gets it if the capacity allows.</summary>
    /// <exception cref="InvalidOperationException">no unit is held.</exception>
    public void Release()
    {
        if (_inUse == 0) throw new InvalidOperationException("Release without a granted request: no unit of the resource is in use");
        _inUse--;
        GrantWaiting();
    }

    private void Enqueue(IResourceClient client, long token, Duration timeout)
    {
        long id = _headId + _queue.Count;
        EventHandle timer = EventHandle.None;
        if (timeout != NoTimeout && timeout.Ticks <= long.MaxValue - _simulation.Now.Ticks) // else: waits for ever
            timer = _simulation.ScheduleAfter(timeout, _events, KindTimeout, id);
        _queue.Enqueue(new Waiter { Client = client, Token = token, Timeout = timer });
        _waiting++;
    }

    private void GrantWaiting()
    {
        SimTime now = _simulation.Now;
        while (_inUse < _capacity && _waiting > 0)
        {
            DropTimedOutHead();
            Waiter w = _queue.Dequeue();
            _headId++;
            _waiting--;
            _simulation.Cancel(w.Timeout);
            _inUse++;
            _granting.Enqueue((w.Client!, w.Token));
            _simulation.Schedule(now, _events, KindGrant);
        }
        DropTimedOutHead();
    }

    private void DropTimedOutHead()
    {
        while (_queue.Count > 0 && _queue[0].Client is null)
        {
            _queue.Dequeue();
            _headId++;
        }
    }

    private void OnGrantEvent()
    {
        // Grant events fire in the order they were scheduled, which is the order of _granting.
        var (client, token) = _granting.Dequeue();
        GrantedCount++;
        client.OnGranted(token);
    }

    private void OnTimeoutEvent(long id)
    {
        long offset = id - _headId;
        Debug.Assert(offset >= 0 && offset < _queue.Count, "a granted request's time-out is cancelled");
        ref Waiter w = ref _queue[(int)offset];
        IResourceClient client = w.Client!;
        long token = w.Token;
        w.Client = null;
        _waiting--;
        TimedOutCount++;
        DropTimedOutHead();
        client.OnTimedOut(token);
    }

    /// <summary>Receives the resource's own events, keeping <see cref="IEventHandler"/> off its public surface.</summary>
    private sealed class EventSink(Resource resource) : IEventHandler
    {
        public void OnEvent(int kind, long arg)
        {
            if (kind == KindGrant) resource.OnGrantEvent();
            else resource.OnTimeoutEvent(arg);
        }
    }
}
