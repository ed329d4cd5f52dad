using Simulator.Scenarios;

namespace Simulator.Faults.Kinds;

/// <summary>Operators let a region's failed-over volumes fail back: each re-syncs its home copy once that serves, then serves at home.</summary>
[ScenarioKind("fail_back")]
public sealed record FailBackAction : RegionActionSpec
{
    public override string DefaultLabel => $"{Region} failed back";

    protected override void Apply(CrossRegion.CrossRegionReplication replication) => replication.AllowFailback(Region);
}
