using Simulator.Engine;
using Simulator.Scenarios.Model;

namespace Simulator.Scenarios;

/// <summary>
/// The largest model replsim simulates, whatever the machine: a scenario past one of these is refused at the field
/// that passes it (exit code 2), before anything is built. Reading the file is bounded by <see cref="YamlLimits"/>; these
/// bound what the values ask for. They are checked on the file as read, and again on the model an experiment runs
/// (after <c>--scale</c> and <c>--sample-interval</c>). They sit well above the shipped scenarios (the largest, one
/// million volumes on 3,000 nodes, 8,761 samples) and below what a process can hold: a volume costs about 150 bytes, a
/// node about 2 kB, a row of the series 64 bytes (<c>ResourceEstimate</c>, which also refuses what this machine cannot hold).
/// </summary>
public static class ModelLimits
{
    /// <summary>Volumes in all clusters together (about 3 GB of volume tables).</summary>
    public const long MaxVolumes = 20_000_000;
    /// <summary>Storage nodes in all clusters together (about 2 GB of node tables).</summary>
    public const long MaxNodes = 1_000_000;
    /// <summary>Regions.</summary>
    public const int MaxRegions = 64;
    /// <summary>Zones in all regions together.</summary>
    public const int MaxZones = 256;
    /// <summary>Clusters in all zones together.</summary>
    public const int MaxClusters = 1_024;
    /// <summary>Samples of the time series in one replication: the horizon divided by the sample interval, plus one.</summary>
    public const long MaxSamples = 1_000_000;
    /// <summary>Rows of the time series of one replication: samples × scopes × metrics (about 6.4 GB in memory, 6 GB of CSV).</summary>
    public const long MaxSeriesRows = 100_000_000;

    /// <summary>Metrics counted per scope in a row estimate: more than any scope has, so the estimate is an upper bound.</summary>
    internal const long MetricsPerScope = 20;

    /// <summary>
    /// The limits <paramref name="model"/> passes, each at the field it concerns (a path from the scenario's root, as in
    /// errors). <paramref name="sampleInterval"/> replaces the scenario's when given (<c>--sample-interval</c>);
    /// <paramref name="seriesPath"/> is where too many samples or rows are reported: the field that sets the interval
    /// when one does, else <c>horizon</c>.
    /// </summary>
    public static IEnumerable<(string Path, string Message)> Check(Scenario model, string seriesPath, Duration? sampleInterval = null)
    {
        var regions = model.Topology?.Regions ?? [];
        if (regions.Count > MaxRegions)
            yield return ($"topology.regions[{MaxRegions}]", $"expected at most {MaxRegions:N0} regions, found {regions.Count:N0}");
        var zones = regions.SelectMany((r, i) => r.Zones.Select((z, j) => (Path: $"topology.regions[{i}].zones[{j}]", Zone: z))).ToList();
        if (zones.Count > MaxZones)
            yield return (zones[MaxZones].Path, $"expected at most {MaxZones:N0} zones in all regions, found {zones.Count:N0}");
        var clusters = zones.SelectMany(z => z.Zone.Clusters.Select((c, k) => (Path: $"{z.Path}.clusters[{k}]", Cluster: c))).ToList();
        if (clusters.Count > MaxClusters)
            yield return (clusters[MaxClusters].Path, $"expected at most {MaxClusters:N0} clusters in all zones, found {clusters.Count:N0}");
        if (clusters.Count > 0)
        {
            long volumes = clusters.Sum(c => (long)c.Cluster.Volumes), nodes = clusters.Sum(c => (long)c.Cluster.Nodes);
            if (volumes > MaxVolumes)
                yield return (clusters.MaxBy(c => c.Cluster.Volumes).Path + ".volumes", Total("volumes", volumes, MaxVolumes, clusters.Count));
            if (nodes > MaxNodes)
                yield return (clusters.MaxBy(c => c.Cluster.Nodes).Path + ".nodes", Total("nodes", nodes, MaxNodes, clusters.Count));
        }
        var interval = sampleInterval ?? model.SampleInterval;
        if (interval.Ticks <= 0 || model.Horizon.Ticks <= 0) yield break;
        long samples = Samples(model.Horizon, interval);
        string where = seriesPath;
        if (samples > MaxSamples)
            yield return (where, $"expected at most {MaxSamples:N0} samples (horizon {model.Horizon} ÷ sample interval {interval}), found {samples:N0}");
        else if (SeriesRows(model, interval) is var rows && rows > MaxSeriesRows)
            yield return (where, $"expected at most {MaxSeriesRows:N0} rows of time series a replication ({samples:N0} samples × " +
                $"{Scopes(model):N0} scopes × {MetricsPerScope} metrics), found {rows:N0}");
    }

    /// <summary>Samples of a replication: at 0, every interval, and at the horizon.</summary>
    public static long Samples(Duration horizon, Duration interval) => horizon.Ticks / Math.Max(1, interval.Ticks) + 2;

    /// <summary>An upper bound of the rows of time series of one replication: samples × scopes × <see cref="MetricsPerScope"/>.</summary>
    public static long SeriesRows(Scenario model, Duration interval)
    {
        long samples = Samples(model.Horizon, interval), scopes = Scopes(model);
        return scopes != 0 && samples > long.MaxValue / (scopes * MetricsPerScope) ? long.MaxValue : samples * scopes * MetricsPerScope;
    }

    /// <summary>The scopes the series has rows for: each region, zone, link and replication class, three per cluster.</summary>
    internal static long Scopes(Scenario model)
    {
        var regions = model.Topology?.Regions ?? []; // a scenario built in code may leave parts out
        long clusters = regions.Sum(r => r.Zones.Sum(z => (long)z.Clusters.Count));
        return regions.Count + regions.Sum(r => (long)r.Zones.Count) + 3 * clusters
            + (model.Topology?.Links.Count ?? 0) + (model.CrossRegion?.Count ?? 0);
    }

    private static string Total(string what, long found, long limit, int clusters) => clusters == 1
        ? $"expected at most {limit:N0} {what}, found {found:N0}"
        : $"expected at most {limit:N0} {what} in all clusters, found {found:N0} (the largest cluster's shown)";
}
