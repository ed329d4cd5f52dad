using Simulator.ControlPlane;
using Simulator.Engine;
using Simulator.Faults;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Topology;

namespace Simulator.Tests.Support;

/// <summary>
/// The model of a scenario's first cluster, built as <see cref="Experiments.SimulationRun"/> builds it (faults and
/// operator actions included), on an event loop the test drives: schedule any action at any time, run to a time,
/// read the cluster's state. No metrics and no databases; API calls never hang (use a replication for those).
/// </summary>
public sealed class ClusterRig
{
    public ClusterRig(Scenario scenario, ulong seed = 1, IVolumeObserver? observer = null)
    {
        var streams = new RandomStreams(seed, 0);
        var zones = new List<ZoneInfo>();
        foreach (var region in scenario.Topology.Regions)
            foreach (var zone in region.Zones)
                zones.Add(new ZoneInfo(zones.Count, zone.Name, region.Name));
        ControlPlane = new ControlPlaneService(Sim, streams, scenario.ControlPlane, zones.Select(z => z.Name).ToList(), _ => 0);
        var zoneSpec = scenario.Topology.Regions.SelectMany(r => r.Zones).First(z => z.Clusters.Count > 0);
        var spanned = (zoneSpec.Clusters[0].Zones ?? [zoneSpec.Name]).Select(name => zones.First(z => z.Name == name)).Select(z => (z.Index, z.Name)).ToList();
        Cluster = new StorageCluster(0, zoneSpec.Clusters[0].Name, zones.First(z => z.Name == zoneSpec.Name).Index, zoneSpec.Name,
            zoneSpec.Clusters[0], scenario.Replication, scenario.RetryAccounting, Sim, streams, ControlPlane, observer, spanned);
        Timeline.Schedule(scenario, Sim, [Cluster], zones, ControlPlane, streams);
    }

    public Simulation Sim { get; } = new();
    public ControlPlaneService ControlPlane { get; }
    public StorageCluster Cluster { get; }

    public void At(double hours, Action action) => Sim.Schedule(SimTime.FromHours(hours), action);

    public void RunTo(double hours) => Sim.RunUntil(SimTime.FromHours(hours));

    /// <summary>Runs to <paramref name="hours"/>, reading <paramref name="observe"/> after every <paramref name="everyMinutes"/>.</summary>
    public List<T> RunTo<T>(double hours, double everyMinutes, Func<StorageCluster, T> observe)
    {
        var seen = new List<T>();
        for (var t = Sim.Now + Duration.FromMinutes(everyMinutes); t.TotalHours <= hours; t += Duration.FromMinutes(everyMinutes))
        {
            Sim.RunUntil(t);
            seen.Add(observe(Cluster));
        }
        RunTo(hours);
        return seen;
    }

    /// <summary>Volumes of the cluster whose state and flags satisfy <paramref name="where"/>.</summary>
    public List<int> VolumesWhere(Func<VolumeState, VolumeFlags, bool> where) =>
        Enumerable.Range(0, Cluster.VolumeCount).Where(v => where(Cluster.StateOf(v), Cluster.FlagsOf(v))).ToList();
}
