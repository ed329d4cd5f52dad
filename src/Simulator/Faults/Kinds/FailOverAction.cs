using Simulator.Scenarios;

namespace Simulator.Faults.Kinds;

/// <summary>
/// Operators fail a region over: every replicated volume whose home is the region has its remote copy promoted
/// (after its class's promotion delay) and its home copy fenced, serving or not; writes not yet shipped are lost.
/// They stay failed over until a <c>fail_back</c>.
/// </summary>
[ScenarioKind("fail_over")]
public sealed record FailOverAction : RegionActionSpec
{
    public override string DefaultLabel => $"{Region} failed over";

    protected override void Apply(CrossRegion.CrossRegionReplication replication) => replication.ForceFailover(Region);
}
