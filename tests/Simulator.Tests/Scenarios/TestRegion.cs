using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Tests.Scenarios;

public sealed record TestRegion
{
    public required string Name { get; init; }

    [NotEmpty]
    public required IReadOnlyList<TestZone> Zones { get; init; }

    public Bandwidth InterZoneBandwidth { get; init; } = Bandwidth.FromGbps(10);
}
