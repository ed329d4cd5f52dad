using Simulator.Engine;

namespace Simulator.Experiments;

/// <summary>How to run a scenario once.</summary>
/// <param name="Seed">Run seed; every random stream derives from it.</param>
/// <param name="Scale">Multiplies every cluster's node and volume counts (and the loads that follow them), keeping every ratio.</param>
/// <param name="SampleInterval">Time between two samples of the time series; null = the scenario's own.</param>
/// <param name="Replications">Independent replications, numbered 0…N−1; replication i draws from streams keyed by (seed, i).</param>
/// <param name="Threads">Replications run at once (one per thread); results do not depend on it.</param>
public sealed record RunOptions(ulong Seed, double Scale = 1.0, Duration? SampleInterval = null, int Replications = 1, int Threads = 1)
{
    /// <summary>Which replications to run (a shard's share); null = all of 0…N−1.</summary>
    public IReadOnlyList<int>? OnlyReplications { get; init; }
}
