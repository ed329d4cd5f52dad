using Simulator.Scenarios;
using System.ComponentModel;
using Simulator.Units;

namespace Simulator.Scenarios.Model;

/// <summary>Databases with a synchronous standby in another zone and automatic failover.</summary>
public sealed record MultiZoneDatabasesSpec
{
    [Description("Databases whose primary is in the databases' zone (multiplied by --scale).")]
    [NonNegative]
    [Scaled]
    public required int Count { get; init; }
    [Description("Probability that failover fails when the primary's I/O gets stuck right after a network interruption (the 2011 bug).")]
    [Range("0%", "100%")]
    public required Fraction FailoverBugProbability { get; init; }
}
