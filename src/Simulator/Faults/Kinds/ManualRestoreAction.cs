using System.ComponentModel;
using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Faults.Kinds;

/// <summary>Operators restore stuck volumes by hand at <see cref="Rate"/>: those whose copy is on a crashed node first, then parked ones.</summary>
[ScenarioKind("manual_restore")]
public sealed record ManualRestoreAction : ClusterActionSpec
{
    [Description("Pace of the restores (multiplied by --scale).")]
    [Positive]
    [Scaled]
    public required Rate Rate { get; init; }

    public override string DefaultLabel => $"manual restores ({Rate})";

    protected override void Act(TimelineContext timeline, int index)
    {
        var cluster = timeline.Cluster(Cluster);
        double perSecond = Rate.PerSecond;
        timeline.At(At, () => cluster.StartManualRestore(perSecond));
    }
}
