using System.Diagnostics;
using Simulator.Scenarios;
using Simulator.ControlPlane;
using Simulator.CrossRegion;
using Simulator.Engine;
using Simulator.Faults;
using Simulator.Metrics;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Topology;

namespace Simulator.Experiments;

/// <summary>One replication of a scenario: builds the model on a fresh event loop, runs it to the horizon, samples it.</summary>
public sealed class SimulationRun
{
    private readonly Scenario _scenario;
    private readonly Simulation _sim = new();
    private readonly List<StorageCluster> _clusters = [];
    private readonly List<ZoneInfo> _zones = [];
    private readonly ControlPlaneService _cp;
    private readonly DatabaseFleet? _databases;
    private readonly CrossRegionReplication? _crossRegion;
    private readonly MetricsSampler _sampler;
    private readonly OperatorPlaybook _playbook;
    private readonly List<long> _typicalSizeMiB = []; // median volume size of each cluster: what a new volume needs

    /// <param name="cancellation">Abandons building the model (checked every few thousand volumes) with an <see cref="OperationCanceledException"/>.</param>
    public SimulationRun(Scenario scenario, ulong seed, int replication, double scale, CancellationToken cancellation = default)
    {
        scenario = ScenarioScaler.Scale(scenario, scale);
        _scenario = scenario;
        var streams = new RandomStreams(seed, replication);
        foreach (var region in scenario.Topology.Regions)
            foreach (var zone in region.Zones)
                _zones.Add(new ZoneInfo(_zones.Count, zone.Name, region.Name));

        _cp = new ControlPlaneService(_sim, streams, scenario.ControlPlane, _zones.Select(z => z.Name).ToList(), HangProbability,
            _zones.Select(z => z.Region).ToList());

        string? dbZone = scenario.Databases?.Zone;
        var observer = new ObserverRelay();
        // One flow network for the run when places are linked: copies between zones cross the links between them.
        WanNetwork? wan = scenario.ReplicationClasses.Count > 0 || scenario.Topology.Links.Count > 0
            ? CrossRegionReplication.Links(new Network.FlowNetwork(_sim), scenario, _zones) : null;
        foreach (var region in scenario.Topology.Regions)
            foreach (var zone in region.Zones)
            {
                var info = _zones.First(z => z.Name == zone.Name);
                foreach (var c in zone.Clusters)
                {
                    _typicalSizeMiB.Add(c.VolumeSize.Median.Bytes >> 20);
                    var spanned = (c.Zones ?? [zone.Name]).Select(name => _zones.First(z => z.Name == name && z.Region == region.Name))
                        .Select(z => (z.Index, z.Name)).ToList();
                    cancellation.ThrowIfCancellationRequested();
                    _clusters.Add(new StorageCluster(_clusters.Count, c.Name, info.Index, zone.Name, c, scenario.Replication,
                        scenario.RetryAccounting, _sim, streams, _cp, observer, spanned, wan, cancellation));
                }
            }
        if (dbZone is not null)
        {
            _databases = new DatabaseFleet(scenario.Databases!, _clusters.Where(c => c.ZoneName == dbZone).ToList(), streams);
            observer.Targets.Add(_databases);
        }
        cancellation.ThrowIfCancellationRequested();
        if (wan is not null)
        {
            _crossRegion = new CrossRegionReplication(_sim, streams, scenario, _clusters, _zones, wan);
            observer.Targets.Add(_crossRegion);
        }
        cancellation.ThrowIfCancellationRequested();
        _sampler = new MetricsSampler(replication, _zones, _clusters, _cp, _databases, dbZone, _crossRegion);
        _playbook = Timeline.Schedule(scenario, _sim, _clusters, _zones, _cp, streams, _crossRegion);
        AffectedZone = scenario.AffectedZoneName;
    }

    public string AffectedZone { get; }
    public IReadOnlyList<ZoneInfo> Zones => _zones;
    public IReadOnlyList<StorageCluster> Clusters => _clusters;
    /// <summary>The faults and the operators' actions taken so far (all of them once run), for the plots.</summary>
    public IReadOnlyList<TimelineMarker> Markers => _playbook.Markers();
    public IReadOnlyList<TimeSeriesRow> Rows => _sampler.Rows;
    public long EventsProcessed => _sim.EventsProcessed;
    public long VolumesTotal => _clusters.Sum(c => (long)c.VolumeCount);

    /// <summary>The volumes of each region and zone scope with clusters (a cluster counts in its home zone, as sampled).</summary>
    public IReadOnlyDictionary<string, long> VolumesByScope()
    {
        var volumes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var c in _clusters)
            foreach (string scope in new[] { MetricCatalog.Region.Prefix + _zones[c.ZoneIndex].Region, MetricCatalog.Zone.Prefix + c.ZoneName })
                volumes[scope] = volumes.GetValueOrDefault(scope) + c.VolumeCount;
        return volumes;
    }
    public DatabaseFleet? Databases => _databases;
    public ControlPlaneService ControlPlane => _cp;
    /// <summary>Links and cross-region replication, when the scenario has any.</summary>
    public CrossRegionReplication? CrossRegion => _crossRegion;

    /// <summary>
    /// The failure events of every cluster that made volumes short, as they stand now (at the horizon once run), in
    /// time order — clusters in the scenario's order at one instant — and numbered 0, 1, … in that order.
    /// </summary>
    public IReadOnlyList<FailureRecord> Failures() =>
        [.. _clusters.SelectMany(c => c.FailureRecords().Select(r => (Record: r, Cluster: c.Index)))
            .OrderBy(x => x.Record.At.Ticks).ThenBy(x => x.Cluster) // stable: a cluster's events stay in the order they opened
            .Select((x, i) => x.Record with { Event = i })];

    /// <summary>
    /// When to list the volumes that are not healthy (<see cref="VolumeRecords"/>), besides the horizon; null: never.
    /// Times at or past the horizon are the horizon's snapshot.
    /// </summary>
    public IReadOnlyList<Duration>? VolumeSnapshotTimes { get; init; }

    private readonly List<VolumeRecord> _volumeRecords = [];

    /// <summary>
    /// The volumes that were not healthy at each snapshot time and at the horizon (<see cref="VolumeSnapshotTimes"/>), time
    /// after time, clusters in the scenario's order, volumes in index order; each with its failure event numbered as in
    /// <see cref="Failures"/>.
    /// </summary>
    public IReadOnlyList<VolumeRecord> VolumeRecords()
    {
        var global = new Dictionary<(string Cluster, int Local), int>();
        var order = _clusters.SelectMany(c => c.Failures.RecordedEvents().Zip(c.FailureRecords(), (local, r) => (Local: local, Record: r, Cluster: c)))
            .OrderBy(x => x.Record.At.Ticks).ThenBy(x => x.Cluster.Index);
        int i = 0;
        foreach (var x in order) global[(x.Cluster.Name, x.Local)] = i++;
        return [.. _volumeRecords.Select(r => r with { FailureEvent = global.TryGetValue((r.Cluster, r.LocalEvent), out int e) ? e : -1 })];
    }

    private void SnapshotVolumes(Duration at)
    {
        foreach (var c in _clusters) _volumeRecords.AddRange(VolumeSnapshot.Of(c, at));
    }

    /// <summary>How often every invariant is recounted from scratch (O(volumes)); counters are checked at every sample.</summary>
    public Duration FullInvariantCheckEvery { get; init; } = Duration.FromHours(6);

    /// <summary>
    /// Events that must have fired since the last full recount before the next one (besides
    /// <see cref="FullInvariantCheckEvery"/>, and always at the horizon). Null: the volumes and nodes of all clusters,
    /// so that a recount, O(volumes + nodes), costs at most O(1) per event however long the run (a year of rare node
    /// failures) and however many samples; 0: every <see cref="FullInvariantCheckEvery"/> whatever happened.
    /// </summary>
    public long? FullInvariantCheckMinEvents { get; init; }

    /// <summary>Called after every event (tests that check invariants event by event); null: not at all.</summary>
    public Action<SimulationRun>? AfterEveryEvent { get; init; }

    /// <summary>The time of the event being processed, or of the last one.</summary>
    public SimTime Now => _sim.Now;

    /// <summary>Full recounts of the invariants done so far.</summary>
    public int FullInvariantChecks { get; private set; }

    /// <summary>Runs to the horizon, sampling every <paramref name="sampleInterval"/>.</summary>
    public void Run(Duration sampleInterval, IProgress<RunProgress>? progress = null, CancellationToken cancellation = default)
    {
        var horizon = SimTime.At(_scenario.Horizon);
        long step = Math.Max(1, sampleInterval.Ticks);
        long nextCheck = FullInvariantCheckEvery.Ticks;
        long minEvents = FullInvariantCheckMinEvents ?? _clusters.Sum(c => (long)c.VolumeCount + c.NodeCount);
        long eventsAtCheck = 0;
        _sampler.Sample(0);
        _playbook.OnSample(Duration.Zero, _sampler.LastSample);
        var clock = Stopwatch.StartNew();
        long lastReport = 0;
        var snapshots = new Queue<long>((VolumeSnapshotTimes ?? []).Select(d => d.Ticks).Where(x => x < horizon.Ticks).Order().Distinct());
        for (long t = step; ; t += step)
        {
            var at = new SimTime(Math.Min(t, horizon.Ticks));
            while (snapshots.Count > 0 && snapshots.Peek() <= at.Ticks)
            {
                var snap = new SimTime(snapshots.Dequeue());
                RunUntil(snap);
                SnapshotVolumes(new Duration(snap.Ticks));
            }
            RunUntil(at);
            _sampler.Sample(at.TotalHours);
            _playbook.OnSample(at.SinceStart, _sampler.LastSample);
            CheckTime();
            foreach (var c in _clusters) c.CheckCheapInvariants();
            if (at >= horizon || (at.Ticks >= nextCheck && _sim.EventsProcessed - eventsAtCheck >= minEvents))
            {
                CheckInvariants();
                while (nextCheck <= at.Ticks) nextCheck += Math.Max(1, FullInvariantCheckEvery.Ticks);
                eventsAtCheck = _sim.EventsProcessed;
            }
            cancellation.ThrowIfCancellationRequested();
            if (progress is not null && (clock.ElapsedMilliseconds - lastReport >= 200 || at >= horizon))
            {
                lastReport = clock.ElapsedMilliseconds;
                progress.Report(new RunProgress(at.TotalHours, horizon.TotalHours, _sim.EventsProcessed));
            }
            if (at >= horizon) break;
        }
        if (VolumeSnapshotTimes is not null) SnapshotVolumes(new Duration(horizon.Ticks));
    }

    private void RunUntil(SimTime at)
    {
        if (AfterEveryEvent is { } check) _sim.RunUntil(at, () => check(this));
        else _sim.RunUntil(at);
    }

    /// <summary>
    /// Every invariant of the model, now, recounted from scratch (O(volumes + nodes + members)); throws
    /// <see cref="InvalidOperationException"/> with the first violation. Time never goes back (since the last check);
    /// in each cluster (<see cref="StorageCluster.CheckInvariants"/>) volumes are conserved across states, lost ones
    /// stay lost, free space is never negative nor above capacity, a volume's replicas are on distinct nodes and within
    /// its placement rule; in each cross-region class (<see cref="CrossRegionReplication.CheckInvariants"/>) no volume
    /// serves in two regions and a failed-over volume's RPO is not negative. <see cref="Run"/> calls it every
    /// <see cref="FullInvariantCheckEvery"/> and at the horizon; <c>replsim swarm</c> after every event.
    /// </summary>
    public void CheckInvariants()
    {
        CheckTime();
        foreach (var c in _clusters) c.CheckInvariants();
        _crossRegion?.CheckInvariants();
        FullInvariantChecks++;
    }

    private long _lastCheckedTicks;

    /// <summary>The clock never goes back: the time now is at least that of the last check.</summary>
    private void CheckTime()
    {
        long now = _sim.Now.Ticks;
        if (now < _lastCheckedTicks)
            throw new InvalidOperationException($"time went back from {new SimTime(_lastCheckedTicks)} to {_sim.Now}");
        _lastCheckedTicks = now;
    }

    /// <summary>Probability that a call placing a volume in a zone hangs (see <see cref="StorageCluster.PlacementHangProbability"/>).</summary>
    private double HangProbability(int zone)
    {
        double p = 0;
        for (int i = 0; i < _clusters.Count; i++)
            if (_clusters[i].ZoneIndex == zone) p = Math.Max(p, _clusters[i].PlacementHangProbability(_typicalSizeMiB[i]));
        return p;
    }

    /// <summary>Lets clusters be built before the databases and the cross-region replication that listen to them.</summary>
    private sealed class ObserverRelay : IVolumeObserver
    {
        public List<IVolumeObserver> Targets { get; } = [];
        public void OnBlockedChanged(int cluster, int volume, bool blocked, bool byNetwork)
        {
            foreach (var t in Targets) t.OnBlockedChanged(cluster, volume, blocked, byNetwork);
        }
    }
}
