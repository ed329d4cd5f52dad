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
}
