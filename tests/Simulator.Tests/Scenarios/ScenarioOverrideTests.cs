using NUnit.Framework;
using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Tests.Scenarios;

public sealed class ScenarioOverrideTests
{
    private ScenarioFiles files = null!;
    private string good = "";

    [SetUp]
    public void SetUp()
    {
        files = new ScenarioFiles();
        good = files.Write("good.yaml", ScenarioText.Good);
    }

    [TearDown]
    public void TearDown() => files.Dispose();

    [Test]
    public void SetReplacesAFieldInANestedListElement()
    {
        var s = ScenarioFile.Load<TestScenario>(good, ["topology.regions[0].zones[1].clusters[0].nodes=800", "control_plane.scope=regional"]);

        Assert.That(s.Topology.Regions[0].Zones[1].Clusters[0].Nodes, Is.EqualTo(800));
        Assert.That(s.Topology.Regions[0].Zones[0].Clusters[0].Nodes, Is.EqualTo(600));
        Assert.That(s.ControlPlane.Scope, Is.EqualTo(TestScope.Regional));
    }

    [Test]
    public void SetCreatesAFieldThatTheFileLeavesOut()
    {
        string minimal = files.Write("min.yaml", ScenarioText.Minimal);

        var s = ScenarioFile.Load<TestScenario>(minimal, ["control_plane.workers=8", "seed=9", "topology.regions[0].zones[0].clusters[0].replicas=3"]);

        Assert.That(s.ControlPlane.Workers, Is.EqualTo(8));
        Assert.That(s.ControlPlane.Scope, Is.EqualTo(TestScope.Regional), "the rest of control_plane keeps its defaults");
        Assert.That(s.Seed, Is.EqualTo(9));
        Assert.That(s.Topology.Regions[0].Zones[0].Clusters[0].Replicas, Is.EqualTo(3));
    }

    [Test]
    public void SetTakesFlowListsAndMappingsAndLaterOverridesWin()
    {
        var s = ScenarioFile.Load<TestScenario>(good,
            ["tags=[a, b]", "stuck_targets={az9: 5%}", "topology.regions[0].zones[0].clusters[0].power_domains=[7]", "tags=[c]"]);

        Assert.That(s.Tags, Is.EqualTo(new[] { "c" }));
        Assert.That(s.StuckTargets, Is.EqualTo(new Dictionary<string, Fraction> { ["az9"] = Fraction.FromPercent(5) }));
        Assert.That(s.Topology.Regions[0].Zones[0].Clusters[0].PowerDomains, Is.EqualTo(new[] { 7 }));
    }

    [Test]
    public void SetOnAnUnknownPathSuggestsTheClosestName()
    {
        Assert.That(ScenarioText.Errors(good, "control_plane.scop=per_zone", "topology.regions[0].zones[1].clusters[0].node_capcity=2TiB"), Is.EqualTo(new[]
        {
            "--set control_plane.scop: unknown field \"scop\"; did you mean \"scope\"?",
            "--set topology.regions[0].zones[1].clusters[0].node_capcity: unknown field \"node_capcity\"; did you mean \"node_capacity\"?",
        }));
    }

    [Test]
    public void SetReportsIndicesOutOfRangeAndPathsThroughLeaves()
    {
        Assert.That(ScenarioText.Errors(good, "topology.regions[0].zones[2].name=x", "seed.value=1", "control_plane[0]=x", "nodes"), Is.EqualTo(new[]
        {
            "--set topology.regions[0].zones[2]: index 2 is out of range: topology.regions[0].zones has 2 items",
            "--set seed.value: cannot set \"value\": seed is an integer, not a mapping",
            "--set control_plane[0]: cannot use [0]: control_plane is a mapping, not a list",
            "--set nodes: expected path=value such as \"topology.regions[0].zones[1].clusters[0].nodes=800\", found \"nodes\"",
        }));
    }

    [Test]
    public void AWrongValueFromSetIsReportedAsComingFromSet()
    {
        Assert.That(ScenarioText.Errors(good, "topology.regions[0].zones[1].clusters[0].nodes=-3", "control_plane.scope=per_zon"), Is.EqualTo(new[]
        {
            "--set topology.regions[0].zones[1].clusters[0].nodes: expected a positive integer, found \"-3\"",
            "--set control_plane.scope: expected one of regional, per_zone, found \"per_zon\"; did you mean \"per_zone\"?",
        }));
    }

    [Test]
    public void SetAndFileErrorsAreReportedTogether()
    {
        string bad = files.Write("bad.yaml", ScenarioText.Minimal + "seed: x\n");

        Assert.That(ScenarioText.Errors(bad, "retry.backof=fixed"), Is.EqualTo(new[]
        {
            "--set retry.backof: unknown field \"backof\"; did you mean \"backoff\"?",
            "bad.yaml:11:7 seed: expected an integer, found \"x\"",
        }));
    }
}
