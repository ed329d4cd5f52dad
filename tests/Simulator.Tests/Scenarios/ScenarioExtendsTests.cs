using NUnit.Framework;
using Simulator.Engine;
using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Tests.Scenarios;

public sealed class ScenarioExtendsTests
{
    private ScenarioFiles files = null!;

    [SetUp]
    public void SetUp() => files = new ScenarioFiles();

    [TearDown]
    public void TearDown() => files.Dispose();

    [Test]
    public void AChildMergesMappingsKeyByKeyAndReplacesScalarsAndLists()
    {
        files.Write("base/aws-2011.yaml", ScenarioText.Good);
        string child = files.Write("what-if.yaml", """
            # A per-zone control plane, everything else as in 2011.
            extends: base/aws-2011.yaml
            name: per-zone
            control_plane:
              workers: 8
            tags: [what-if]
            """);

        var s = ScenarioFile.Load<TestScenario>(child);

        Assert.That(s.Name, Is.EqualTo("per-zone"));
        Assert.That(s.ControlPlane.Workers, Is.EqualTo(8));
        Assert.That(s.ControlPlane.Scope, Is.EqualTo(TestScope.PerZone), "kept from the base's control_plane mapping");
        Assert.That(s.ControlPlane.RequestTimeout, Is.EqualTo(Duration.FromMilliseconds(250)));
        Assert.That(s.Tags, Is.EqualTo(new[] { "what-if" }), "a list replaces the base's list");
        Assert.That(s.Topology.Regions[0].Zones[0].Clusters[0].NodeCapacity, Is.EqualTo(ByteSize.FromTiB(1.5)));
    }

    [Test]
    public void ExtendsChainsAreFollowedRelativeToEachFile()
    {
        files.Write("a/base.yaml", ScenarioText.Minimal);
        files.Write("a/b/middle.yaml", "extends: ../base.yaml\nseed: 7\n");
        string top = files.Write("top.yaml", "extends: a/b/middle.yaml\nname: top\n");

        var s = ScenarioFile.Load<TestScenario>(top);

        Assert.That((s.Name, s.Seed, s.Horizon), Is.EqualTo(("top", 7, Duration.FromHours(1))));
    }

    [Test]
    public void AnErrorInTheBaseFileNamesTheBaseFileAndItsLine()
    {
        files.Write("base.yaml", ScenarioText.Minimal.Replace("nodes: 3", "nodes: three"));
        string child = files.Write("child.yaml", "extends: base.yaml\nseed: x\n");

        Assert.That(ScenarioText.Errors(child), Is.EqualTo(new[]
        {
            "base.yaml:9:22 topology.regions[0].zones[0].clusters[0].nodes: expected a positive integer, found \"three\"",
            "child.yaml:2:7 seed: expected an integer, found \"x\"",
        }));
    }

    [Test]
    public void ASyntaxErrorInTheBaseFileIsReportedThere()
    {
        files.Write("base.yaml", "name: a\nseed: 1\n  horizon: 2h\n");
        string child = files.Write("child.yaml", "extends: base.yaml\n");

        Assert.That(ScenarioText.Errors(child), Is.EqualTo(new[]
        {
            "base.yaml:3:10 (file): invalid YAML: while scanning a plain scalar value, found invalid mapping",
        }));
    }

    [Test]
    public void AMissingBaseFileIsReportedAtTheExtendsLine()
    {
        string child = files.Write("child.yaml", "name: c\nextends: nowhere.yaml\n");

        Assert.That(ScenarioText.Errors(child), Has.Count.EqualTo(1));
        Assert.That(ScenarioText.Errors(child)[0], Does.StartWith("child.yaml:2:10 extends: cannot read \"nowhere.yaml\" (").And.EndWith("nowhere.yaml): file not found"));
    }

    [Test]
    public void ACycleOfExtendsIsRefused()
    {
        files.Write("a.yaml", "extends: b.yaml\n");
        files.Write("b.yaml", "extends: a.yaml\nseed: 1\n");

        Assert.That(ScenarioText.Errors(Path.Combine(files.Directory, "a.yaml")),
            Is.EqualTo(new[] { "b.yaml:1:10 extends: extends cycle: a.yaml → b.yaml → a.yaml" }));
    }

    [Test]
    public void AFileExtendingItselfIsACycle()
    {
        string self = files.Write("self.yaml", "extends: ./self.yaml\n");

        Assert.That(ScenarioText.Errors(self), Is.EqualTo(new[] { "self.yaml:1:10 extends: extends cycle: self.yaml → self.yaml" }));
    }
}
