using Simulator.Scenarios;

namespace Simulator.Faults.Kinds;

/// <summary>A link is cut (both directions carry nothing) at a time, and healed after <c>heal_after</c>.</summary>
[ScenarioKind("link_cut")]
public sealed record LinkCutFault : LinkFaultSpec
{
    public override void Schedule(TimelineContext timeline, int index)
    {
        var wan = timeline.Wan;
        int link = wan.LinkIndex(Link);
        timeline.At(At, () => wan.Cut(link));
        timeline.Mark(At, Label ?? $"link {Link} cut");
        if (HealAfter is not { } heal) return;
        timeline.At(At + heal, () => wan.Heal(link));
        timeline.Mark(At + heal, $"link {Link} healed");
    }
}
