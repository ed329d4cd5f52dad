using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Experiments;

/// <summary>
/// What an experiment will take, worked out before it starts so that one that cannot fit is refused before it
/// allocates: the memory of the units in flight at once (each holds its model — volumes, nodes — and its time series
/// until it is written) and the bytes it writes (every unit's series twice: in its unit file, then in the final
/// <c>timeseries.csv</c>). Deliberately generous: a row of the series is counted for every metric of every scope at
/// every sample (<see cref="ModelLimits.SeriesRows"/>), at the sizes measured on the shipped scenarios (a CSV row about 60 bytes, a row in memory about
/// 64 bytes, a volume about 150 bytes with its replicas and lists, a node about 2 kB with its links).
/// </summary>
public sealed record ResourceEstimate(long MemoryBytes, long OutputBytes, long SeriesRows)
{
    private const long BytesPerVolume = 150, BytesPerNode = 2_048, RowBytesInMemory = 64, RowBytesOnDisk = 60;
    private const long BaseBytes = 200L << 20;

    /// <summary>The estimate of the units of <paramref name="shard"/> of <paramref name="setup"/>, <paramref name="threads"/> at once.</summary>
    public static ResourceEstimate Of(ExperimentSetup setup, Shard shard, int threads)
    {
        var plan = setup.Plan;
        long worstUnitMemory = 0, rows = 0;
        // Replications of one (variant, point) differ only in their seeds: each pair is scaled and sized once.
        foreach (var group in plan.Units(shard).GroupBy(u => (u.Variant, u.Point)))
        {
            var model = ScenarioScaler.Scale(setup.Scenario(group.Key.Variant, group.Key.Point).Model, plan.Scale);
            var interval = plan.SampleInterval is { } s ? Duration.Parse(s) : model.SampleInterval;
            long unitRows = ModelLimits.SeriesRows(model, interval);
            var regions = model.Topology?.Regions ?? []; // a scenario built in code may leave parts out
            long volumes = regions.Sum(r => r.Zones.Sum(z => z.Clusters.Sum(c => (long)c.Volumes)));
            long nodes = regions.Sum(r => r.Zones.Sum(z => z.Clusters.Sum(c => (long)c.Nodes)));
            long memory = Add(Add(Saturating(volumes, BytesPerVolume), Saturating(nodes, BytesPerNode)), Saturating(unitRows, RowBytesInMemory));
            worstUnitMemory = Math.Max(worstUnitMemory, memory);
            rows = Add(rows, Saturating(unitRows, group.Count()));
        }
        int inFlight = Math.Max(1, Math.Min(threads, plan.UnitCountOf(shard)));
        return new ResourceEstimate(Add(BaseBytes, Saturating(worstUnitMemory, inFlight)), Saturating(rows, 2 * RowBytesOnDisk), rows);
    }

    /// <summary>
    /// Why the run does not fit in <paramref name="availableMemory"/> bytes of memory or <paramref name="freeDisk"/>
    /// bytes of disk, or null when it fits.
    /// </summary>
    public string? Refusal(long availableMemory, long freeDisk)
    {
        var problems = new List<string>();
        if (MemoryBytes > availableMemory)
            problems.Add($"about {Gb(MemoryBytes)} of memory, and the machine has {Gb(availableMemory)}");
        if (OutputBytes > freeDisk)
            problems.Add($"about {Gb(OutputBytes)} of output ({SeriesRows:N0} rows of time series), and the disk has {Gb(freeDisk)} free");
        return problems.Count == 0 ? null : "this experiment would need " + string.Join("; and ", problems);
    }

    private static string Gb(long bytes) => $"{bytes / 1e9:0.##} GB";

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long Saturating(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;
}
