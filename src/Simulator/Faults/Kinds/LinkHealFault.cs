using System.ComponentModel;
using Simulator.Scenarios;

namespace Simulator.Faults.Kinds;

/// <summary>A link is repaired at a time: every cut healed and its full capacity back.</summary>
[ScenarioKind("link_heal")]
public sealed record LinkHealFault : FaultSpec
{
    [Description("The link's name (topology.links).")]
    [NotEmpty]
    public required string Link { get; init; }

    public override IEnumerable<(string Field, string Message)> CheckNames(ScenarioNames names)
    {
        if (names.UnknownLink(Link) is { } problem) yield return ("link", problem);
    }

    public override void Schedule(TimelineContext timeline, int index)
    {
        var wan = timeline.Wan;
        int link = wan.LinkIndex(Link);
        timeline.At(At, () => wan.Repair(link));
        timeline.Mark(At, Label ?? $"link {Link} repaired");
    }
}
