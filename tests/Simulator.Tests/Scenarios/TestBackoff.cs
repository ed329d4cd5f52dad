namespace Simulator.Tests.Scenarios;

public enum TestBackoff
{
    Fixed,
    Exponential,
    FullJitter,
    DecorrelatedJitter,
}
