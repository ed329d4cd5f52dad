using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Faults.Kinds;

/// <summary>
/// A set of places (regions or zones) is split from the rest: every link with one end inside the set and the other
/// outside is cut, until <c>heal_after</c>. An end is inside when it is a listed place, or a zone of a listed region.
/// Volumes keep serving on each side (their clients are with them); what crosses the split stops.
/// </summary>
[ScenarioKind("partition")]
public sealed record PartitionFault : FaultSpec
{
    [Description("The regions or zones split from the rest.")]
    [NotEmpty]
    public required IReadOnlyList<string> Places { get; init; }
    [Description("Time after which the partition heals; none: it does not.")]
    [Positive]
    public Duration? HealAfter { get; init; }

    public override IEnumerable<(string Field, string Message)> CheckNames(ScenarioNames names)
    {
        for (int i = 0; i < Places.Count; i++)
            if (names.UnknownPlace(Places[i]) is { } problem) yield return ($"places[{i}]", problem);
    }

    public override void Schedule(TimelineContext timeline, int index)
    {
        var wan = timeline.Wan;
        bool Inside(string place) => Places.Contains(place) || Places.Contains(timeline.RegionOf(place));
        var cut = Enumerable.Range(0, wan.LinkCount).Where(l => Inside(wan.Ends(l)[0]) != Inside(wan.Ends(l)[1])).ToList();
        timeline.At(At, () => { foreach (int l in cut) wan.Cut(l); });
        string what = string.Join(", ", Places);
        timeline.Mark(At, Label ?? $"{what} partitioned");
        if (HealAfter is not { } heal) return;
        timeline.At(At + heal, () => { foreach (int l in cut) wan.Heal(l); });
        timeline.Mark(At + heal, $"partition of {what} healed");
    }
}
