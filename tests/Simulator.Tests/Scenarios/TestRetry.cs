using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Tests.Scenarios;

public sealed record TestRetry
{
    public TestBackoff Backoff { get; init; } = TestBackoff.Fixed;

    public Duration Interval { get; init; } = Duration.FromSeconds(5);

    [Range(1, 10)]
    public double Multiplier { get; init; } = 2.0;

    public bool Enabled { get; init; } = true;

    [NonNegative]
    public long? Budget { get; init; }
}
