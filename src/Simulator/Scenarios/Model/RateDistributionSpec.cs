using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Scenarios.Model;

/// <summary>A log-normal distribution of rates.</summary>
public sealed record RateDistributionSpec
{
    [Positive]
    [Unscaled("per volume")]
    public required Rate Median { get; init; }
    /// <summary>Standard deviation of the natural log of the rate.</summary>
    [Range(0, 5)]
    public double Sigma { get; init; }
}
