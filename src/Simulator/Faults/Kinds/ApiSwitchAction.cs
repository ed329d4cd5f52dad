using Simulator.Engine;
using System.ComponentModel;
using Simulator.Scenarios;

namespace Simulator.Faults.Kinds;

/// <summary>Refuses, or accepts again, an API's requests from a zone at the front door.</summary>
public abstract record ApiSwitchAction : OperatorActionSpec
{
    [Description("The zone whose requests are refused or accepted.")]
    [NotEmpty]
    public required string Zone { get; init; }
    [Description("The API request's name (control_plane.api).")]
    [NotEmpty]
    public required string Api { get; init; }

    /// <summary>True to refuse the requests, false to accept them again.</summary>
    protected abstract bool Disables { get; }

    public override IEnumerable<(string Field, string Message)> CheckNames(ScenarioNames names)
    {
        if (names.UnknownZone(Zone) is { } zone) yield return ("zone", zone);
        if (names.UnknownApi(Api) is { } api) yield return ("api", api);
    }

    protected override void Act(TimelineContext timeline, int index, Duration at)
    {
        int zone = timeline.ZoneIndex(Zone);
        int api = timeline.ControlPlane.ApiIndex(Api);
        var cp = timeline.ControlPlane;
        timeline.At(at, () => cp.SetApiDisabled(zone, api, Disables));
    }
}
