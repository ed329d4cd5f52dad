using Simulator.ControlPlane;
using Simulator.Engine;
using Simulator.Metrics;
using Simulator.Storage;
using Simulator.Topology;

namespace Simulator.Faults;

/// <summary>What a fault or an operator action reaches when it is scheduled: the event loop, the parts of the model by name, the random streams, and the markers of the plots.</summary>
public sealed class TimelineContext(Simulation sim, IReadOnlyList<StorageCluster> clusters, IReadOnlyList<ZoneInfo> zones,
    ControlPlaneService controlPlane, RandomStreams streams, CrossRegion.CrossRegionReplication? crossRegion = null)
{
    private readonly List<TimelineMarker> _markers = [];

    public Simulation Sim { get; } = sim;
    public ControlPlaneService ControlPlane { get; } = controlPlane;
    public RandomStreams Streams { get; } = streams;

    /// <summary>The links and cross-region replication, or null when the scenario has neither.</summary>
    public CrossRegion.CrossRegionReplication? CrossRegion { get; } = crossRegion;

    /// <summary>The links and cross-region replication; a fault that needs links has them (the scenario was checked).</summary>
    public CrossRegion.WanNetwork Wan => CrossRegion?.Wan ?? throw new InvalidOperationException("the scenario has no links");

    /// <summary>The clusters whose home zone is in <paramref name="region"/>.</summary>
    public IEnumerable<StorageCluster> ClustersIn(string region) => clusters.Where(c => zones[c.ZoneIndex].Region == region);

    /// <summary>The region of a zone, or the region itself.</summary>
    public string RegionOf(string place) => zones.FirstOrDefault(z => z.Name == place)?.Region ?? place;


    /// <summary>The cluster of that name (names were checked when the scenario was read).</summary>
    public StorageCluster Cluster(string name) => clusters.First(c => c.Name == name);

    /// <summary>The index of the zone of that name.</summary>
    public int ZoneIndex(string name) => zones.First(z => z.Name == name).Index;

    /// <summary>Runs <paramref name="action"/> at <paramref name="at"/> since time 0.</summary>
    public void At(Duration at, Action action) => Sim.Schedule(SimTime.At(at), action);

    /// <summary>Marks an instant on the plots.</summary>
    public void Mark(Duration at, string label) => _markers.Add(new TimelineMarker(at.TotalHours, label));

    /// <summary>The markers in time order.</summary>
    public IReadOnlyList<TimelineMarker> Markers()
    {
        var sorted = _markers.ToList();
        sorted.Sort((a, b) => a.TimeH.CompareTo(b.TimeH));
        return sorted;
    }
}
