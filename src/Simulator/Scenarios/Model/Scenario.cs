using Simulator.Faults;
using Simulator.Scenarios;
using System.ComponentModel;
using Simulator.Engine;

namespace Simulator.Scenarios.Model;

/// <summary>The root of a scenario file.</summary>
public sealed record Scenario : IValidatable
{
    [Description("Short name; names the results folder.")]
    [NotEmpty]
    public required string Name { get; init; }
    [Description("What the scenario is and where its numbers come from.")]
    public string? Description { get; init; }
    [Description("The real instant time 0 stands for (ISO 8601), used only to label plots.")]
    public DateTimeOffset? Start { get; init; }
    [Description("Simulated time to run, e.g. 96h.")]
    [Positive]
    public required Duration Horizon { get; init; }
    [Description("Time between two samples of the time series.")]
    [Positive]
    public Duration SampleInterval { get; init; } = Duration.FromMinutes(1);
    [Description("Default run seed (the command line's --seed wins).")]
    [Unscaled("a seed, not a quantity")]
    public long Seed { get; init; } = 1;
    [Description("exact: every retry is an event; aggregated: futile retries are accounted as rates (see README).")]
    public RetryAccounting RetryAccounting { get; init; } = RetryAccounting.Aggregated;
    public required TopologySpec Topology { get; init; }
    [Description("Zone the outage curve, the headline figures and the plots follow; none = the first zone with a cluster.")]
    public string? AffectedZone { get; init; }
    public required ReplicationSpec Replication { get; init; }
    public required ControlPlaneSpec ControlPlane { get; init; }
    public DatabasesSpec? Databases { get; init; }
    [Description("Classes of volumes replicated asynchronously to another region, with failover.")]
    public IReadOnlyList<CrossRegionSpec> CrossRegion { get; init; } = [];

    /// <summary>The name of the replication class of the multi-region databases.</summary>
    public const string DatabasesClass = "databases";

    /// <summary>
    /// The classes that run: <see cref="CrossRegion"/>, then the multi-region databases' volumes as a class named
    /// <see cref="DatabasesClass"/> on the first cluster of the databases' zone.
    /// </summary>
    public IReadOnlyList<CrossRegionSpec> ReplicationClasses
    {
        get
        {
            if (Databases?.MultiRegion is not { } db) return CrossRegion;
            var cluster = Topology.Regions.SelectMany(r => r.Zones).First(z => z.Name == Databases.Zone).Clusters[0];
            return
            [
                .. CrossRegion,
                new CrossRegionSpec
                {
                    Name = DatabasesClass, Cluster = cluster.Name, Count = db.Count, To = db.To, Mode = db.Mode, Every = db.Every,
                    WriteRate = db.WriteRate, Failover = db.Failover, Share = new Units.Fraction(0),
                },
            ];
        }
    }
    [Description("Faults that hit the system, each of a kind (kind: routing_change, …).")]
    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];
    [Description("Operator actions, each of a kind (action: disable_api, …), in any order.")]
    public IReadOnlyList<OperatorActionSpec> Operators { get; init; } = [];
    [Description("Published figures the run is checked against by `replsim validate`.")]
    public IReadOnlyList<ValidationFigureSpec> Validation { get; init; } = [];

    /// <summary>The zone the reports follow: <see cref="AffectedZone"/>, or the first zone with a cluster (else the first zone).</summary>
    public string AffectedZoneName
    {
        get
        {
            var zones = Topology.Regions.SelectMany(r => r.Zones).ToList();
            return AffectedZone ?? zones.FirstOrDefault(z => z.Clusters.Count > 0)?.Name ?? zones[0].Name;
        }
    }

    /// <summary>
    /// Checks what the field constraints cannot: names that refer to other parts of the file, and the fields each action
    /// needs. A rule that reads a field that was not read (it has its own error) is skipped, unless it reports at
    /// that field (then the binder drops it); names are checked against a list only when every name in it was read.
    /// </summary>
    public IEnumerable<(string RelativePath, string Message)> Validate(ValidationContext context)
    {
        var zones = context.IsBound("topology.regions[*].zones[*].name")
            ? Topology.Regions.SelectMany((r, i) => r.Zones.Select((z, j) => (Path: $"topology.regions[{i}].zones[{j}].name", z.Name))).ToList()
            : null;
        var clusters = context.IsBound("topology.regions[*].zones[*].clusters[*].name")
            ? Topology.Regions.SelectMany((r, i) => r.Zones.SelectMany((z, j) => z.Clusters.Select((c, k) =>
                (Path: $"topology.regions[{i}].zones[{j}].clusters[{k}].name", c.Name)))).ToList()
            : null;
        var apis = context.IsBound("control_plane.api[*].name") ? ControlPlane.Api.Select(a => a.Name).ToList() : null;
        var zoneNames = zones?.Select(z => z.Name).ToList();
        var clusterNames = clusters?.Select(c => c.Name).ToList();
        foreach (var dup in (zones ?? []).GroupBy(z => z.Name).Where(g => g.Count() > 1))
            yield return (dup.ElementAt(1).Path, $"zone \"{dup.Key}\" is defined {dup.Count()} times");
        foreach (var dup in (clusters ?? []).GroupBy(c => c.Name).Where(g => g.Count() > 1))
            yield return (dup.ElementAt(1).Path, $"cluster \"{dup.Key}\" is defined {dup.Count()} times");
        if (context.IsBound("sample_interval", "horizon") && SampleInterval > Horizon)
            yield return context.IsGiven("sample_interval")
                ? ("sample_interval", $"expected at most the horizon ({Horizon}), found {SampleInterval}")
                : ("horizon", $"expected at least the sample interval ({SampleInterval}, the default), found {Horizon}");

        var clusterSpecs = context.IsBound("topology.regions[*].zones[*].clusters[*]", "topology.regions[*].zones[*].clusters[*].name",
                "topology.regions[*].zones[*].name")
            ? Topology.Regions.SelectMany(r => r.Zones.SelectMany(z => z.Clusters.Select(c => (Zone: z.Name, Cluster: c)))).DistinctBy(c => c.Cluster.Name).ToList()
            : null;
        var layouts = clusterSpecs?.ToDictionary(c => c.Cluster.Name, c => (c.Cluster.PowerDomains, c.Cluster.RacksPerPowerDomain));
        var spans = clusterSpecs?.ToDictionary(c => c.Cluster.Name, c => (IReadOnlyList<string>)(c.Cluster.Zones?.Distinct().ToList() ?? [c.Zone]));
        var regionNames = context.IsBound("topology.regions[*].name") ? Topology.Regions.Select(r => r.Name).ToList() : null;
        var names = new ScenarioNames(zoneNames, clusterNames, apis, layouts, spans)
        {
            Regions = regionNames,
            Links = context.IsBound("topology.links[*].name") ? Topology.Links.Select(l => l.Name).ToList() : null,
            RegionOfPlace = regionNames is null || zoneNames is null ? null
                : Topology.Regions.SelectMany(r => r.Zones.Select(z => (z.Name, Region: r.Name)).Append((Name: r.Name, Region: r.Name)))
                    .DistinctBy(p => p.Name).ToDictionary(p => p.Name, p => p.Region),
            ClusterZone = clusterSpecs?.ToDictionary(c => c.Cluster.Name, c => c.Zone),
            ClusterVolumes = clusterSpecs?.ToDictionary(c => c.Cluster.Name, c => c.Cluster.Volumes),
        };
        if (context.IsBound("horizon", "sample_interval", "topology.regions[*].zones[*].clusters[*].volumes",
                "topology.regions[*].zones[*].clusters[*].nodes", "topology.links", "cross_region"))
            foreach (var limit in ModelLimits.Check(this, context.IsGiven("sample_interval") ? "sample_interval" : "horizon"))
                yield return limit;
        foreach (var dup in (regionNames ?? []).Select((n, i) => (n, i)).GroupBy(x => x.n).Where(g => g.Count() > 1))
            yield return ($"topology.regions[{dup.ElementAt(1).i}].name", $"region \"{dup.Key}\" is defined {dup.Count()} times");
        foreach (var problem in CrossRegionRules.Check(this, context, names)) yield return problem;
        for (int i = 0; i < Faults.Count; i++)
            if (Faults[i] is { } fault)
                foreach (var (field, message) in fault.CheckNames(names))
                    yield return ($"faults[{i}].{field}", message);
        for (int i = 0; i < Operators.Count; i++)
            if (Operators[i] is { } action)
                foreach (var (field, message) in action.CheckNames(names))
                    yield return ($"operators[{i}].{field}", message);
        foreach (var problem in Simulator.Faults.OperatorRules.Check(Operators, context, names)) yield return problem;
        if (AffectedZone is not null && zoneNames is not null && !zoneNames.Contains(AffectedZone))
            yield return ("affected_zone", ScenarioNames.Message("zone", AffectedZone, zoneNames));
        if (Databases is not null && context.IsBound("databases.zone", "topology.regions[*].zones[*].name", "topology.regions[*].zones[*].clusters"))
        {
            var withClusters = Topology.Regions.SelectMany(r => r.Zones).Where(z => z.Clusters.Count > 0).Select(z => z.Name).ToList();
            if (!withClusters.Contains(Databases.Zone))
                yield return ("databases.zone", $"expected a zone with a cluster ({string.Join(", ", withClusters)}), found \"{Databases.Zone}\"{DidYouMean.Hint(Databases.Zone, withClusters)}");
        }
        for (int i = 0; i < Validation.Count; i++)
        {
            var v = Validation[i];
            string at = $"validation[{i}]";
            if (!context.IsBound($"{at}.stat")) continue;
            if (v.Stat == ValidationStat.At && v.At is null)
                yield return ($"{at}.at", "stat at needs at");
            if (v.Stat is ValidationStat.MaxBetween or ValidationStat.MinBetween or ValidationStat.Onset && (v.From is null || v.To is null) && context.IsBound($"{at}.from", $"{at}.to"))
                yield return (at, $"stat {SnakeCase.From(v.Stat.ToString())} needs from and to");
            if (v.Stat == ValidationStat.Onset && v.Threshold is null && context.IsBound($"{at}.threshold"))
                yield return (at, "stat onset needs a threshold");
            if (v.Stat != ValidationStat.Onset && v.Threshold is not null && context.IsBound($"{at}.threshold"))
                yield return ($"{at}.threshold", $"only stat onset takes a threshold, not {SnakeCase.From(v.Stat.ToString())}");
        }
    }
}
