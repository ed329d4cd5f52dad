using Simulator.Engine;

namespace Simulator.Placement;

/// <summary>
/// The placement kinds by their names in scenario files, for the scenario loader and its validation: which names
/// exist, whether a kind can be satisfied on a layout (before anything runs), and building one.
/// </summary>
public static class PlacementKinds
{
    /// <summary>Every kind's name; <see cref="MostFreePolicy.KindName"/> is the storage model's rule today.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        MostFreePolicy.KindName, RandomPolicy.KindName, RackAwarePolicy.KindName, PowerDomainAwarePolicy.KindName,
        ZoneSpreadPolicy.KindName, CopysetPolicy.KindName, ScatterPolicy.KindName,
    ];

    /// <summary>Whether the kind takes a scatter width S (copyset, scatter).</summary>
    public static bool TakesScatterWidth(string kind) => kind is CopysetPolicy.KindName or ScatterPolicy.KindName;

    /// <summary>
    /// Why <paramref name="kind"/> with R = <paramref name="replicas"/> (and S = <paramref name="scatterWidth"/> where it
    /// takes one) cannot be satisfied on <paramref name="domains"/>, or null: e.g. "rack-aware R=3 needs at least 3
    /// racks, the cluster has 2".
    /// </summary>
    public static string? Check(string kind, FailureDomains domains, int replicas, int scatterWidth = 0) => kind switch
    {
        MostFreePolicy.KindName => DomainSpreadPolicy.Check(domains, replicas, DomainLevel.Node),
        RandomPolicy.KindName => RandomPolicy.Check(domains, replicas),
        RackAwarePolicy.KindName => DomainSpreadPolicy.Check(domains, replicas, DomainLevel.Rack),
        PowerDomainAwarePolicy.KindName => DomainSpreadPolicy.Check(domains, replicas, DomainLevel.PowerDomain),
        ZoneSpreadPolicy.KindName => DomainSpreadPolicy.Check(domains, replicas, DomainLevel.Zone),
        CopysetPolicy.KindName => CopysetPolicy.Check(domains, replicas, scatterWidth),
        ScatterPolicy.KindName => ScatterPolicy.Check(domains, replicas, scatterWidth),
        _ => $"unknown placement kind \"{kind}\"; expected one of {string.Join(", ", Names)}",
    };

    /// <summary>
    /// Builds a policy of <paramref name="kind"/>; <paramref name="build"/> draws the structure of copyset and scatter
    /// (pass a stream of its own, not the placement stream); <paramref name="strict"/> (copyset and scatter only) refuses
    /// to fall back outside their structure. Throws <see cref="ArgumentException"/> with the reason
    /// <see cref="Check"/> gives when the kind cannot be satisfied.
    /// </summary>
    public static PlacementPolicy Create(string kind, FailureDomains domains, int replicas, int scatterWidth, RandomStream build, bool strict = false)
    {
        if (Check(kind, domains, replicas, scatterWidth) is { } problem) throw new ArgumentException(problem, nameof(kind));
        return kind switch
        {
            MostFreePolicy.KindName => new MostFreePolicy(domains, replicas),
            RandomPolicy.KindName => new RandomPolicy(domains, replicas),
            RackAwarePolicy.KindName => new RackAwarePolicy(domains, replicas),
            PowerDomainAwarePolicy.KindName => new PowerDomainAwarePolicy(domains, replicas),
            ZoneSpreadPolicy.KindName => new ZoneSpreadPolicy(domains, replicas),
            CopysetPolicy.KindName => new CopysetPolicy(domains, replicas, scatterWidth, build, strict),
            _ => new ScatterPolicy(domains, replicas, scatterWidth, build, strict),
        };
    }
}
