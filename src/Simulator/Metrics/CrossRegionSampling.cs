using Simulator.CrossRegion;
using Simulator.Storage;
using Simulator.Topology;

namespace Simulator.Metrics;

/// <summary>Reads the links and replication classes (<see cref="CrossRegionMetrics"/>) at a sampling instant.</summary>
public static class CrossRegionSampling
{
    /// <summary>Adds the metrics of every region with clusters, every class and every link through <paramref name="add"/>(scope, metric, value).</summary>
    public static void Sample(CrossRegionReplication cross, IReadOnlyList<ZoneInfo> zones, IReadOnlyList<StorageCluster> clusters,
        Action<string, string, double> add)
    {
        var byRegion = new Dictionary<string, List<ReplicationClass>>();
        foreach (var c in cross.Classes)
        {
            if (!byRegion.TryGetValue(c.HomeRegion, out var list)) byRegion[c.HomeRegion] = list = [];
            list.Add(c);
            AddVolumes(CrossRegionMetrics.Replication.Prefix + c.Spec.Name, [c], c.Members, 0);
        }
        foreach (var region in zones.Select(z => z.Region).Distinct())
        {
            var inRegion = clusters.Where(c => zones[c.ZoneIndex].Region == region).ToList();
            if (inRegion.Count == 0) continue;
            long volumes = inRegion.Sum(c => (long)c.VolumeCount);
            // Volumes that are not replicated serve when they are not blocked.
            long blocked = inRegion.Sum(c => (long)c.StuckVolumes + c.LostVolumes + c.ConsistencyUnknownVolumes);
            var classes = byRegion.GetValueOrDefault(region) ?? [];
            long blockedMembers = classes.Sum(c => (long)c.Count().BlockedAtHome);
            AddVolumes(MetricCatalog.Region.Prefix + region, classes, volumes, blocked - blockedMembers);
        }
        var wan = cross.Wan;
        for (int l = 0; l < wan.LinkCount; l++)
        {
            string scope = CrossRegionMetrics.Link.Prefix + wan.LinkName(l);
            add(scope, CrossRegionMetrics.LinkUtilizationPct.Name, Math.Round(wan.UtilizationPct(l), 6));
            add(scope, CrossRegionMetrics.LinkThroughputGbps.Name, Math.Round(wan.ThroughputBps(l) / 1e9, 6));
        }

        // volumes: the scope's volumes; blockedOthers: those not in any class that do not serve.
        void AddVolumes(string scope, IReadOnlyList<ReplicationClass> classes, long volumes, long blockedOthers)
        {
            long notServing = blockedOthers, failedOver = 0, atHome = 0;
            double backlog = 0, lagSum = 0, lagMax = 0;
            var lags = new List<(double Lag, int Count)>();
            foreach (var c in classes)
            {
                var (home, _, failed, down, _) = c.Count();
                notServing += down;
                failedOver += failed;
                backlog += c.Shipper.BacklogBytes();
                if (home == 0) continue;
                double lag = c.Shipper.RpoSeconds();
                lags.Add((lag, home));
                atHome += home;
                lagSum += lag * home;
                lagMax = Math.Max(lagMax, lag);
            }
            if (volumes == 0) return;
            add(scope, CrossRegionMetrics.VolumesServingPct.Name, 100.0 * (volumes - notServing) / volumes);
            add(scope, CrossRegionMetrics.VolumesFailedOverPct.Name, 100.0 * failedOver / volumes);
            add(scope, CrossRegionMetrics.ReplicationLagMeanS.Name, Round(atHome > 0 ? lagSum / atHome : 0));
            add(scope, CrossRegionMetrics.ReplicationLagP99S.Name, Round(Quantile(lags, atHome, 0.99)));
            add(scope, CrossRegionMetrics.ReplicationLagMaxS.Name, Round(lagMax));
            add(scope, CrossRegionMetrics.ReplicationBacklogBytes.Name, Math.Round(backlog));
        }
    }

    /// <summary>The lowest lag that at least <paramref name="q"/> of the volumes do not exceed (0 for none).</summary>
    private static double Quantile(List<(double Lag, int Count)> lags, long total, double q)
    {
        if (total == 0) return 0;
        lags.Sort((a, b) => a.Lag.CompareTo(b.Lag));
        long need = (long)Math.Ceiling(q * total), seen = 0;
        foreach (var (lag, count) in lags)
        {
            seen += count;
            if (seen >= need) return lag;
        }
        return lags[^1].Lag;
    }

    /// <summary>To the microsecond, the clock's resolution.</summary>
    private static double Round(double seconds) => Math.Round(seconds, 6);
}
