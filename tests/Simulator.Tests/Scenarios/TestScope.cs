namespace Simulator.Tests.Scenarios;

public enum TestScope
{
    Regional,
    PerZone,
}
