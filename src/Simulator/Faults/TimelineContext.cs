using Simulator.ControlPlane;
using Simulator.Engine;
using Simulator.Metrics;
using Simulator.Storage;
using Simulator.Topology;

namespace Simulator.Faults;

/// <summary>What a fault or an operator action reaches when it is scheduled: the event loop, the parts of the model by name, the random streams, and the markers of the plots.</summary>
public sealed class TimelineContext(Simulation sim, IReadOnlyList<StorageCluster> clusters, IReadOnlyList<ZoneInfo> zones,
    ControlPlaneService controlPlane, RandomStreams streams)
{
    private readonly List<TimelineMarker> _markers = [];

    public Simulation Sim { get; } = sim;
    public ControlPlaneService ControlPlane { get; } = controlPlane;
    public RandomStreams Streams { get; } = streams;

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
