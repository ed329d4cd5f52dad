using System.ComponentModel;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;
using Simulator.Units;

namespace Simulator.Faults.Kinds;

/// <summary>
/// At a time, one failure domain of a cluster — a rack, a power domain or the zone — fails, and is repaired after a
/// log-normal time drawn once for the whole domain. <see cref="DataLost"/> says what the failure does to the data:
/// a top-of-rack switch or a power feed that dies leaves the disks intact (0 %: the nodes are cut off and come back
/// with their data), a rack that burns loses everything (100 %: the nodes fail for good and come back empty); in
/// between, each node loses its data with that probability. See <see cref="DomainOutage"/> for what happens to the
/// nodes and <c>domain_failures</c> for failures drawn over time. The domain is named by its index: on the uniform
/// layout the domains of a level hold as many nodes as each other, give or take one, and placement does not favour
/// any, so a fixed index loses nothing against one drawn at random; fail several with several faults.
/// </summary>
[ScenarioKind("domain_failure")]
public sealed record DomainFailureFault : ClusterFaultSpec
{
    [Description("What fails: a rack, a power_domain (and its racks) or the zone (the whole cluster).")]
    public required FailureDomainLevel Level { get; init; }
    [Description("Which one: its index among the cluster's domains of that level, from 0 (rack p × racks_per_power_domain + k is the k-th rack of power domain p; the zone is 0).")]
    [NonNegative]
    [Unscaled("an index into the layout, which --scale does not change")]
    public required int Index { get; init; }
    [Description("Share of the domain's nodes that lose their data (each with this probability): 0% a switch or power feed fails, 100% the rack burns.")]
    [Range("0%", "100%")]
    public required Fraction DataLost { get; init; }
    [Description("Time until the domain is repaired, drawn once for it: log-normal. Nodes come back with their data, or empty if they lost it.")]
    public required DurationDistributionSpec Repair { get; init; }

    public override IEnumerable<(string Field, string Message)> CheckNames(ScenarioNames names)
    {
        foreach (var problem in base.CheckNames(names)) yield return problem;
        if (names.DomainsOf(Cluster, DomainOutage.LevelOf(Level)) is not int count || Index < count) yield break;
        string what = SnakeCase.From(Level.ToString()).Replace('_', ' ');
        yield return ("index", $"expected a {what} of cluster {Cluster} (0 to {count - 1}), found {Index}");
    }

    public override void Schedule(TimelineContext timeline, int index)
    {
        var cluster = timeline.Cluster(Cluster);
        var level = DomainOutage.LevelOf(Level);
        var wipe = timeline.Streams.Get("domain-failure-data:" + cluster.Name, index);
        var repair = Repair.Sample(timeline.Streams.Get("domain-failure-repair:" + cluster.Name, index));
        DomainOutage? outage = null;
        timeline.At(At, () => outage = DomainOutage.Begin(cluster, level, Index, DataLost.Value, wipe, $"faults[{index}]"));
        timeline.At(At + repair, () => outage!.End());
        string what = SnakeCase.From(Level.ToString()).Replace('_', ' ');
        string how = DataLost.Value >= 1 ? "lost" : DataLost.Value > 0 ? $"failed ({DataLost} of its nodes' data lost)" : "cut off";
        timeline.Mark(At, Label ?? $"{what} {Index} of {cluster.Name} {how}");
        timeline.Mark(At + repair, $"{what} {Index} of {cluster.Name} repaired");
    }
}
