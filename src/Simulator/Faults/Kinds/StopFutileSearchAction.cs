using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Faults.Kinds;

/// <summary>Stops the cluster's nodes from searching for space; stuck volumes wait without load until negotiation is re-enabled.</summary>
[ScenarioKind("stop_futile_search")]
public sealed record StopFutileSearchAction : ClusterActionSpec
{
    public override string DefaultLabel => "futile searches stopped";

    protected override void Act(TimelineContext timeline, int index, Duration at) => timeline.At(at, timeline.Cluster(Cluster).StopFutileSearch);
}
