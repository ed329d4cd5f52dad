using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;

namespace Simulator.Faults.Kinds;

/// <summary>
/// A generator of link cuts: from <see cref="FaultSpec.At"/>, each listed link (every link when none is listed) is cut
/// after an exponential time of mean <see cref="Mtbf"/> and healed after a log-normal repair time; then its next
/// time to failure starts. Each link draws from a stream of its own.
/// </summary>
[ScenarioKind("link_failures")]
public sealed record LinkFailuresFault : FaultSpec
{
    [Description("The links that fail; none: every link.")]
    public IReadOnlyList<string> Links { get; init; } = [];
    [Description("Mean time between failures of one link.")]
    [Positive]
    public required Duration Mtbf { get; init; }
    [Description("Time until a cut link is healed: log-normal.")]
    public required DurationDistributionSpec Repair { get; init; }

    public override IEnumerable<(string Field, string Message)> CheckNames(ScenarioNames names)
    {
        for (int i = 0; i < Links.Count; i++)
            if (names.UnknownLink(Links[i]) is { } problem) yield return ($"links[{i}]", problem);
    }

    public override void Schedule(TimelineContext timeline, int index)
    {
        var wan = timeline.Wan;
        var links = Links.Count == 0 ? Enumerable.Range(0, wan.LinkCount).ToList() : Links.Select(wan.LinkIndex).ToList();
        foreach (int l in links)
        {
            var clock = new LinkClock(timeline.Sim, wan, l, timeline.Streams.Get($"link-failures:{index}", l), Mtbf, Repair);
            timeline.At(At, clock.Start);
        }
        timeline.Mark(At, Label ?? $"link failures (MTBF {Mtbf})");
    }

    private sealed class LinkClock(Simulation sim, CrossRegion.WanNetwork wan, int link, RandomStream stream, Duration mtbf,
        DurationDistributionSpec repair) : IEventHandler
    {
        private const int EvCut = 1, EvHeal = 2;

        public void Start() => sim.ScheduleAfter(Duration.FromSeconds(stream.NextExponential(1 / mtbf.TotalSeconds)), this, EvCut);

        void IEventHandler.OnEvent(int kind, long arg)
        {
            if (kind == EvCut)
            {
                wan.Cut(link);
                sim.ScheduleAfter(repair.Sample(stream), this, EvHeal);
            }
            else
            {
                wan.Heal(link);
                Start();
            }
        }
    }
}
