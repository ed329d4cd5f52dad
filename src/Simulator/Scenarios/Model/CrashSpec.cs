using Simulator.Scenarios;
using System.ComponentModel;
using Simulator.Units;

namespace Simulator.Scenarios.Model;

/// <summary>The node software fault: a race condition hit while closing replication requests.</summary>
public sealed record CrashSpec
{
    [Description("Probability that closing one replication request crashes the node.")]
    [Range(0, 1)]
    public required double PerClosureProbability { get; init; }
    [Description("Time from a crash to the node's restart.")]
    public required DurationDistributionSpec RestartDelay { get; init; }
    [Description("Probability that a replica on a crashed node cannot be recovered.")]
    [Range("0%", "100%")]
    public required Fraction Unrecoverable { get; init; }
}
