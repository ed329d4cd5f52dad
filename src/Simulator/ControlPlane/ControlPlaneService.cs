using Simulator.Engine;
using Simulator.Scenarios.Model;

namespace Simulator.ControlPlane;

/// <summary>
/// The control plane: worker pools (one per region, or one per zone) that serve customer API requests
/// arriving from every zone and the re-mirroring negotiations of the storage clusters. A regional pool serves the
/// zones of its own region only: regions share nothing here, so a storm in one leaves the others' API untouched.
/// <para>
/// Each request kind arrives from each zone as a Poisson stream and needs a worker for its service time;
/// a request waits in FIFO order and fails when its time-out passes first, or at once when the queue is full.
/// A request that must place data in a zone whose clusters cannot place it (no free space, or a node it
/// needs is isolated) hangs on its worker until its time-out: the 2011 Create Volume calls.
/// </para>
/// <para>
/// Approximation (named in the README): negotiations sent by volumes whose futile retries are accounted as
/// rates arrive as a fluid of <c>rate × service</c> erlangs. The fluid holds that many workers of the pool,
/// which leaves the rest to discrete requests; when the fluid alone exceeds the pool, discrete requests
/// get no worker and time out, and the fluid's excess fails.
/// </para>
/// <para>
/// Callers retry a negotiation that timed out (<c>negotiate.retries</c> times), so an overloaded pool sees
/// its offered load grow: <c>A = A₀ (1 + k·f)</c> with failing share <c>f = 1 − W/A</c>. Above the pool's
/// size this has a second, overloaded, stable solution: once browned out, the pool stays so until the load
/// falls well below its size (a metastable failure, Huang et al., OSDI 2022). The solution is found by
/// iterating from the current state, which gives the hysteresis.
/// </para>
/// </summary>
public sealed class ControlPlaneService : IEventHandler, IResourceClient
{
    private const int KindArrival = 1, KindServiceDone = 2, KindHangDone = 3;
    private const int SlotNegotiation = -1, SlotLoadOnly = -2;

    private readonly Simulation _sim;
    private readonly ControlPlaneSpec _spec;
    private readonly int _zones;
    private readonly Resource[] _pools;
    private readonly int[] _zonePool;
    private readonly int _workersPerPool;
    private readonly int _queueLimit;
    private readonly RandomStream[] _arrivalStreams;
    /// <summary>Whether a request hangs: keyed by its zone and kind and its arrival time (arrivals do not depend on the trajectory).</summary>
    private readonly KeyedStream _hangDraws;
    private readonly double[] _ratesPerSecond;
    private readonly bool[] _disabled; // [zone * kinds + kind]
    private readonly Func<int, double> _hangProbability;

    // Request slots: what each granted or waiting discrete request is.
    private int[] _slotKind = new int[1024];         // api kind index, or SlotNegotiation / SlotLoadOnly
    private int[] _slotZone = new int[1024];
    private long[] _slotArrival = new long[1024];
    private INegotiationClient?[] _slotClient = new INegotiationClient?[1024];
    private long[] _slotToken = new long[1024];
    private int[] _slotSource = new int[1024];
    private int[] _slotTries = new int[1024];
    private readonly Stack<int> _freeSlots = new();
    private int _slotCount;

    // Fluid negotiation load, per source (a cluster).
    private readonly List<int> _sourceZone = [];
    private readonly List<double> _sourceRate = [];
    private readonly double[] _poolFluidBase;     // erlangs offered by first tries
    private readonly double[] _poolFluidErlangs;  // erlangs offered, retries of failed tries included
    private long _fluidAccruedTicks;

    // Statistics since the last sample.
    private readonly double[] _zoneRequests, _zoneErrors;
    private readonly LatencyHistogram[] _zoneLatency;
    private readonly List<double> _sourceNegotiations = [], _sourceNegotiationErrors = [];

    public ControlPlaneService(Simulation sim, RandomStreams streams, ControlPlaneSpec spec, IReadOnlyList<string> zoneNames,
        Func<int, double> hangProbability, IReadOnlyList<string>? zoneRegions = null)
    {
        if (zoneRegions is not null && zoneRegions.Count != zoneNames.Count)
            throw new ArgumentException($"{zoneRegions.Count} regions given for {zoneNames.Count} zones", nameof(zoneRegions));
        _sim = sim;
        _spec = spec;
        _zones = zoneNames.Count;
        _hangProbability = hangProbability;
        _workersPerPool = spec.Workers;
        _queueLimit = spec.QueueLimit;
        var regions = (zoneRegions ?? zoneNames.Select(_ => "")).Distinct().ToList();
        int poolCount = spec.Scope == ControlPlaneScope.Regional ? regions.Count : _zones;
        _pools = new Resource[poolCount];
        for (int p = 0; p < poolCount; p++) _pools[p] = new Resource(sim, _workersPerPool);
        _poolFluidErlangs = new double[poolCount];
        _poolFluidBase = new double[poolCount];
        _zonePool = new int[_zones];
        for (int z = 0; z < _zones; z++)
            _zonePool[z] = spec.Scope == ControlPlaneScope.Regional ? regions.IndexOf(zoneRegions?[z] ?? "") : z;
        int kinds = spec.Api.Count;
        _ratesPerSecond = new double[kinds];
        for (int k = 0; k < kinds; k++) _ratesPerSecond[k] = spec.Api[k].RatePerZone.PerSecond;
        _disabled = new bool[_zones * Math.Max(1, kinds)];
        _arrivalStreams = new RandomStream[_zones * Math.Max(1, kinds)];
        for (int z = 0; z < _zones; z++)
            for (int k = 0; k < kinds; k++)
                _arrivalStreams[z * kinds + k] = streams.Get("api-arrivals:" + spec.Api[k].Name, z);
        _hangDraws = streams.Keyed("api-hang");
        _zoneRequests = new double[_zones];
        _zoneErrors = new double[_zones];
        _zoneLatency = new LatencyHistogram[_zones];
        for (int z = 0; z < _zones; z++) _zoneLatency[z] = new LatencyHistogram();
        for (int z = 0; z < _zones; z++)
            for (int k = 0; k < kinds; k++)
                ScheduleArrival(z, k);
    }

    /// <summary>Workers of each pool after scaling.</summary>
    public int WorkersPerPool => _workersPerPool;

    /// <summary>Index of an API request kind by name, or −1.</summary>
    public int ApiIndex(string name)
    {
        for (int k = 0; k < _spec.Api.Count; k++) if (_spec.Api[k].Name == name) return k;
        return -1;
    }

    /// <summary>Refuses (or accepts again) an API's requests from a zone at the front door.</summary>
    public void SetApiDisabled(int zone, int apiKind, bool disabled) => _disabled[zone * _spec.Api.Count + apiKind] = disabled;

    /// <summary>Registers a source of negotiations (a cluster in a zone); returns its id.</summary>
    public int RegisterSource(int zone)
    {
        _sourceZone.Add(zone);
        _sourceRate.Add(0);
        _sourceNegotiations.Add(0);
        _sourceNegotiationErrors.Add(0);
        return _sourceZone.Count - 1;
    }

    /// <summary>Sets the rate of fluid negotiations a source sends (per second).</summary>
    public void SetFluidRate(int source, double perSecond)
    {
        if (_sourceRate[source] == perSecond) return;
        AccrueFluid();
        int pool = _zonePool[_sourceZone[source]];
        _poolFluidBase[pool] += (perSecond - _sourceRate[source]) * _spec.Negotiate.Service.TotalSeconds;
        if (_poolFluidBase[pool] < 1e-9) _poolFluidBase[pool] = 0;
        _sourceRate[source] = perSecond;
        double w = _workersPerPool, a0 = _poolFluidBase[pool], k = _spec.Negotiate.Retries, x = Math.Max(a0, _poolFluidErlangs[pool]);
        if (a0 <= 0) x = 0;
        for (int i = 0; i < 200 && a0 > 0; i++)
        {
            double next = a0 * (1 + k * Math.Max(0, 1 - w / x));
            if (Math.Abs(next - x) < 1e-9 * w) { x = next; break; }
            x = next;
        }
        _poolFluidErlangs[pool] = x;
        _pools[pool].Capacity = Math.Max(0, _workersPerPool - (int)Math.Ceiling(Math.Min(w, x) - 1e-9));
    }

    /// <summary>
    /// Asks for a negotiation; the client hears <see cref="INegotiationClient.OnNegotiated"/> later.
    /// Returns false when refused at once (queue full), in which case no callback follows.
    /// </summary>
    public bool RequestNegotiation(int source, INegotiationClient client, long token)
    {
        int zone = _sourceZone[source];
        _sourceNegotiations[source]++;
        var pool = _pools[_zonePool[zone]];
        if (pool.QueueLength >= _queueLimit) { _sourceNegotiationErrors[source]++; return false; }
        int slot = NewSlot(SlotNegotiation, zone);
        _slotClient[slot] = client;
        _slotToken[slot] = token;
        _slotSource[slot] = source;
        pool.Request(this, slot, _spec.Negotiate.Timeout);
        return true;
    }

    /// <summary>A negotiation whose outcome nobody waits for (an exactly simulated futile retry): load only.</summary>
    public void SendNegotiationLoad(int source)
    {
        int zone = _sourceZone[source];
        _sourceNegotiations[source]++;
        var pool = _pools[_zonePool[zone]];
        if (pool.QueueLength >= _queueLimit) { _sourceNegotiationErrors[source]++; return; }
        int slot = NewSlot(SlotLoadOnly, zone);
        _slotSource[slot] = source;
        pool.Request(this, slot, _spec.Negotiate.Timeout);
    }

    /// <summary>A negotiation refused before it reached the control plane (the cluster is cut off): counted as failed.</summary>
    public void CountRefusedNegotiation(int source)
    {
        _sourceNegotiations[source]++;
        _sourceNegotiationErrors[source]++;
    }

    /// <summary>API requests from a zone since the last call; resets the window.</summary>
    public ApiWindowStats TakeZoneWindow(int zone)
    {
        var s = new ApiWindowStats(_zoneRequests[zone], _zoneErrors[zone], _zoneLatency[zone].Quantile(0.99));
        _zoneRequests[zone] = 0;
        _zoneErrors[zone] = 0;
        _zoneLatency[zone].Clear();
        return s;
    }

    /// <summary>Negotiations (requests, failures) of a source since the last call; resets the window.</summary>
    public (double Requests, double Errors) TakeNegotiationWindow(int source)
    {
        AccrueFluid();
        var r = (_sourceNegotiations[source], _sourceNegotiationErrors[source]);
        _sourceNegotiations[source] = 0;
        _sourceNegotiationErrors[source] = 0;
        return r;
    }

    /// <summary>Busy share of a zone's pool, fluid included (%).</summary>
    public double PoolUtilizationPct(int zone)
    {
        int p = _zonePool[zone];
        return 100 * Math.Min(_workersPerPool, _pools[p].InUse + _poolFluidErlangs[p]) / _workersPerPool;
    }

    /// <summary>Integrates the fluid negotiations up to now: requests, and the share that finds no worker.</summary>
    private void AccrueFluid()
    {
        long now = _sim.Now.Ticks;
        double dt = (double)(now - _fluidAccruedTicks) / Duration.TicksPerSecond;
        _fluidAccruedTicks = now;
        if (dt <= 0) return;
        for (int s = 0; s < _sourceRate.Count; s++)
        {
            if (_sourceRate[s] <= 0) continue;
            int pool = _zonePool[_sourceZone[s]];
            double erlangs = _poolFluidErlangs[pool];
            double rate = _sourceRate[s] * (_poolFluidBase[pool] > 0 ? erlangs / _poolFluidBase[pool] : 1); // retries included
            double free = Math.Max(0, _workersPerPool - _pools[pool].InUse);
            double failShare = erlangs <= free ? 0 : 1 - free / erlangs;
            _sourceNegotiations[s] += rate * dt;
            _sourceNegotiationErrors[s] += rate * dt * failShare;
        }
    }

    private void ScheduleArrival(int zone, int kind)
    {
        double rate = _ratesPerSecond[kind];
        if (rate <= 0) return;
        double gap = _arrivalStreams[zone * _spec.Api.Count + kind].NextExponential(rate);
        _sim.ScheduleAfter(Duration.FromSeconds(gap), this, KindArrival, zone * _spec.Api.Count + kind);
    }

    void IEventHandler.OnEvent(int kind, long arg)
    {
        switch (kind)
        {
            case KindArrival: Arrive((int)arg); break;
            case KindServiceDone: ServiceDone((int)arg); break;
            case KindHangDone: HangDone((int)arg); break;
        }
    }

    private void Arrive(int zoneKind)
    {
        int kinds = _spec.Api.Count;
        int zone = zoneKind / kinds, kind = zoneKind % kinds;
        ScheduleArrival(zone, kind);
        if (_disabled[zoneKind])
        {
            Complete(zone, 0, error: true);
            return;
        }
        var pool = _pools[_zonePool[zone]];
        if (pool.QueueLength >= _queueLimit)
        {
            Complete(zone, 0, error: true);
            return;
        }
        int slot = NewSlot(kind, zone);
        pool.Request(this, slot, _spec.Api[kind].Timeout);
    }

    void IResourceClient.OnGranted(long token)
    {
        int slot = (int)token;
        int kind = _slotKind[slot];
        if (kind >= 0)
        {
            var api = _spec.Api[kind];
            bool hangs = api.NeedsClusterSpace && _hangDraws.At(_slotZone[slot] * _spec.Api.Count + kind, _slotArrival[slot]).NextDouble() < _hangProbability(_slotZone[slot]);
            if (hangs)
            {
                var until = new SimTime(_slotArrival[slot]) + api.Timeout;
                _sim.Schedule(until > _sim.Now ? until : _sim.Now, this, KindHangDone, slot);
                return;
            }
            _sim.ScheduleAfter(api.Service, this, KindServiceDone, slot);
        }
        else
        {
            _sim.ScheduleAfter(_spec.Negotiate.Service, this, KindServiceDone, slot);
        }
    }

    void IResourceClient.OnTimedOut(long token)
    {
        int slot = (int)token;
        int kind = _slotKind[slot];
        if (kind >= 0) Complete(_slotZone[slot], (_sim.Now.Ticks - _slotArrival[slot]) / 1000.0, error: true);
        else
        {
            _sourceNegotiationErrors[_slotSource[slot]]++;
            if (kind == SlotLoadOnly && _slotTries[slot] < _spec.Negotiate.Retries)
            {
                // The caller tries again at once.
                _slotTries[slot]++;
                _sourceNegotiations[_slotSource[slot]]++;
                _slotArrival[slot] = _sim.Now.Ticks;
                var pool = _pools[_zonePool[_slotZone[slot]]];
                if (pool.QueueLength < _queueLimit) { pool.Request(this, slot, _spec.Negotiate.Timeout); return; }
                _sourceNegotiationErrors[_slotSource[slot]]++;
            }
            var client = _slotClient[slot];
            long clientToken = _slotToken[slot];
            FreeSlot(slot);
            client?.OnNegotiated(clientToken, false);
            return;
        }
        FreeSlot(slot);
    }

    private void ServiceDone(int slot)
    {
        _pools[_zonePool[_slotZone[slot]]].Release();
        int kind = _slotKind[slot];
        if (kind >= 0)
        {
            Complete(_slotZone[slot], (_sim.Now.Ticks - _slotArrival[slot]) / 1000.0, error: false);
            FreeSlot(slot);
            return;
        }
        var client = _slotClient[slot];
        long clientToken = _slotToken[slot];
        FreeSlot(slot);
        client?.OnNegotiated(clientToken, true);
    }

    private void HangDone(int slot)
    {
        _pools[_zonePool[_slotZone[slot]]].Release();
        Complete(_slotZone[slot], (_sim.Now.Ticks - _slotArrival[slot]) / 1000.0, error: true);
        FreeSlot(slot);
    }

    private void Complete(int zone, double latencyMs, bool error)
    {
        _zoneRequests[zone]++;
        if (error) _zoneErrors[zone]++;
        _zoneLatency[zone].Add(latencyMs);
    }

    private int NewSlot(int kind, int zone)
    {
        int slot;
        if (_freeSlots.Count > 0) slot = _freeSlots.Pop();
        else
        {
            slot = _slotCount++;
            if (slot == _slotKind.Length)
            {
                int n = slot * 2;
                Array.Resize(ref _slotKind, n);
                Array.Resize(ref _slotZone, n);
                Array.Resize(ref _slotArrival, n);
                Array.Resize(ref _slotClient, n);
                Array.Resize(ref _slotToken, n);
                Array.Resize(ref _slotSource, n);
                Array.Resize(ref _slotTries, n);
            }
        }
        _slotKind[slot] = kind;
        _slotZone[slot] = zone;
        _slotArrival[slot] = _sim.Now.Ticks;
        _slotClient[slot] = null;
        _slotTries[slot] = 0;
        return slot;
    }

    private void FreeSlot(int slot)
    {
        _slotClient[slot] = null;
        _freeSlots.Push(slot);
    }
}
