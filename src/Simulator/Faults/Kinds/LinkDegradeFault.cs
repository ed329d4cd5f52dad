using System.ComponentModel;
using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Faults.Kinds;

/// <summary>A link carries at most <see cref="Capacity"/> each way from a time, until <c>heal_after</c>.</summary>
[ScenarioKind("link_degrade")]
public sealed record LinkDegradeFault : LinkFaultSpec
{
    [Description("What each direction carries at most while degraded (multiplied by --scale, as the link's bandwidth is).")]
    [NonNegative]
    [Scaled]
    public required Bandwidth Capacity { get; init; }

    public override void Schedule(TimelineContext timeline, int index)
    {
        var wan = timeline.Wan;
        int link = wan.LinkIndex(Link);
        timeline.At(At, () => wan.Degrade(link, Capacity.BitsPerSecond));
        timeline.Mark(At, Label ?? $"link {Link} degraded to {Capacity}");
        if (HealAfter is not { } heal) return;
        timeline.At(At + heal, () => wan.Degrade(link, null));
        timeline.Mark(At + heal, $"link {Link} restored");
    }
}
