using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Scenarios.Model;

/// <summary>A log-normal distribution of sizes, truncated to [min, max].</summary>
public sealed record SizeDistributionSpec
{
    [Positive]
    public required ByteSize Median { get; init; }
    /// <summary>Standard deviation of the natural log of the size.</summary>
    [Range(0, 5)]
    public double Sigma { get; init; }
    [Positive]
    public ByteSize Min { get; init; } = ByteSize.FromGiB(1);
    [Positive]
    public ByteSize Max { get; init; } = ByteSize.FromTiB(1);
}
