using Simulator.Scenarios;

namespace Simulator.Faults.Kinds;

/// <summary>Refuses an API's requests from a zone at the front door (in 2011: Create Volume in the affected zone).</summary>
[ScenarioKind("disable_api")]
public sealed record DisableApiAction : ApiSwitchAction
{
    protected override bool Disables => true;
    public override string DefaultLabel => $"{Api} disabled in {Zone}";
}
