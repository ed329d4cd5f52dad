using Simulator.Scenarios;
using System.ComponentModel;
using Simulator.Engine;
using Simulator.Units;

namespace Simulator.Scenarios.Model;

/// <summary>A kind of API request, arriving from each zone as a Poisson stream.</summary>
public sealed record ApiRequestSpec
{
    [NotEmpty]
    public required string Name { get; init; }
    [Description("Arrival rate from each zone (multiplied by --scale).")]
    [NonNegative]
    [Scaled]
    public required Rate RatePerZone { get; init; }
    [Positive]
    public required Duration Service { get; init; }
    [Positive]
    public required Duration Timeout { get; init; }
    [Description("The call must place data in the zone's clusters: it hangs, holding its worker until the time-out, while they have no free space.")]
    public bool NeedsClusterSpace { get; init; }
}
