using Simulator.Scenarios;
using Simulator.Storage;

namespace Simulator.Faults.Kinds;

/// <summary>Operators restore stuck volumes by hand at <see cref="PacedActionSpec.Rate"/>: those whose copy is on a crashed node first, then parked ones.</summary>
[ScenarioKind("manual_restore")]
public sealed record ManualRestoreAction : PacedActionSpec
{
    public override string DefaultLabel => $"manual restores ({Rate})";

    protected override void Start(StorageCluster cluster, double perSecond) => cluster.StartManualRestore(perSecond);
}
