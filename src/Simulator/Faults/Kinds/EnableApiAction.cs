using Simulator.Scenarios;

namespace Simulator.Faults.Kinds;

/// <summary>Accepts an API's requests from a zone again.</summary>
[ScenarioKind("enable_api")]
public sealed record EnableApiAction : ApiSwitchAction
{
    protected override bool Disables => false;
    public override string DefaultLabel => $"{Api} enabled in {Zone}";
}
