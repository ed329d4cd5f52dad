using Simulator.Scenarios;
using System.ComponentModel;
using Simulator.Units;

namespace Simulator.Scenarios.Model;

/// <summary>A storage cluster: nodes on a primary and a secondary network, holding replicated volumes.</summary>
public sealed record ClusterSpec : IValidatable
{
    [NotEmpty]
    public required string Name { get; init; }
    [Description("Storage nodes in the cluster (multiplied by --scale).")]
    [Positive]
    [Scaled(Minimum = 3)]
    public required int Nodes { get; init; }
    [Description("Volumes, each with `replicas` replicas on distinct nodes (multiplied by --scale).")]
    [Positive]
    [Scaled(Minimum = 1)]
    public required int Volumes { get; init; }
    [Description("The zones of the cluster's region its nodes are spread over, in turn (node n in the (n mod Z)-th); must include the zone it is listed under. None = that zone alone. Its volumes are counted in that zone's metrics only.")]
    [NotEmpty]
    public IReadOnlyList<string>? Zones { get; init; }
    [Description("Power domains in each zone of the cluster (parts of a zone fed by one power supply); a zone's nodes are spread over them in turn. Power domain z·P + p is the p-th of the z-th zone of `zones`.")]
    [Range(1, 10_000)]
    [Unscaled("the layout: --scale changes the nodes in each domain, not the domains")]
    public int PowerDomains { get; init; } = 1;
    [Description("Racks in each power domain; a power domain's nodes are spread over its racks in turn.")]
    [Range(1, 10_000)]
    [Unscaled("the layout: --scale changes the nodes in each rack, not the racks")]
    public int RacksPerPowerDomain { get; init; } = 1;
    [Description("How replicas are placed: most_free (the 2011 rule), random, rack_aware, power_domain_aware, zone_spread, copyset, scatter.")]
    public PlacementKind Placement { get; init; } = PlacementKind.MostFree;
    [Description("Scatter width S of copyset and scatter placement.")]
    [Positive]
    [Unscaled("a number of nodes a replica set spreads over, not a total")]
    public int? ScatterWidth { get; init; }
    [Description("Replicas of each volume, on distinct nodes (1 to 5).")]
    [Range(1, 5)]
    [Unscaled("per volume")]
    public int Replicas { get; init; } = 2;
    [Description("When a volume serves writes: all (every replica; blocking re-mirroring, EBS in 2011) or majority.")]
    public WriteRule WriteRule { get; init; } = WriteRule.All;
    [Description("Volume sizes: log-normal.")]
    public required SizeDistributionSpec VolumeSize { get; init; }
    [Description("Writes per volume: log-normal rate; a volume notices a lost partner on its first write.")]
    public required RateDistributionSpec VolumeWrites { get; init; }
    [Description("Free share of the cluster's raw capacity before the incident; node capacity follows from it.")]
    [Range("0%", "90%")]
    public required Fraction FreeCapacity { get; init; }
    [Description("Traffic each node offers to the network it is routed on (replication and client I/O).")]
    [Positive]
    [Unscaled("per node")]
    public required Bandwidth NodeTraffic { get; init; }
    [Description("Node-to-node chatter each node keeps on the secondary network.")]
    [NonNegative]
    [Unscaled("per node")]
    public Bandwidth SecondaryChatter { get; init; } = new(0);
    [Description("Capacity of the primary network (multiplied by --scale).")]
    [Positive]
    [Scaled]
    public required Bandwidth PrimaryNetwork { get; init; }
    [Description("Capacity of the secondary network (multiplied by --scale).")]
    [Positive]
    [Scaled]
    public required Bandwidth SecondaryNetwork { get; init; }
    [Description("Capacity of each node's network interface, which carries the node's own traffic and the copies from and to it; " +
        "when given, copies share it with each other. Not given: interfaces never limit a copy.")]
    [Positive]
    [Unscaled("per node")]
    public Bandwidth? NodeNetwork { get; init; }

    /// <summary>Zones the cluster's nodes are spread over: the distinct names of <see cref="Zones"/>, or 1 when it has none.</summary>
    public int ZoneCount => Zones is { Count: > 0 } zones ? zones.Distinct().Count() : 1;

    /// <summary>Power domains of the whole cluster: <see cref="PowerDomains"/> in each of its zones.</summary>
    public int TotalPowerDomains => PowerDomains * ZoneCount;

    /// <summary>The kind's name in the placement module.</summary>
    public string PlacementName => SnakeCase.From(Placement.ToString());

    public IEnumerable<(string RelativePath, string Message)> Validate(ValidationContext context)
    {
        if (Zones is not null && context.IsBound("zones[*]"))
            for (int i = 0; i < Zones.Count; i++)
                if (Zones.Take(i).Count(z => z == Zones[i]) == 1) // its second occurrence
                    yield return ($"zones[{i}]", $"zone \"{Zones[i]}\" is listed {Zones.Count(z => z == Zones[i])} times");
        if (!context.IsBound("zones[*]", "nodes", "replicas", "power_domains", "racks_per_power_domain", "placement", "scatter_width") || Nodes < 1
            || Nodes > ModelLimits.MaxNodes) yield break; // past the limit: refused as such, and no layout is built for it
        bool takesWidth = Simulator.Placement.PlacementKinds.TakesScatterWidth(PlacementName);
        if (takesWidth && ScatterWidth is null) { yield return ("placement", $"{PlacementName} placement needs a scatter_width"); yield break; }
        if (!takesWidth && ScatterWidth is not null) { yield return ("scatter_width", $"only copyset and scatter placement take a scatter_width, not {PlacementName}"); yield break; }
        var domains = Simulator.Placement.FailureDomains.Uniform(Nodes, ZoneCount, PowerDomains, RacksPerPowerDomain);
        if (Simulator.Placement.PlacementKinds.Check(PlacementName, domains, Replicas, ScatterWidth ?? 0) is { } problem)
            yield return (context.IsGiven("placement") ? "placement" : "replicas", problem);
        else if (context.IsBound("free_capacity") && PlacementCapacity.Check(this) is { } full)
            yield return ("nodes", full);
    }
}
