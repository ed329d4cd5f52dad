using Simulator.ControlPlane;
using Simulator.Storage;
using Simulator.Topology;

namespace Simulator.Metrics;

/// <summary>
/// Reads the model's counters at each sampling instant into tidy rows. Scopes: <c>region:…</c>, <c>zone:…</c>,
/// <c>cluster:…</c>, <c>network:&lt;cluster&gt;/primary|secondary</c>. Metric names carry their unit.
/// A cluster's volumes count in its region and in its home zone (<see cref="StorageCluster.ZoneIndex"/>) alone, even
/// when its nodes span several zones: each volume is counted once in its region (<see cref="MetricCatalog.Zone"/>).
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
    private readonly CrossRegion.CrossRegionReplication? _crossRegion;
    private double _lastTimeH;
    private readonly List<TimeSeriesRow> _rows = [];
    private readonly List<TimeSeriesRow> _sample = [];

    public MetricsSampler(int replication, IReadOnlyList<ZoneInfo> zones, IReadOnlyList<StorageCluster> clusters,
        ControlPlaneService cp, DatabaseFleet? databases, string? databaseZone, CrossRegion.CrossRegionReplication? crossRegion = null)
    {
        _crossRegion = crossRegion;
        _replication = replication;
        _zones = zones;
        _clusters = clusters;
        _cp = cp;
        _databases = databases;
        _databaseScope = databaseZone is null ? null : MetricCatalog.Zone.Prefix + databaseZone;
        _lastAttempts = new double[clusters.Count];
    }

    public IReadOnlyList<TimeSeriesRow> Rows => _rows;

    /// <summary>The rows of the last sample, ordered by scope, then metric (ordinal): what operators' triggers watch.</summary>
    public IReadOnlyList<TimeSeriesRow> LastSample => _sample;

    /// <summary>Records every metric at <paramref name="timeH"/>.</summary>
    public void Sample(double timeH)
    {
        _sample.Clear();
        double dtS = (timeH - _lastTimeH) * 3600;
        foreach (var region in _zones.Select(z => z.Region).Distinct())
            AddVolumes(MetricCatalog.Region.Prefix + region, _clusters.Where(c => _zones[c.ZoneIndex].Region == region));
        foreach (var zone in _zones)
        {
            string scope = MetricCatalog.Zone.Prefix + zone.Name;
            var inZone = _clusters.Where(c => c.ZoneIndex == zone.Index).ToList();
            if (inZone.Count > 0) AddVolumes(scope, inZone);
            var api = _cp.TakeZoneWindow(zone.Index);
            Add(scope, MetricCatalog.ApiRequestsPerS.Name, dtS > 0 ? api.Requests / dtS : 0);
            Add(scope, MetricCatalog.ApiErrorRatePct.Name, api.Requests > 0 ? 100 * api.Errors / api.Requests : 0);
            Add(scope, MetricCatalog.ApiLatencyP99Ms.Name, double.IsNaN(api.LatencyP99Ms) ? 0 : api.LatencyP99Ms);
            Add(scope, MetricCatalog.ControlPlaneUtilizationPct.Name, _cp.PoolUtilizationPct(zone.Index));
            if (scope == _databaseScope && _databases is not null)
            {
                Add(scope, MetricCatalog.DatabasesSingleZoneImpactedPct.Name, _databases.SingleZoneImpactedPct);
                Add(scope, MetricCatalog.DatabasesMultiZoneFailoverFailedPct.Name, _databases.MultiZoneFailoverFailedPct);
            }
        }
        for (int i = 0; i < _clusters.Count; i++)
        {
            var c = _clusters[i];
            string scope = MetricCatalog.Cluster.Prefix + c.Name;
            double attempts = c.Attempts;
            Add(scope, MetricCatalog.FreeCapacityPct.Name, c.FreeCapacityPct);
            Add(scope, MetricCatalog.NodesCrashedTotal.Name, c.NodesCrashed);
            Add(scope, MetricCatalog.NodesIsolated.Name, c.IsolatedNodes);
            Add(scope, MetricCatalog.NodesUnpowered.Name, c.UnpoweredNodes);
            Add(scope, MetricCatalog.NodesDark.Name, c.DarkNodes);
            Add(scope, MetricCatalog.NodesAddedTotal.Name, c.NodesAdded);
            Add(scope, MetricCatalog.RemirrorAttemptsPerS.Name, dtS > 0 ? (attempts - _lastAttempts[i]) / dtS : 0);
            Add(scope, MetricCatalog.VolumesWaiting.Name, c.WaitingVolumes + c.ParkedVolumes);
            Add(scope, MetricCatalog.CopiesInFlight.Name, c.CopiesInFlight);
            Add(scope, MetricCatalog.RepairBandwidthGbps.Name, Fluid(c.RepairBandwidthBps / 1e9));
            Add(scope, MetricCatalog.ControlPlaneCutPct.Name, 100 * c.CutFraction);
            Add(scope, MetricCatalog.RepairBacklogBytes.Name, c.RepairBacklogBytes);
            var (requests, errors) = _cp.TakeNegotiationWindow(c.ControlPlaneSource);
            Add(scope, MetricCatalog.NegotiationErrorRatePct.Name, requests > 0 ? 100 * errors / requests : 0);
            Add(scope, MetricCatalog.NegotiationsPerS.Name, dtS > 0 ? requests / dtS : 0);
            _lastAttempts[i] = attempts;
            Add($"{MetricCatalog.Network.Prefix}{c.Name}/primary", MetricCatalog.NetworkUtilizationPct.Name, Fluid(c.Network.PrimaryUtilizationPct));
            Add($"{MetricCatalog.Network.Prefix}{c.Name}/secondary", MetricCatalog.NetworkUtilizationPct.Name, Fluid(c.Network.SecondaryUtilizationPct));
        }
        if (_crossRegion is not null) CrossRegionSampling.Sample(_crossRegion, _zones, _clusters, Add);
        _sample.Sort((a, b) =>
        {
            int s = string.CompareOrdinal(a.Scope, b.Scope);
            return s != 0 ? s : string.CompareOrdinal(a.Metric, b.Metric);
        });
        _rows.AddRange(_sample);
        _lastTimeH = timeH;

        // Rates shared among flows are sums of quotients: to a millionth, so that rounding noise (100.00000000030465 %
        // for a full link) is not written as a result.
        static double Fluid(double value) => Math.Round(value, 6);

        void Add(string scope, string metric, double value) => _sample.Add(new TimeSeriesRow(_replication, timeH, scope, metric, value));

        void AddVolumes(string scope, IEnumerable<StorageCluster> clusters)
        {
            double volumes = 0, stuck = 0, unavailable = 0, degraded = 0, lost = 0, ever = 0, byCrash = 0, unknown = 0, snapshots = 0, dark = 0;
            long backlogBytes = 0;
            foreach (var c in clusters)
            {
                volumes += c.VolumeCount;
                stuck += c.StuckVolumes;
                unavailable += c.UnavailableVolumes;
                degraded += c.DegradedVolumes;
                lost += c.LostVolumes;
                ever += c.EverStuckVolumes;
                byCrash += c.StuckByCrashVolumes;
                unknown += c.ConsistencyUnknownVolumes;
                snapshots += c.RecoveredBySnapshotVolumes;
                dark += c.PowerLostVolumes;
                backlogBytes += c.RepairBacklogBytes;
            }
            if (volumes == 0) return;
            Add(scope, MetricCatalog.VolumesStuckPct.Name, 100 * stuck / volumes);
            Add(scope, MetricCatalog.VolumesUnavailablePct.Name, 100 * unavailable / volumes);
            Add(scope, MetricCatalog.VolumesDegradedPct.Name, 100 * degraded / volumes);
            Add(scope, MetricCatalog.VolumesLostPct.Name, 100 * lost / volumes);
            Add(scope, MetricCatalog.VolumesEverStuckPct.Name, 100 * ever / volumes);
            Add(scope, MetricCatalog.VolumesStuckByCrashPct.Name, 100 * byCrash / volumes);
            Add(scope, MetricCatalog.VolumesStuckPctOfAffected.Name, ever > 0 ? 100 * stuck / ever : 0);
            Add(scope, MetricCatalog.VolumesNotRestoredPctOfAffected.Name, ever > 0 ? 100 * (stuck + lost) / ever : 0);
            Add(scope, MetricCatalog.VolumesConsistencyUnknownPct.Name, 100 * unknown / volumes);
            Add(scope, MetricCatalog.VolumesRecoveredBySnapshotPct.Name, 100 * snapshots / volumes);
            Add(scope, MetricCatalog.VolumesAllReplicasDarkPct.Name, 100 * dark / volumes);
            Add(scope, MetricCatalog.VolumesUnderReplicatedPct.Name, 100 * (stuck + degraded) / volumes);
            Add(scope, MetricCatalog.RepairBacklogBytes.Name, backlogBytes);
        }
    }
}
