namespace Simulator.Engine;

/// <summary>
/// Records chosen values every fixed interval of simulated time into a time series: one row of times and
/// one column per probe. The first sample is taken at the start time, the last at or before the end time.
/// </summary>
/// <remarks>
/// Without an end time the sampler always has an event pending, so <see cref="Simulation.Run"/> would not
/// return: bound the run with <see cref="Simulation.RunUntil(SimTime)"/> or give the sampler an end.
/// </remarks>
/// <example><code>
/// var sampler = new Sampler(sim, Duration.FromMinutes(5), end: SimTime.FromHours(96));
/// sampler.Add("stuck_volumes", () => stuck.Current);
/// sampler.Start();
/// sim.Run();
/// IReadOnlyList&lt;double&gt; series = sampler.Series("stuck_volumes");
/// </code></example>
public sealed class Sampler : IEventHandler
{
    private readonly Simulation _simulation;
    private readonly List<string> _names = [];
    private readonly List<Func<double>> _probes = [];
    private readonly List<List<double>> _columns = [];
    private readonly List<SimTime> _times = [];
    private EventHandle _next;

    /// <summary>A sampler of <paramref name="simulation"/> every <paramref name="interval"/>, until <paramref name="end"/> (inclusive) if given.</summary>
    public Sampler(Simulation simulation, Duration interval, SimTime? end = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (interval.Ticks <= 0) throw new ArgumentOutOfRangeException(nameof(interval), interval, "the sampling interval must be positive");
        _simulation = simulation;
        Interval = interval;
        End = end ?? SimTime.MaxValue;
    }

    /// <summary>Simulated time between samples.</summary>
    public Duration Interval { get; }

    /// <summary>No sample is taken after this time.</summary>
    public SimTime End { get; }

    /// <summary>The probes' names, in column order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The time of each sample.</summary>
    public IReadOnlyList<SimTime> Times => _times;

    /// <summary>Adds a probe, read at every sample; returns its column index. Add probes before <see cref="Start"/>.</summary>
    public int Add(string name, Func<double> probe)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(probe);
        if (_times.Count > 0) throw new InvalidOperationException("add probes before the first sample");
        if (_names.Contains(name)) throw new ArgumentException($"a probe named \"{name}\" already exists", nameof(name));
        _names.Add(name);
        _probes.Add(probe);
        _columns.Add([]);
        return _names.Count - 1;
    }

    /// <summary>The values of one probe, one per entry of <see cref="Times"/>.</summary>
    public IReadOnlyList<double> Series(int column) => _columns[column];

    /// <summary>The values of the probe named <paramref name="name"/>.</summary>
    public IReadOnlyList<double> Series(string name)
    {
        int i = _names.IndexOf(name);
        if (i < 0) throw new KeyNotFoundException($"no probe named \"{name}\"; the probes are: {string.Join(", ", _names)}");
        return _columns[i];
    }

    /// <summary>Takes the first sample at <paramref name="at"/> (default: now), then one every <see cref="Interval"/>.</summary>
    public void Start(SimTime? at = null)
    {
        if (!_next.IsNone && _simulation.IsPending(_next)) throw new InvalidOperationException("the sampler is already started");
        SimTime first = at ?? _simulation.Now;
        if (first <= End) _next = _simulation.Schedule(first, this);
    }

    /// <summary>Takes no further samples.</summary>
    public void Stop() => _simulation.Cancel(_next);

    void IEventHandler.OnEvent(int kind, long arg)
    {
        SimTime now = _simulation.Now;
        _times.Add(now);
        for (int i = 0; i < _probes.Count; i++) _columns[i].Add(_probes[i]());
        if (End - now >= Interval) _next = _simulation.Schedule(now + Interval, this);
    }
}
