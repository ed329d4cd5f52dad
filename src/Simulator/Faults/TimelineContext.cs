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

    /// <summary>The fault or operator action being scheduled: the markers it makes are its.</summary>
    internal object? Current { get; set; }

    /// <summary>Marks an instant on the plots and in <c>events.csv</c>, as a step of the fault or action being scheduled.</summary>
    public void Mark(Duration at, string label)
    {
        string category = Current switch { FaultSpec => "fault", OperatorActionSpec => "action", _ => "" };
        string kind = Current?.GetType().GetCustomAttributes(typeof(Scenarios.ScenarioKindAttribute), false)
            .OfType<Scenarios.ScenarioKindAttribute>().FirstOrDefault()?.Name ?? "";
        _markers.Add(new TimelineMarker(at.TotalHours, label, category, kind, Current is null ? "" : SpecText.Parameters(Current)));
    }

    /// <summary>The markers in time order.</summary>
    public IReadOnlyList<TimelineMarker> Markers()
    {
        // Stable: markers at one time keep the order they were made in.
        return [.. _markers.OrderBy(m => m.TimeH)];
    }
}
