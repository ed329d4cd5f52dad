using Simulator.Units;

namespace Simulator.Scenarios.Model;

/// <summary>A log-normal distribution of the bytes a volume writes per second, drawn once per volume.</summary>
public sealed record WriteRateSpec
{
    [Positive]
    [Unscaled("per volume")]
    public required Bandwidth Median { get; init; }
    /// <summary>Standard deviation of the natural log of the rate.</summary>
    [Range(0, 5)]
    public double Sigma { get; init; }
}
