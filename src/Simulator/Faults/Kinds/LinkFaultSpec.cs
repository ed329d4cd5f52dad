using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Faults.Kinds;

/// <summary>A fault that hits one link (<c>topology.links</c>), healed after a time or never.</summary>
public abstract record LinkFaultSpec : FaultSpec
{
    [Description("The link's name (topology.links).")]
    [NotEmpty]
    public required string Link { get; init; }
    [Description("Time after which the link is healed; none: it stays so (or until a link_heal).")]
    [Positive]
    public Duration? HealAfter { get; init; }

    public override IEnumerable<(string Field, string Message)> CheckNames(ScenarioNames names)
    {
        if (names.UnknownLink(Link) is { } problem) yield return ("link", problem);
    }
}
