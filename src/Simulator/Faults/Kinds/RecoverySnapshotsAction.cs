using System.ComponentModel;
using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Faults.Kinds;

/// <summary>
/// Operators hand volumes of unknown consistency (every replica lost power) over to their owners as recovery
/// snapshots, oldest first, at <see cref="Rate"/>: each leaves the cluster, restored.
/// </summary>
[ScenarioKind("recovery_snapshots")]
public sealed record RecoverySnapshotsAction : ClusterActionSpec
{
    [Description("Pace of the recovery snapshots (multiplied by --scale).")]
    [Positive]
    [Scaled]
    public required Rate Rate { get; init; }

    public override string DefaultLabel => $"recovery snapshots ({Rate})";

    protected override void Act(TimelineContext timeline, int index)
    {
        var cluster = timeline.Cluster(Cluster);
        double perSecond = Rate.PerSecond;
        timeline.At(At, () => cluster.StartRecoverySnapshots(perSecond));
    }
}
