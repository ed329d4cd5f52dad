using Simulator.Engine;
using System.ComponentModel;
using Simulator.Scenarios;

namespace Simulator.Faults.Kinds;

/// <summary>An operator action on the replicated volumes whose home is a region.</summary>
public abstract record RegionActionSpec : OperatorActionSpec
{
    [Description("The home region of the volumes acted on.")]
    [NotEmpty]
    public required string Region { get; init; }

    public override IEnumerable<(string Field, string Message)> CheckNames(ScenarioNames names)
    {
        if (names.UnknownRegion(Region) is { } problem) yield return ("region", problem);
    }

    /// <summary>What the action does to the replication classes whose home is <see cref="Region"/>.</summary>
    protected abstract void Apply(CrossRegion.CrossRegionReplication replication);

    protected override void Act(TimelineContext timeline, int index, Duration at)
    {
        var cross = timeline.CrossRegion;
        if (cross is not null) timeline.At(at, () => Apply(cross));
    }
}
