using Simulator.ControlPlane;
using Simulator.Engine;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Topology;

namespace Simulator.Faults;

/// <summary>Schedules a scenario's faults and operator actions on the event loop, and names them for the plots.</summary>
public static class Timeline
{
    /// <summary>
    /// Schedules every fault, then the operators' actions, in the scenario's order; returns the playbook that watches the
    /// conditions of reactive actions at every sample, and holds the markers to draw.
    /// </summary>
    public static OperatorPlaybook Schedule(Scenario scenario, Simulation sim, IReadOnlyList<StorageCluster> clusters,
        IReadOnlyList<ZoneInfo> zones, ControlPlaneService cp, RandomStreams streams, CrossRegion.CrossRegionReplication? crossRegion = null)
    {
        var timeline = new TimelineContext(sim, clusters, zones, cp, streams, crossRegion);
        for (int i = 0; i < scenario.Faults.Count; i++) scenario.Faults[i].Schedule(timeline, i);
        return new OperatorPlaybook(timeline, scenario.Operators);
    }
}
