using NUnit.Framework;

namespace Simulator.Tests.Scenarios;

/// <summary>A record with field errors is still checked by its own rules, and every problem is reported where it is.</summary>
public sealed class ScenarioPartialBindingTests
{
    private ScenarioFiles files = null!;

    [SetUp]
    public void SetUp() => files = new ScenarioFiles();

    [TearDown]
    public void TearDown() => files.Dispose();

    private IReadOnlyList<string> ErrorsOf(string yaml) => ScenarioText.Errors(files.Write("x.yaml", yaml));

    [Test]
    public void AFieldErrorDoesNotHideTheRecordsOwnCheck()
    {
        var errors = ErrorsOf(ScenarioText.Minimal.Replace("nodes: 3", "nodes: 3\n              replicas: 4\n              free_fraction: 60%"));

        Assert.That(errors, Is.EqualTo(new[]
        {
            "x.yaml:11:30 topology.regions[0].zones[0].clusters[0].free_fraction: expected a fraction from 0% to 50%, found \"60%\"",
            "x.yaml:10:25 topology.regions[0].zones[0].clusters[0].replicas: must not exceed nodes (3)",
        }));
    }

    [Test]
    public void AnErrorInOneListItemDoesNotHideTheChecksOfTheOthers()
    {
        var errors = ErrorsOf(ScenarioText.Minimal.Replace("""
                      clusters:
                        - nodes: 3
                          node_capacity: 1TiB
            """, """
                      clusters:
                        - 5
                        - nodes: -1
                          node_capacity: 1TiB
                        - nodes: 3
                          node_capacity: 1TiB
                          replicas: 4
            """));

        Assert.That(errors, Is.EqualTo(new[]
        {
            "x.yaml:9:15 topology.regions[0].zones[0].clusters[0]: expected a mapping with fields such as nodes, node_capacity, free_fraction, found \"5\"",
            "x.yaml:10:22 topology.regions[0].zones[0].clusters[1].nodes: expected a positive integer, found \"-1\"",
            "x.yaml:14:25 topology.regions[0].zones[0].clusters[2].replicas: must not exceed nodes (3)",
        }));
    }

    [Test]
    public void ARuleOverAFieldThatFailedReportsNothingMore()
    {
        var errors = ErrorsOf(ScenarioText.Minimal.Replace("nodes: 3", "nodes: lots\n              replicas: 4"));

        Assert.That(errors, Is.EqualTo(new[] { "x.yaml:9:22 topology.regions[0].zones[0].clusters[0].nodes: expected a positive integer, found \"lots\"" }),
            "nodes keeps its default 0, which must not make replicas: 4 a problem");
    }

    [Test]
    public void AMissingRequiredFieldIsReportedAtItsMappingAlongWithTheRecordsOwnCheck()
    {
        var errors = ErrorsOf(ScenarioText.Minimal.Replace("nodes: 3\n              node_capacity: 1TiB", "replicas: 5\n              nodes: 4"));

        Assert.That(errors, Is.EqualTo(new[]
        {
            "x.yaml:9:15 topology.regions[0].zones[0].clusters[0].node_capacity: missing required field \"node_capacity\"",
            "x.yaml:9:25 topology.regions[0].zones[0].clusters[0].replicas: must not exceed nodes (4)",
        }));
    }

    [Test]
    public void ARuleAboutADefaultIsReportedAtTheFieldTheFileGives()
    {
        var errors = ErrorsOf(ScenarioText.Minimal.Replace("nodes: 3", "nodes: 1"));

        Assert.That(errors, Is.EqualTo(new[] { "x.yaml:9:22 topology.regions[0].zones[0].clusters[0].nodes: must be at least replicas (2, the default)" }));
    }

    [Test]
    public void AMissingFieldOfTheTopLevelIsReportedAtItsFirstKeyNotAtTheTopOfTheFile()
    {
        var errors = ErrorsOf("# a comment\n# another\n\nseed: 3\n" + ScenarioText.Minimal.Replace("name: minimal\n", ""));

        Assert.That(errors, Is.EqualTo(new[] { "x.yaml:4:1 name: missing required field \"name\"" }));
    }

    [Test]
    public void AMissingFieldInAMappingMadeByAnOverrideIsReportedAsComingFromTheOverride()
    {
        string path = files.Write("x.yaml", ScenarioText.Minimal);

        Assert.That(ScenarioText.Errors(path, "topology.regions[0].zones[0].clusters[0]={nodes: 3}"),
            Is.EqualTo(new[] { "--set topology.regions[0].zones[0].clusters[0].node_capacity: missing required field \"node_capacity\"" }));
    }
}
