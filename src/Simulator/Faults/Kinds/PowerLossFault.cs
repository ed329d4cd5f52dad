using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;
using Simulator.Units;

namespace Simulator.Faults.Kinds;

/// <summary>
/// Part of a cluster loses power, and its network gear with it: the nodes are cut off (their replicas unreachable)
/// until their power comes back, after a log-normal delay of its own for each node, and the network after
/// <see cref="ConnectivityAfter"/>. A share of the nodes come back without their data. A volume with some replicas
/// dark re-mirrors from the others; one whose every replica lost power is blocked, and once reachable again its
/// consistency is unknown: it waits for a recovery snapshot (operator action <c>recovery_snapshots</c>).
/// </summary>
[ScenarioKind("power_loss")]
public sealed record PowerLossFault : ClusterFaultSpec, IValidatable
{
    [Description("Share of the cluster's nodes that lose power, drawn at random by this fault (or give power_domains).")]
    [Range("0%", "100%")]
    public Fraction? Portion { get; init; }
    [Description("The power domains (0, 1, …) whose every node loses power (or give portion); in a cluster spanning zones, power domain z·P + p is the p-th of the z-th zone of its `zones` (P: its power_domains).")]
    [NotEmpty]
    public IReadOnlyList<int>? PowerDomains { get; init; }
    [Description("Time from the loss until each node has power again: log-normal (sigma 0: the same for all).")]
    public required DurationDistributionSpec RestoreAfter { get; init; }
    [Description("Time from the loss until the network gear is back; a node is reachable once it has power and network. None = with its power.")]
    [NonNegative]
    public Duration? ConnectivityAfter { get; init; }
    [Description("Share of the nodes that lost power that come back without their data (their replicas are gone).")]
    [Range("0%", "100%")]
    public Fraction WithoutData { get; init; } = Fraction.FromPercent(0);

    public IEnumerable<(string RelativePath, string Message)> Validate(ValidationContext context)
    {
        if (context.IsBound("portion", "power_domains") && (Portion is null) == (PowerDomains is null))
            yield return ("", "a power loss takes either portion (a share of the nodes) or power_domains (a list), not both or neither");
    }

    public override IEnumerable<(string Field, string Message)> CheckNames(ScenarioNames names)
    {
        foreach (var problem in base.CheckNames(names)) yield return problem;
        if (PowerDomains is null || names.PowerDomainsOf(Cluster) is not int count) yield break;
        for (int i = 0; i < PowerDomains.Count; i++)
            if (PowerDomains[i] < 0 || PowerDomains[i] >= count)
                yield return ($"power_domains[{i}]", $"expected a power domain of cluster {Cluster} (0 to {count - 1}), found {PowerDomains[i]}");
    }

    public override void Schedule(TimelineContext timeline, int index)
    {
        var cluster = timeline.Cluster(Cluster);
        int[] hit;
        string what;
        if (PowerDomains is { } domains)
        {
            hit = Enumerable.Range(0, cluster.NodeCount).Where(n => domains.Contains(cluster.Domains.PowerDomainOf(n))).ToArray();
            what = $"power domain{(domains.Count > 1 ? "s" : "")} {string.Join(", ", domains)} of {cluster.Name}";
        }
        else
        {
            int share = (int)Math.Round(Portion!.Value.Value * cluster.NodeCount);
            var nodes = Enumerable.Range(0, cluster.NodeCount).ToArray();
            timeline.Streams.Get("power-loss:" + cluster.Name, index).ShuffleFirst(nodes.AsSpan(), share);
            hit = nodes[..share];
            what = $"{Portion} of {cluster.Name}";
        }
        int dark = hit.Length;
        timeline.At(At, () => cluster.LosePower(hit, $"faults[{index}]"));
        timeline.Mark(At, Label ?? $"{what} lost power".ToLowerInvariant());

        // Each node's return: power after its own delay, reachable once the network is back too.
        var restore = timeline.Streams.Get("power-restore:" + cluster.Name, index);
        var wipe = timeline.Streams.Get("power-without-data:" + cluster.Name, index);
        var network = ConnectivityAfter ?? Duration.Zero;
        var first = Duration.MaxValue;
        foreach (int n in hit)
        {
            var power = RestoreAfter.Sample(restore);
            var back = power > network ? power : network;
            bool empty = wipe.NextDouble() < WithoutData.Value;
            first = power < first ? power : first;
            int node = n;
            if (network > power) timeline.At(At + power, () => cluster.PowerBackWithoutNetwork(node));
            timeline.At(At + back, () =>
            {
                if (empty) cluster.ReturnEmpty(node);
                else cluster.RestorePower([node]);
            });
        }
        if (dark > 0) timeline.Mark(At + first, "power restoration begins");
        if (dark > 0 && ConnectivityAfter is { } connectivity) timeline.Mark(At + connectivity, "network connectivity restored");
    }
}
