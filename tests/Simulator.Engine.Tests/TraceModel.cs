using MathNet.Numerics.Distributions;

namespace Simulator.Engine.Tests;

/// <summary>
/// A small model that exercises every part of the engine — handler events, cancellation, processes,
/// a resource with time-outs and a queue limit, a signal, random streams and MathNet distributions —
/// and hashes everything that happens (FNV-1a over event times and identities) into one trace hash.
/// </summary>
internal sealed class TraceModel : IEventHandler, IResourceClient
{
    private const int KindArrival = 0;
    private const int KindServiceEnd = 1;
    private const int KindHeartbeat = 2;

    private readonly Simulation _sim = new();
    private readonly RandomStreams _streams;
    private readonly RandomStream _arrivals;
    private readonly RandomStream _service;
    private readonly Resource _servers;
    private readonly Signal _capacityChanged;
    private readonly SimTime _end;
    private ulong _hash = 14695981039346656037UL;
    private long _customers;
    private EventHandle _heartbeat;

    private TraceModel(ulong seed, int replication, SimTime end)
    {
        _streams = new RandomStreams(seed, replication);
        _arrivals = _streams.Get("arrivals");
        _service = _streams.Get("service");
        _servers = new Resource(_sim, capacity: 2, maxQueueLength: 5);
        _capacityChanged = new Signal(_sim);
        _end = end;
    }

    public readonly record struct Outcome(ulong Hash, long Events, long Granted, long TimedOut, long Refused);

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
        return new Outcome(model._hash, model._sim.EventsProcessed, s.GrantedCount, s.TimedOutCount, s.RefusedCount);
    }

    private void Start()
    {
        _sim.ScheduleAfter(Duration.FromSeconds(_arrivals.NextExponential(1.5)), this, KindArrival);
        _heartbeat = _sim.ScheduleAfter(Duration.FromMinutes(1), this, KindHeartbeat);
        _sim.Start(Operator);
        _sim.Start(Auditor);
    }

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
        }
    }

    public void OnGranted(long token)
    {
        Mix(4, token);
        double serviceSeconds = LogNormal.Sample(_service, 0.0, 0.5);
        _sim.ScheduleAfter(Duration.FromSeconds(serviceSeconds), this, KindServiceEnd, token);
    }

    public void OnTimedOut(long token) => Mix(5, token);

    /// <summary>Changes the capacity now and then, and skips a heartbeat by cancelling it.</summary>
    private async ProcessTask Operator()
    {
        RandomStream rng = _streams.Get("operator");
        while (_sim.Now < _end)
        {
            await _sim.Delay(Duration.FromMinutes(rng.NextUniform(5, 15)));
            _servers.Capacity = rng.NextBernoulli(0.5) ? 3 : 1;
            if (_sim.Cancel(_heartbeat)) _heartbeat = _sim.ScheduleAfter(Duration.FromMinutes(2), this, KindHeartbeat);
            Mix(6, _servers.Capacity);
            _capacityChanged.Raise();
        }
    }

    /// <summary>Waits for capacity changes and takes a unit itself for a while.</summary>
    private async ProcessTask Auditor()
    {
        while (true)
        {
            await _capacityChanged.WaitAsync();
            bool got = await _servers.RequestAsync(Duration.FromSeconds(30));
            Mix(7, got ? 1 : 0);
            if (got)
            {
                await _sim.Delay(Duration.FromSeconds(20));
                _servers.Release();
            }
        }
    }
}
