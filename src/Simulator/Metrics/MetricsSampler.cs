using Simulator.ControlPlane;
using Simulator.Storage;
using Simulator.Topology;

namespace Simulator.Metrics;

/// <summary>
/// Reads the model's counters at each sampling instant into tidy rows. Scopes: <c>region:…</c>, <c>zone:…</c>,
/// <c>cluster:…</c>, <c>network:&lt;cluster&gt;/primary|secondary</c>. Metric names carry their unit.
/// </summary>
public sealed class MetricsSampler
{
    private readonly int _replication;
    private readonly IReadOnlyList<ZoneInfo> _zones;
    private readonly IReadOnlyList<StorageCluster> _clusters;
    private readonly ControlPlaneService _cp;
    private readonly DatabaseFleet? _databases;
    private readonly string? _databaseScope;
    private readonly double[] _lastAttempts;
    private double _lastTimeH;
    private readonly List<TimeSeriesRow> _rows = [];
    private readonly List<TimeSeriesRow> _sample = [];

    public MetricsSampler(int replication, IReadOnlyList<ZoneInfo> zones, IReadOnlyList<StorageCluster> clusters,
        ControlPlaneService cp, DatabaseFleet? databases, string? databaseZone)
    {
        _replication = replication;
        _zones = zones;
        _clusters = clusters;
        _cp = cp;
        _databases = databases;
        _databaseScope = databaseZone is null ? null : "zone:" + databaseZone;
        _lastAttempts = new double[clusters.Count];
    }

    public IReadOnlyList<TimeSeriesRow> Rows => _rows;

    /// <summary>Records every metric at <paramref name="timeH"/>.</summary>
    public void Sample(double timeH)
    {
        _sample.Clear();
        double dtS = (timeH - _lastTimeH) * 3600;
        foreach (var region in _zones.Select(z => z.Region).Distinct())
            AddVolumes("region:" + region, _clusters.Where(c => _zones[c.ZoneIndex].Region == region));
        foreach (var zone in _zones)
        {
            string scope = "zone:" + zone.Name;
            var inZone = _clusters.Where(c => c.ZoneIndex == zone.Index).ToList();
            if (inZone.Count > 0) AddVolumes(scope, inZone);
            var api = _cp.TakeZoneWindow(zone.Index);
            Add(scope, "api_requests_per_s", dtS > 0 ? api.Requests / dtS : 0);
            Add(scope, "api_error_rate_pct", api.Requests > 0 ? 100 * api.Errors / api.Requests : 0);
            Add(scope, "api_latency_p99_ms", double.IsNaN(api.LatencyP99Ms) ? 0 : api.LatencyP99Ms);
            Add(scope, "control_plane_utilization_pct", _cp.PoolUtilizationPct(zone.Index));
            if (scope == _databaseScope && _databases is not null)
            {
                Add(scope, "databases_single_zone_impacted_pct", _databases.SingleZoneImpactedPct);
                Add(scope, "databases_multi_zone_failover_failed_pct", _databases.MultiZoneFailoverFailedPct);
            }
        }
        for (int i = 0; i < _clusters.Count; i++)
        {
            var c = _clusters[i];
            string scope = "cluster:" + c.Name;
            double attempts = c.Attempts;
            Add(scope, "free_capacity_pct", c.FreeCapacityPct);
            Add(scope, "nodes_crashed_total", c.NodesCrashed);
            Add(scope, "nodes_isolated", c.IsolatedNodes);
            Add(scope, "nodes_added_total", c.NodesAdded);
            Add(scope, "remirror_attempts_per_s", dtS > 0 ? (attempts - _lastAttempts[i]) / dtS : 0);
            Add(scope, "volumes_waiting", c.WaitingVolumes + c.ParkedVolumes);
            Add(scope, "control_plane_cut_pct", 100 * c.CutFraction);
            var (requests, errors) = _cp.TakeNegotiationWindow(c.ControlPlaneSource);
            Add(scope, "negotiation_error_rate_pct", requests > 0 ? 100 * errors / requests : 0);
            Add(scope, "negotiations_per_s", dtS > 0 ? requests / dtS : 0);
            _lastAttempts[i] = attempts;
            Add($"network:{c.Name}/primary", "network_utilization_pct", c.Network.PrimaryUtilizationPct);
            Add($"network:{c.Name}/secondary", "network_utilization_pct", c.Network.SecondaryUtilizationPct);
        }
        _sample.Sort((a, b) =>
        {
            int s = string.CompareOrdinal(a.Scope, b.Scope);
            return s != 0 ? s : string.CompareOrdinal(a.Metric, b.Metric);
        });
        _rows.AddRange(_sample);
        _lastTimeH = timeH;

        void Add(string scope, string metric, double value) => _sample.Add(new TimeSeriesRow(_replication, timeH, scope, metric, value));

        void AddVolumes(string scope, IEnumerable<StorageCluster> clusters)
        {
            double volumes = 0, stuck = 0, unavailable = 0, degraded = 0, lost = 0, ever = 0, byCrash = 0;
            foreach (var c in clusters)
            {
                volumes += c.VolumeCount;
                stuck += c.StuckVolumes;
                unavailable += c.UnavailableVolumes;
                degraded += c.DegradedVolumes;
                lost += c.LostVolumes;
                ever += c.EverStuckVolumes;
                byCrash += c.StuckByCrashVolumes;
            }
            if (volumes == 0) return;
            Add(scope, "volumes_stuck_pct", 100 * stuck / volumes);
            Add(scope, "volumes_unavailable_pct", 100 * unavailable / volumes);
            Add(scope, "volumes_degraded_pct", 100 * degraded / volumes);
            Add(scope, "volumes_lost_pct", 100 * lost / volumes);
            Add(scope, "volumes_ever_stuck_pct", 100 * ever / volumes);
            Add(scope, "volumes_stuck_by_crash_pct", 100 * byCrash / volumes);
            Add(scope, "volumes_stuck_pct_of_affected", ever > 0 ? 100 * stuck / ever : 0);
            Add(scope, "volumes_not_restored_pct_of_affected", ever > 0 ? 100 * (stuck + lost) / ever : 0);
        }
    }
}
