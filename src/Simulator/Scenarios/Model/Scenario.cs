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
    [Description("Faults that hit the system (the misapplied routing change).")]
    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];
    [Description("Operator actions, in any order.")]
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

    /// <summary>Checks what the field constraints cannot: names that refer to other parts of the file, and the fields each action needs.</summary>
    public IEnumerable<(string RelativePath, string Message)> Validate()
    {
        var zones = Topology.Regions.SelectMany(r => r.Zones).Select(z => z.Name).ToList();
        var clusters = Topology.Regions.SelectMany(r => r.Zones).SelectMany(z => z.Clusters).Select(c => c.Name).ToList();
        var apis = ControlPlane.Api.Select(a => a.Name).ToList();
        foreach (var dup in zones.GroupBy(n => n).Where(g => g.Count() > 1))
            yield return ("topology", $"zone \"{dup.Key}\" is defined {dup.Count()} times");
        foreach (var dup in clusters.GroupBy(n => n).Where(g => g.Count() > 1))
            yield return ("topology", $"cluster \"{dup.Key}\" is defined {dup.Count()} times");
        if (SampleInterval > Horizon)
            yield return ("sample_interval", $"expected at most the horizon ({Horizon}), found {SampleInterval}");

        for (int i = 0; i < Faults.Count; i++)
        {
            var f = Faults[i];
            if (!clusters.Contains(f.Cluster))
                yield return ($"faults[{i}].cluster", Unknown("cluster", f.Cluster, clusters));
            if (f.From == f.To)
                yield return ($"faults[{i}].to", $"expected a network other than from ({f.From.ToString().ToLowerInvariant()}), found the same");
        }
        for (int i = 0; i < Operators.Count; i++)
        {
            var a = Operators[i];
            string at = $"operators[{i}]";
            string action = SnakeCase.From(a.Action.ToString());
            if (a.Action is OperatorActionKind.DisableApi or OperatorActionKind.EnableApi)
            {
                if (a.Zone is null) yield return ($"{at}.zone", $"{action} needs a zone");
                else if (!zones.Contains(a.Zone)) yield return ($"{at}.zone", Unknown("zone", a.Zone, zones));
                if (a.Api is null) yield return ($"{at}.api", $"{action} needs an api");
                else if (!apis.Contains(a.Api)) yield return ($"{at}.api", Unknown("api", a.Api, apis));
                continue;
            }
            if (a.Cluster is null) yield return ($"{at}.cluster", $"{action} needs a cluster");
            else if (!clusters.Contains(a.Cluster)) yield return ($"{at}.cluster", Unknown("cluster", a.Cluster, clusters));
            if (a.Action == OperatorActionKind.AddCapacity && a.Nodes is null)
                yield return ($"{at}.nodes", "add_capacity needs nodes (per batch)");
            if (a.Action is OperatorActionKind.EnableNegotiation or OperatorActionKind.ManualRestore && a.Rate is null)
                yield return ($"{at}.rate", $"{action} needs a rate");
        }
        if (AffectedZone is not null && !zones.Contains(AffectedZone))
            yield return ("affected_zone", Unknown("zone", AffectedZone, zones));
        if (Databases is not null)
        {
            var withClusters = Topology.Regions.SelectMany(r => r.Zones).Where(z => z.Clusters.Count > 0).Select(z => z.Name).ToList();
            if (!withClusters.Contains(Databases.Zone))
                yield return ("databases.zone", $"expected a zone with a cluster ({string.Join(", ", withClusters)}), found \"{Databases.Zone}\"{DidYouMean.Hint(Databases.Zone, withClusters)}");
        }
        for (int i = 0; i < Validation.Count; i++)
        {
            var v = Validation[i];
            if (v.Stat == ValidationStat.At && v.At is null)
                yield return ($"validation[{i}].at", "stat at needs at");
            if (v.Stat is ValidationStat.MaxBetween or ValidationStat.MinBetween && (v.From is null || v.To is null))
                yield return ($"validation[{i}]", $"stat {SnakeCase.From(v.Stat.ToString())} needs from and to");
        }
    }

    private static string Unknown(string what, string name, IReadOnlyList<string> known) =>
        $"expected one of the scenario's {what}s ({string.Join(", ", known)}), found \"{name}\"{DidYouMean.Hint(name, known)}";
}
