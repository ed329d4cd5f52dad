using Simulator.Engine;

namespace Simulator.Experiments;

/// <summary>How to run one replication of a scenario.</summary>
/// <param name="Seed">Run seed; every random stream derives from it.</param>
/// <param name="Scale">Multiplies every cluster's node and volume counts (and the loads that follow them), keeping every ratio.</param>
/// <param name="SampleInterval">Time between two samples of the time series; null = the scenario's own.</param>
/// <param name="Replication">Which replication, 0…N−1: replication i draws from streams keyed by (seed, i).</param>
public sealed record RunOptions(ulong Seed, double Scale = 1.0, Duration? SampleInterval = null, int Replication = 0)
{
    /// <summary>When to list the volumes that are not healthy, besides the horizon (<c>--volumes-at</c>); null: never (no <c>--volumes</c>).</summary>
    public IReadOnlyList<Duration>? VolumesAt { get; init; }
}
