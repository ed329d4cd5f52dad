using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Faults.Kinds;

/// <summary>Cuts a cluster's communication with the control plane, gradually over <see cref="Over"/>.</summary>
[ScenarioKind("cut_control_plane")]
public sealed record CutControlPlaneAction : ClusterActionSpec
{
    [Description("Time over which the cut share grows linearly to all negotiations; none = at once.")]
    [NonNegative]
    public Duration? Over { get; init; }

    public override string DefaultLabel => $"{Cluster} cut off the control plane";

    protected override void Act(TimelineContext timeline, int index, Duration at)
    {
        var cluster = timeline.Cluster(Cluster);
        var over = Over ?? Duration.Zero;
        timeline.At(at, () => cluster.CutControlPlane(over));
    }
}
