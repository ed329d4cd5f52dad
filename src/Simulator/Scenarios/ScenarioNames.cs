namespace Simulator.Scenarios;

/// <summary>
/// The names a scenario defines (zones, clusters, API requests), for the rules of parts that refer to them. A list
/// is null when one of its names could not be read (that name has its own error): then nothing is checked against it.
/// </summary>
public sealed class ScenarioNames(IReadOnlyList<string>? zones, IReadOnlyList<string>? clusters, IReadOnlyList<string>? apis,
    IReadOnlyDictionary<string, (int PowerDomains, int RacksPerPowerDomain)>? layouts = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? clusterZones = null)
{
    /// <summary>
    /// The power domains of a cluster, over all its zones (power domains per zone × zones), or null when unknown (the
    /// cluster's fields could not be read).
    /// </summary>
    public int? PowerDomainsOf(string cluster) => DomainsOf(cluster, Placement.DomainLevel.PowerDomain);

    /// <summary>
    /// The domains of a level in a cluster (<see cref="Placement.FailureDomains"/>: power domains are numbered across
    /// the cluster's zones, racks across its power domains), or null when unknown. Nodes are not counted: they scale,
    /// the layout does not.
    /// </summary>
    public int? DomainsOf(string cluster, Placement.DomainLevel level)
    {
        if (layouts is null || !layouts.TryGetValue(cluster, out var layout)) return null;
        int zones = ZonesOf(cluster)?.Count ?? 1;
        return level switch
        {
            Placement.DomainLevel.Zone => zones,
            Placement.DomainLevel.PowerDomain => zones * layout.PowerDomains,
            Placement.DomainLevel.Rack => zones * layout.PowerDomains * layout.RacksPerPowerDomain,
            _ => null,
        };
    }

    /// <summary>
    /// The zones a cluster's nodes are spread over, in the order of its <c>zones</c> (the zone it is listed under when
    /// it has none), or null when unknown.
    /// </summary>
    public IReadOnlyList<string>? ZonesOf(string cluster) => clusterZones is not null && clusterZones.TryGetValue(cluster, out var spanned) ? spanned : null;

    public IReadOnlyList<string>? Zones { get; } = zones;
    /// <summary>The regions' names, or null when one could not be read.</summary>
    public IReadOnlyList<string>? Regions { get; init; }
    /// <summary>The links' names, or null when one could not be read.</summary>
    public IReadOnlyList<string>? Links { get; init; }
    /// <summary>The region of each zone (and of each region, itself), or null when unknown.</summary>
    public IReadOnlyDictionary<string, string>? RegionOfPlace { get; init; }
    /// <summary>The volumes of each cluster, or null when unknown.</summary>
    public IReadOnlyDictionary<string, int>? ClusterVolumes { get; init; }
    /// <summary>The home zone of each cluster, or null when unknown.</summary>
    public IReadOnlyDictionary<string, string>? ClusterZone { get; init; }
    public IReadOnlyList<string>? Clusters { get; } = clusters;
    public IReadOnlyList<string>? Apis { get; } = apis;

    /// <summary>The problem with <paramref name="name"/> as a zone's name, or null when it names one (or cannot be checked).</summary>
    public string? UnknownZone(string name) => Unknown("zone", name, Zones);
    public string? UnknownCluster(string name) => Unknown("cluster", name, Clusters);
    public string? UnknownApi(string name) => Unknown("api", name, Apis);
    public string? UnknownRegion(string name) => Unknown("region", name, Regions);
    public string? UnknownLink(string name) => Unknown("link", name, Links);

    /// <summary>The problem with <paramref name="name"/> as a place (a region or a zone), or null when it names one (or cannot be checked).</summary>
    public string? UnknownPlace(string name) =>
        Regions is null || Zones is null || Regions.Contains(name) || Zones.Contains(name) ? null
            : $"expected a region or a zone ({string.Join(", ", Regions.Concat(Zones).Distinct())}), found \"{name}\"{DidYouMean.Hint(name, [.. Regions.Concat(Zones)])}";

    private static string? Unknown(string what, string? name, IReadOnlyList<string>? known) =>
        name is null || known is null || known.Contains(name) ? null : Message(what, name, known);

    /// <summary>"expected one of the scenario's clusters (a, b), found "c"; did you mean …".</summary>
    public static string Message(string what, string name, IReadOnlyList<string> known) =>
        $"expected one of the scenario's {what}s ({string.Join(", ", known.Distinct())}), found \"{name}\"{DidYouMean.Hint(name, known)}";
}
