using MathNet.Numerics.Distributions;

namespace Simulator.Engine.Tests;

/// <summary>
/// A small model, written as the model writes its parts, that exercises every part of the engine — handler
/// events, delegate events, cancellation, a resource with time-outs and a queue limit whose capacity changes,
/// random streams and MathNet distributions — and hashes everything that happens (FNV-1a over event times and
/// identities) into one trace hash.
/// </summary>
/// <remarks>
/// Customers arrive, wait for one of the servers with a patience of their own, and are served. An operator
/// changes the number of servers now and then and moves the next heartbeat; each change wakes an auditor, if
/// it is idle, which asks for a server for a while (giving up after 30 s) and then waits for the next change.
/// </remarks>
internal sealed class TraceModel : IEventHandler, IResourceClient
{
    private const int KindArrival = 0;
    private const int KindServiceEnd = 1;
    private const int KindHeartbeat = 2;
    private const int KindOperator = 3;
    private const int KindAuditorWakes = 4;
    private const int KindAuditorDone = 5;

    /// <summary>The auditor's token at the resource; customers' tokens are their ids, from 0.</summary>
    private const long AuditorToken = -1;

    private enum Auditor { Idle, Asking, Holding }

    private readonly Simulation _sim = new();
    private readonly RandomStreams _streams;
    private readonly RandomStream _arrivals;
    private readonly RandomStream _service;
    private readonly RandomStream _operator;
    private readonly Resource _servers;
    private readonly SimTime _end;
    private readonly Action _hourlyMark;
    private ulong _hash = 14695981039346656037UL;
    private long _customers;
    private EventHandle _heartbeat;
    private Auditor _auditor;
    private long _auditorGranted, _heartbeatsMoved;

    private TraceModel(ulong seed, int replication, SimTime end)
    {
        _streams = new RandomStreams(seed, replication);
        _arrivals = _streams.Get("arrivals");
        _service = _streams.Get("service");
        _operator = _streams.Get("operator");
        _servers = new Resource(_sim, capacity: 2, maxQueueLength: 5);
        _end = end;
        _hourlyMark = HourlyMark;
    }

    public readonly record struct Outcome(ulong Hash, long Events, long Granted, long TimedOut, long Refused,
        long AuditorGranted, long HeartbeatsMoved);

    /// <summary>Runs the model and returns its trace hash.</summary>
    public static ulong Run(ulong seed, int replication, double hours = 2) => RunWithCounts(seed, replication, hours).Hash;

    /// <summary>Runs the model and returns its trace hash and what happened.</summary>
    public static Outcome RunWithCounts(ulong seed, int replication, double hours = 2)
    {
        var model = new TraceModel(seed, replication, SimTime.FromHours(hours));
        model.Start();
        model._sim.RunUntil(model._end);
        Resource s = model._servers;
        model.Mix(0xEE, model._sim.EventsProcessed);
        model.Mix(0xEF, s.GrantedCount * 1_000_003 + s.TimedOutCount * 1009 + s.RefusedCount);
        return new Outcome(model._hash, model._sim.EventsProcessed, s.GrantedCount, s.TimedOutCount, s.RefusedCount,
            model._auditorGranted, model._heartbeatsMoved);
    }

    private void Start()
    {
        _sim.ScheduleAfter(Duration.FromSeconds(_arrivals.NextExponential(1.5)), this, KindArrival);
        _heartbeat = _sim.ScheduleAfter(Duration.FromMinutes(1), this, KindHeartbeat);
        _sim.ScheduleAfter(NextOperatorDelay(), this, KindOperator);
        _sim.ScheduleAfter(Duration.FromHours(1), _hourlyMark);
    }

    private Duration NextOperatorDelay() => Duration.FromMinutes(_operator.NextUniform(5, 15));

    private void Mix(int tag, long value)
    {
        _hash = (_hash ^ (ulong)tag) * 1099511628211UL;
        _hash = (_hash ^ (ulong)value) * 1099511628211UL;
        _hash = (_hash ^ (ulong)_sim.Now.Ticks) * 1099511628211UL;
    }

    public void OnEvent(int kind, long arg)
    {
        switch (kind)
        {
            case KindArrival:
                long id = _customers++;
                Mix(1, id);
                // Each customer's patience comes from its own stream: adding customers shifts nothing else.
                double patienceSeconds = Weibull.Sample(_streams.Get("patience", id), 1.5, 4.0);
                _servers.Request(this, id, Duration.FromSeconds(patienceSeconds));
                if (_sim.Now < _end) _sim.ScheduleAfter(Duration.FromSeconds(_arrivals.NextExponential(1.5)), this, KindArrival);
                break;
            case KindServiceEnd:
                Mix(2, arg);
                _servers.Release();
                break;
            case KindHeartbeat:
                Mix(3, _servers.QueueLength);
                _heartbeat = _sim.ScheduleAfter(Duration.FromMinutes(1), this, KindHeartbeat);
                break;
            case KindOperator:
                // Changes the capacity, skips a heartbeat by cancelling it, and wakes the auditor.
                _servers.Capacity = _operator.NextBernoulli(0.5) ? 3 : 1;
                if (_sim.Cancel(_heartbeat))
                {
                    _heartbeat = _sim.ScheduleAfter(Duration.FromMinutes(2), this, KindHeartbeat);
                    _heartbeatsMoved++;
                }
                Mix(6, _servers.Capacity);
                if (_auditor == Auditor.Idle) _sim.ScheduleAfter(Duration.Zero, this, KindAuditorWakes);
                if (_sim.Now < _end) _sim.ScheduleAfter(NextOperatorDelay(), this, KindOperator);
                break;
            case KindAuditorWakes:
                _auditor = Auditor.Asking;
                _servers.Request(this, AuditorToken, Duration.FromSeconds(30));
                break;
            case KindAuditorDone:
                _servers.Release();
                _auditor = Auditor.Idle;
                break;
        }
    }

    public void OnGranted(long token)
    {
        Mix(4, token);
        if (token == AuditorToken)
        {
            Mix(7, 1);
            _auditorGranted++;
            _auditor = Auditor.Holding;
            _sim.ScheduleAfter(Duration.FromSeconds(20), this, KindAuditorDone);
            return;
        }
        double serviceSeconds = LogNormal.Sample(_service, 0.0, 0.5);
        _sim.ScheduleAfter(Duration.FromSeconds(serviceSeconds), this, KindServiceEnd, token);
    }

    public void OnTimedOut(long token)
    {
        Mix(5, token);
        if (token == AuditorToken)
        {
            Mix(7, 0);
            _auditor = Auditor.Idle;
        }
    }

    private void HourlyMark()
    {
        Mix(8, _customers);
        _sim.ScheduleAfter(Duration.FromHours(1), _hourlyMark);
    }
}
