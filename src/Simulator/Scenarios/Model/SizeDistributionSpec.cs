using Simulator.Units;

namespace Simulator.Scenarios.Model;

/// <summary>A log-normal distribution of sizes, truncated to [min, max].</summary>
public sealed record SizeDistributionSpec
{
    public required ByteSize Median { get; init; }
    /// <summary>Standard deviation of the natural log of the size.</summary>
    public double Sigma { get; init; }
    public ByteSize Min { get; init; } = ByteSize.FromGiB(1);
    public ByteSize Max { get; init; } = ByteSize.FromTiB(1);
}
