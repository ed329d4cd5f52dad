using System.ComponentModel;
using Simulator.Engine;
using Simulator.Placement;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Units;

namespace Simulator.Faults.Kinds;

/// <summary>
/// A generator of failures of whole failure domains: from <see cref="FaultSpec.At"/>, each domain of
/// <see cref="Level"/> in a cluster (those it has then) fails after a lifetime drawn from a Weibull distribution
/// (shape 1: exponential) with mean <see cref="Mttf"/>, is repaired after a log-normal time, and starts its next
/// lifetime: an alternating renewal process per domain, down a share E[repair] / (MTTF + E[repair]) of the time. A
/// failure does to the domain's nodes what <c>domain_failure</c> does (<see cref="DomainOutage"/>): each loses its
/// data with probability <see cref="DataLost"/>, the others are cut off with theirs. Each domain draws from a stream
/// of its own, so adding a domain or another fault leaves the others' failures where they were.
/// </summary>
[ScenarioKind("domain_failures")]
public sealed record DomainFailuresFault : ClusterFaultSpec
{
    [Description("What fails: each rack, each power_domain (with its racks) or the zone (the whole cluster), independently.")]
    public required FailureDomainLevel Level { get; init; }
    [Description("Mean time to failure of one domain, e.g. 10y.")]
    [Positive]
    public required Duration Mttf { get; init; }
    [Description("Weibull shape of the lifetimes: 1 is exponential, below 1 early failures, above 1 wear-out.")]
    [Range(0.1, 10)]
    public double Shape { get; init; } = 1;
    [Description("Share of a failed domain's nodes that lose their data (each with this probability): 0% a switch or power feed fails, 100% the rack burns.")]
    [Range("0%", "100%")]
    public required Fraction DataLost { get; init; }
    [Description("Time until a failed domain is repaired, drawn once per failure: log-normal. Nodes come back with their data, or empty if they lost it.")]
    public required DurationDistributionSpec Repair { get; init; }

    public override void Schedule(TimelineContext timeline, int index)
    {
        var cluster = timeline.Cluster(Cluster);
        var level = DomainOutage.LevelOf(Level);
        var lifetimes = WeibullLifetimes.WithMean(Mttf.TotalSeconds, Shape);
        for (int d = 0; d < cluster.Domains.DomainCount(level); d++)
        {
            var stream = timeline.Streams.Get($"domain-failures:{cluster.Name}:{index}", d);
            var clock = new DomainClock(timeline.Sim, cluster, level, d, stream, this, lifetimes, $"faults[{index}]");
            timeline.At(At, clock.NextLife);
        }
        string what = SnakeCase.From(Level.ToString()).Replace('_', ' ');
        timeline.Mark(At, Label ?? $"independent {what} failures in {cluster.Name} (MTTF {Mttf})");
    }

    /// <summary>One domain's alternation of lifetimes and repairs; the stream draws the lifetime, the nodes' data loss, the repair.</summary>
    private sealed class DomainClock(Simulation sim, StorageCluster cluster, DomainLevel level, int domain, RandomStream stream,
        DomainFailuresFault spec, WeibullLifetimes lifetimes, string source) : IEventHandler
    {
        private const int EvFail = 1, EvRepair = 2;
        private DomainOutage? _outage;

        public void NextLife() => sim.ScheduleAfter(lifetimes.Sample(stream), this, EvFail, 0);

        void IEventHandler.OnEvent(int kind, long arg)
        {
            if (kind == EvFail)
            {
                _outage = DomainOutage.Begin(cluster, level, domain, spec.DataLost.Value, stream, source);
                sim.ScheduleAfter(spec.Repair.Sample(stream), this, EvRepair, 0);
                return;
            }
            _outage!.End();
            _outage = null;
            NextLife();
        }
    }
}
