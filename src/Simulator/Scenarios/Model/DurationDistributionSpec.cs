using Simulator.Scenarios;
using Simulator.Engine;

namespace Simulator.Scenarios.Model;

/// <summary>A log-normal distribution of durations.</summary>
public sealed record DurationDistributionSpec
{
    [Positive]
    public required Duration Median { get; init; }
    /// <summary>Standard deviation of the natural log of the duration.</summary>
    [Range(0, 5)]
    public double Sigma { get; init; }

    /// <summary>One duration drawn from <paramref name="stream"/>; with sigma 0, the median, and nothing is drawn.</summary>
    public Duration Sample(RandomStream stream) => Sigma > 0
        ? Duration.FromSeconds(MathNet.Numerics.Distributions.LogNormal.Sample(stream, Math.Log(Median.TotalSeconds), Sigma))
        : Median;
}
