using Simulator.Scenarios;
using Simulator.Storage;

namespace Simulator.Faults.Kinds;

/// <summary>
/// Operators hand volumes of unknown consistency (every replica lost power) over to their owners as recovery
/// snapshots, oldest first, at <see cref="PacedActionSpec.Rate"/>: each leaves the cluster, restored.
/// </summary>
[ScenarioKind("recovery_snapshots")]
public sealed record RecoverySnapshotsAction : PacedActionSpec
{
    public override string DefaultLabel => $"recovery snapshots ({Rate})";

    protected override void Start(StorageCluster cluster, double perSecond) => cluster.StartRecoverySnapshots(perSecond);
}
