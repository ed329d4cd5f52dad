using Simulator.Faults.Kinds;
using NUnit.Framework;
using Simulator.Experiments;
using Simulator.Scenarios;

namespace Simulator.Tests.Replay;

/// <summary>The shipped scenario files load, and a broken copy of the replay is refused with every problem named.</summary>
[TestFixture]
public sealed class ScenarioFilesTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("replsim-scenarios-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    private static IEnumerable<string> Shipped() =>
        RepositoryPaths.ShippedScenarioFiles()
            .Where(p => !p.StartsWith("cluster/", StringComparison.Ordinal) && !p.StartsWith("durability/", StringComparison.Ordinal));

    [TestCaseSource(nameof(Shipped))]
    public void ShippedScenarioLoads(string relative)
    {
        var loaded = ScenarioRunner.Load(RepositoryPaths.Scenario(relative));
        Assert.That(loaded.Model.Name, Is.EqualTo(Path.GetFileNameWithoutExtension(relative)));
        Assert.That(loaded.Sha256, Has.Length.EqualTo(64));
    }

    [Test]
    public void WhatIfVariantsChangeOnlyWhatTheyName()
    {
        var replay = ScenarioRunner.Load(RepositoryPaths.Scenario("aws-2011-us-east-1.yaml")).Model;
        var headroom = ScenarioRunner.Load(RepositoryPaths.Scenario("what-if/capacity-headroom-25.yaml")).Model;
        var rollback = ScenarioRunner.Load(RepositoryPaths.Scenario("what-if/rollback-5min.yaml")).Model;
        Assert.That(headroom.Topology.Regions[0].Zones[0].Clusters[0].FreeCapacity.Percent, Is.EqualTo(25).Within(1e-9));
        Assert.That(headroom.Topology.Regions[0].Zones[0].Clusters[0].Nodes, Is.EqualTo(replay.Topology.Regions[0].Zones[0].Clusters[0].Nodes));
        var (change, replayChange) = ((RoutingChangeFault)rollback.Faults[0], (RoutingChangeFault)replay.Faults[0]);
        Assert.That(change.RollbackAfter, Is.EqualTo(Engine.Duration.FromMinutes(5)));
        Assert.That(change.Portion, Is.EqualTo(replayChange.Portion));
        var playbook = ScenarioRunner.Load(RepositoryPaths.Scenario("what-if/playbook-reactive.yaml")).Model;
        Assert.That(rollback.Operators, Is.EqualTo(playbook.Operators), "the what-ifs share the reactive playbook");
    }

    [Test]
    public void ABrokenReplayIsRefusedWithEveryProblemAtOnce()
    {
        string text = File.ReadAllText(RepositoryPaths.Scenario("aws-2011-us-east-1.yaml"))
            .Replace("nodes: 2000 ", "nodes: -3   ", StringComparison.Ordinal)
            .Replace("node_traffic: 1Gbps", "node_trafic: 1Gbps", StringComparison.Ordinal)
            .Replace("interval: 5s  ", "interval: 12 parsecs", StringComparison.Ordinal);
        string path = Path.Combine(_dir, "broken.yaml");
        File.WriteAllText(path, text);

        var ex = Assert.Throws<ScenarioException>(() => ScenarioRunner.Load(path))!;
        var messages = ex.Errors.Select(e => e.ToString()).ToList();
        Assert.That(messages, Has.Some.Match(@"broken\.yaml:\d+:\d+ topology\.regions\[0\]\.zones\[0\]\.clusters\[0\]\.nodes: expected a positive integer, found ""-3"""));
        Assert.That(messages, Has.Some.Contains(@"clusters[0].node_trafic: unknown field ""node_trafic""; did you mean ""node_traffic""?"));
        Assert.That(messages, Has.Some.Contains(@"clusters[0].node_traffic: missing required field ""node_traffic"""));
        Assert.That(messages, Has.Some.Contains(@"replication.retry.interval: expected a duration").And.Contains("parsecs"));
        Assert.That(ex.Errors, Has.Count.EqualTo(4));
    }

    [Test]
    public void ReferencesToUnknownClustersZonesAndApisAreRefusedWithSuggestions()
    {
        string text = File.ReadAllText(RepositoryPaths.Scenario("aws-2011-us-east-1.yaml"))
            .Replace("    cluster: ebs-1a\n    portion", "    cluster: ebs-1x\n    portion", StringComparison.Ordinal)
            .Replace("api: create_volume", "api: create_volumes", StringComparison.Ordinal);
        string path = Path.Combine(_dir, "refs.yaml");
        File.WriteAllText(path, text);

        var ex = Assert.Throws<ScenarioException>(() => ScenarioRunner.Load(path))!;
        var messages = ex.Errors.Select(e => e.ToString()).ToList();
        Assert.That(messages, Has.Some.Match(@"refs\.yaml:\d+:\d+ faults\[0\]\.cluster: expected one of the scenario's clusters \(ebs-1a\), found ""ebs-1x""; did you mean ""ebs-1a""\?"));
        Assert.That(messages, Has.Some.Match(@"operators\[0\]\.api: expected one of the scenario's apis .*found ""create_volumes""; did you mean ""create_volume""\?"));
    }

    [Test]
    public void AnOverrideOfAnUnknownPathIsRefused()
    {
        var ex = Assert.Throws<ScenarioException>(() =>
            ScenarioRunner.Load(RepositoryPaths.Scenario("aws-2011-us-east-1.yaml"), ["control_plane.wokers=10"]))!;
        Assert.That(ex.Errors.Select(e => e.ToString()), Has.Some.Contains(@"control_plane.wokers: unknown field ""wokers""; did you mean ""workers""?"));
    }

    [Test]
    public void AnOverrideChangesTheScenarioAndItsHash()
    {
        var plain = ScenarioRunner.Load(RepositoryPaths.Scenario("aws-2011-us-east-1.yaml"));
        var changed = ScenarioRunner.Load(RepositoryPaths.Scenario("aws-2011-us-east-1.yaml"), ["control_plane.workers=50"]);
        Assert.That(changed.Model.ControlPlane.Workers, Is.EqualTo(50));
        Assert.That(changed.Sha256, Is.Not.EqualTo(plain.Sha256));
    }
}
