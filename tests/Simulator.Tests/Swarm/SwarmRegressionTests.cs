using NUnit.Framework;
using Simulator.Swarm;
using Simulator.Tests.Replay;

namespace Simulator.Tests.Swarm;

/// <summary>
/// Scenarios the swarm drew that once broke an invariant (each file says which and why), run again under every
/// invariant after every event: a bug the swarm found stays fixed. A new finding joins them as a file.
/// </summary>
public sealed class SwarmRegressionTests
{
    private static IEnumerable<string> Findings() =>
        RepositoryPaths.Tracked().Where(f => f.StartsWith("tests/Simulator.Tests/Swarm/Regressions/", StringComparison.Ordinal)
                                             && f.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(Findings))]
    public void AFindingOfTheSwarmHoldsEveryInvariant(string file)
    {
        var result = SwarmRun.Check(Path.Combine(RepositoryPaths.Root, "tests", "Simulator.Tests", "Swarm", "Regressions", file));

        Assert.That(result.Violation, Is.Null, result.Detail);
        Assert.That(result.Events, Is.GreaterThan(1000));
    }
}
