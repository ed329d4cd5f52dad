using Simulator.Scenarios;
using Simulator.Storage;

namespace Simulator.Faults.Kinds;

/// <summary>Lets stuck volumes negotiate again, at most <see cref="PacedActionSpec.Rate"/> (a throttle); reconnects the cluster to the control plane.</summary>
[ScenarioKind("enable_negotiation")]
public sealed record EnableNegotiationAction : PacedActionSpec
{
    public override string DefaultLabel => $"negotiation re-enabled ({Rate})";

    protected override void Start(StorageCluster cluster, double perSecond) => cluster.EnableNegotiation(perSecond);
}
