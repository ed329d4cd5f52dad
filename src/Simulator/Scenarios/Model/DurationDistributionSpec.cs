using Simulator.Engine;

namespace Simulator.Scenarios.Model;

/// <summary>A log-normal distribution of durations.</summary>
public sealed record DurationDistributionSpec
{
    public required Duration Median { get; init; }
    /// <summary>Standard deviation of the natural log of the duration.</summary>
    public double Sigma { get; init; }
}
