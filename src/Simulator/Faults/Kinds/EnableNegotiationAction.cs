using System.ComponentModel;
using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Faults.Kinds;

/// <summary>Lets stuck volumes negotiate again, at most <see cref="Rate"/>; reconnects the cluster to the control plane.</summary>
[ScenarioKind("enable_negotiation")]
public sealed record EnableNegotiationAction : ClusterActionSpec
{
    [Description("Throttle: parked volumes released per unit of time (multiplied by --scale).")]
    [Positive]
    [Scaled]
    public required Rate Rate { get; init; }

    public override string DefaultLabel => $"negotiation re-enabled ({Rate})";

    protected override void Act(TimelineContext timeline, int index)
    {
        var cluster = timeline.Cluster(Cluster);
        double perSecond = Rate.PerSecond;
        timeline.At(At, () => cluster.EnableNegotiation(perSecond));
    }
}
