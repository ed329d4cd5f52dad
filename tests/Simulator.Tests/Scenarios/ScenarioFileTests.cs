using NUnit.Framework;
using Simulator.Engine;
using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Tests.Scenarios;

public sealed class ScenarioFileTests
{
    private ScenarioFiles files = null!;

    [SetUp]
    public void SetUp() => files = new ScenarioFiles();

    [TearDown]
    public void TearDown() => files.Dispose();

    private IReadOnlyList<string> ErrorsOf(string yaml) => ScenarioText.Errors(files.Write("x.yaml", yaml));

    [Test]
    public void AGoodFileBindsEveryKindOfValue()
    {
        var s = ScenarioFile.Load<TestScenario>(files.Write("good.yaml", ScenarioText.Good));

        Assert.That(s.Name, Is.EqualTo("aws-2011-test"));
        Assert.That(s.Notes, Is.EqualTo("what-if: per-zone control plane"));
        Assert.That(s.Horizon, Is.EqualTo(Duration.FromHours(96)));
        Assert.That(s.Start, Is.EqualTo(new DateTimeOffset(2011, 4, 21, 0, 47, 0, TimeSpan.FromHours(-7))));
        var region = s.Topology.Regions.Single();
        Assert.That(region.InterZoneBandwidth, Is.EqualTo(Bandwidth.FromGbps(40)));
        Assert.That(region.Zones.Select(z => z.Name), Is.EqualTo(new[] { "use1-az1", "use1-az2" }));
        var cluster = region.Zones[0].Clusters[0];
        Assert.That(cluster.Nodes, Is.EqualTo(600));
        Assert.That(cluster.NodeCapacity, Is.EqualTo(ByteSize.FromTiB(1.5)));
        Assert.That(cluster.FreeFraction, Is.EqualTo(Fraction.FromPercent(13)));
        Assert.That(cluster.PowerDomains, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(s.ControlPlane.Scope, Is.EqualTo(TestScope.PerZone));
        Assert.That(s.ControlPlane.RequestTimeout, Is.EqualTo(Duration.FromMilliseconds(250)));
        Assert.That(s.ControlPlane.ArrivalRate, Is.EqualTo(Rate.FromPerSecond(20)));
        Assert.That(s.Retry.Backoff, Is.EqualTo(TestBackoff.FullJitter));
        Assert.That(s.Retry.Multiplier, Is.EqualTo(1.5));
        Assert.That(s.Retry.Enabled, Is.False);
        Assert.That(s.Retry.Budget, Is.EqualTo(10L));
        Assert.That(s.StuckTargets.Keys, Is.EqualTo(new[] { "az1", "az2" }));
        Assert.That(s.StuckTargets["az2"], Is.EqualTo(new Fraction(0.02)));
        Assert.That(s.Tags, Is.EqualTo(new[] { "replay", "2011" }));
    }

    [Test]
    public void AbsentFieldsKeepTheirInitializersAndCollectionsAreReadOnly()
    {
        var s = ScenarioFile.Load<TestScenario>(files.Write("min.yaml", ScenarioText.Minimal));

        Assert.That(s.Seed, Is.EqualTo(42));
        Assert.That(s.Notes, Is.Null);
        Assert.That(s.ControlPlane, Is.EqualTo(new TestControlPlane()));
        Assert.That(s.Topology.Regions[0].Zones[0].Clusters[0].FreeFraction, Is.EqualTo(Fraction.FromPercent(20)));
        Assert.That(s.Retry.Budget, Is.Null);
        Assert.That(s.Topology.Regions, Is.Not.InstanceOf<List<TestRegion>>());
        Assert.That(s.Topology.Regions, Is.InstanceOf<System.Collections.ObjectModel.ReadOnlyCollection<TestRegion>>());
    }

    [Test]
    public void ANegativeNodeCountIsReportedWithFileLineColumnAndPath()
    {
        var errors = ErrorsOf(ScenarioText.Good.Replace("nodes: 400", "nodes: -3"));

        Assert.That(errors, Is.EqualTo(new[]
        {
            "x.yaml:20:22 topology.regions[0].zones[1].clusters[0].nodes: expected a positive integer, found \"-3\"",
        }));
    }

    [Test]
    public void AnUnknownFieldSuggestsTheClosestName()
    {
        var errors = ErrorsOf(ScenarioText.Good.Replace("node_capacity: 1TiB", "node_capacity: 1TiB\n              node_capcity: 2TiB"));

        Assert.That(errors, Is.EqualTo(new[]
        {
            "x.yaml:22:15 topology.regions[0].zones[1].clusters[0].node_capcity: unknown field \"node_capcity\"; did you mean \"node_capacity\"?",
        }));
    }

    [Test]
    public void AnUnknownFieldFarFromEveryNameGetsNoSuggestion()
    {
        var errors = ErrorsOf(ScenarioText.Minimal + "weather: sunny\n");

        Assert.That(errors, Is.EqualTo(new[] { "x.yaml:11:1 weather: unknown field \"weather\"" }));
    }

    [Test]
    public void TheCSharpSpellingOfAFieldFindsItsSnakeCaseName()
    {
        var errors = ErrorsOf(ScenarioText.Minimal + "ControlPlane: {}\n");

        Assert.That(errors, Is.EqualTo(new[] { "x.yaml:11:1 ControlPlane: unknown field \"ControlPlane\"; did you mean \"control_plane\"?" }));
    }

    [TestCase("seed: abc", "x.yaml:11:7 seed: expected an integer, found \"abc\"")]
    [TestCase("seed: 1.5", "x.yaml:11:7 seed: expected an integer, found \"1.5\"")]
    [TestCase("seed: \"7\"", "x.yaml:11:7 seed: expected an integer, found \"7\" in quotes (remove the quotes)")]
    [TestCase("seed: 99999999999", "x.yaml:11:7 seed: expected an integer from -2147483648 to 2147483647, found \"99999999999\"")]
    [TestCase("seed:", "x.yaml:11:6 seed: expected an integer, found an empty value")]
    [TestCase("notes: 2011", "x.yaml:11:8 notes: expected a string, found the number 2011 (put it in quotes to make it text)")]
    [TestCase("retry: {backoff: expo}", "x.yaml:11:18 retry.backoff: expected one of fixed, exponential, full_jitter, decorrelated_jitter, found \"expo\"")]
    [TestCase("retry: {backoff: exponental}", "x.yaml:11:18 retry.backoff: expected one of fixed, exponential, full_jitter, decorrelated_jitter, found \"exponental\"; did you mean \"exponential\"?")]
    [TestCase("retry: {enabled: yes}", "x.yaml:11:18 retry.enabled: expected true or false, found \"yes\"")]
    [TestCase("retry: {multiplier: 20}", "x.yaml:11:21 retry.multiplier: expected a number from 1 to 10, found \"20\"")]
    [TestCase("retry: {budget: -1}", "x.yaml:11:17 retry.budget: expected a non-negative integer, found \"-1\"")]
    [TestCase("retry: {interval: 5 parsecs}", "x.yaml:11:19 retry.interval: expected a duration such as \"250ms\", \"90s\", \"15m\", \"96h\", \"7d\" or \"1y\", found unknown unit \"parsecs\" in \"5 parsecs\"")]
    [TestCase("control_plane: {arrival_rate: often}", "x.yaml:11:31 control_plane.arrival_rate: expected a rate such as \"20/s\", \"1200/min\", \"3/h\" or \"0.5/d\", found \"often\"")]
    [TestCase("control_plane: {scope: [a]}", "x.yaml:11:24 control_plane.scope: expected one of regional, per_zone, found a list")]
    [TestCase("control_plane: 5", "x.yaml:11:16 control_plane: expected a mapping with fields such as scope, workers, request_timeout, found \"5\"")]
    [TestCase("start: 21/04/2011", "x.yaml:11:8 start: expected a date and time such as \"2011-04-21T00:47:00-07:00\" (ISO 8601), found \"21/04/2011\"")]
    [TestCase("stuck_targets: {az1: 130%}", "x.yaml:11:22 stuck_targets.az1: expected a fraction between 0% and 100%, found \"130%\"")]
    [TestCase("tags: tag", "x.yaml:11:7 tags: expected a list, found \"tag\"")]
    [TestCase("tags: [a, true]", "x.yaml:11:11 tags[1]: expected a string, found the boolean true (put it in quotes to make it text)")]
    public void AWrongValueIsReportedWithWhatWasExpectedAndFound(string line, string error)
    {
        Assert.That(ErrorsOf(ScenarioText.Minimal + line + "\n"), Is.EqualTo(new[] { error }));
    }

    [Test]
    public void ConstraintsWithUnitBoundsPrintTheBoundsInTheirUnits()
    {
        var errors = ErrorsOf(ScenarioText.Minimal.Replace("node_capacity: 1TiB", "node_capacity: 1TiB\n              free_fraction: 60%"));

        Assert.That(errors, Is.EqualTo(new[]
        {
            "x.yaml:11:30 topology.regions[0].zones[0].clusters[0].free_fraction: expected a fraction from 0% to 50%, found \"60%\"",
        }));
    }

    [Test]
    public void AMissingRequiredFieldIsReportedAtItsParentMapping()
    {
        var errors = ErrorsOf(ScenarioText.Minimal.Replace("              node_capacity: 1TiB\n", ""));

        Assert.That(errors, Is.EqualTo(new[]
        {
            "x.yaml:9:15 topology.regions[0].zones[0].clusters[0].node_capacity: missing required field \"node_capacity\"",
        }));
    }

    [Test]
    public void AnEmptyRequiredListIsRefused()
    {
        var errors = ErrorsOf(ScenarioText.Minimal[..ScenarioText.Minimal.IndexOf("    zones:", StringComparison.Ordinal)] + "    zones: []\n");

        Assert.That(errors, Is.EqualTo(new[] { "x.yaml:6:14 topology.regions[0].zones: expected a non-empty list, found an empty list" }));
    }

    [Test]
    public void ADuplicateKeyIsAnError()
    {
        var errors = ErrorsOf(ScenarioText.Minimal + "seed: 1\nseed: 2\n");

        Assert.That(errors, Is.EqualTo(new[] { "x.yaml:12:1 seed: duplicate key \"seed\" (first given at line 11)" }));
    }

    [Test]
    public void ARecordsOwnCheckIsReportedAtTheFieldItNames()
    {
        var errors = ErrorsOf(ScenarioText.Minimal.Replace("nodes: 3", "nodes: 3\n              replicas: 4"));

        Assert.That(errors, Is.EqualTo(new[] { "x.yaml:10:25 topology.regions[0].zones[0].clusters[0].replicas: must not exceed nodes (3)" }));
    }

    [Test]
    public void EveryProblemIsReportedAtOnceInFileOrder()
    {
        string yaml = ScenarioText.Good
            .Replace("horizon: 96h", "horizon: 0s")
            .Replace("nodes: 600", "nodes: lots")
            .Replace("node_capacity: 1TiB", "node_capacty: 1TiB")
            .Replace("scope: per_zone", "scope: global")
            .Replace("name: aws-2011-test\n", "");

        var ex = Assert.Throws<ScenarioException>(() => ScenarioFile.Load<TestScenario>(files.Write("x.yaml", yaml)))!;

        Assert.That(ex.Errors.Select(e => (e.Line, e.Path)), Is.EqualTo(new[]
        {
            (4, "horizon"),
            (13, "topology.regions[0].zones[0].clusters[0].nodes"),
            (20, "topology.regions[0].zones[1].clusters[0].node_capacty"),
            (19, "topology.regions[0].zones[1].clusters[0].node_capacity"),
            (22, "control_plane.scope"),
            (2, "name"),
        }));
        Assert.That(ex.Message.Split(Environment.NewLine), Has.Length.EqualTo(6));
        Assert.That(ex.Errors[0].Message, Is.EqualTo("expected a positive duration, found \"0s\""));
    }

    [Test]
    public void AMissingFileIsOneError()
    {
        string path = Path.Combine(files.Directory, "nope.yaml");

        Assert.That(ScenarioText.Errors(path), Is.EqualTo(new[] { "nope.yaml (file): cannot read the scenario file: file not found" }));
    }

    [Test]
    public void AYamlSyntaxErrorCarriesItsPosition()
    {
        Assert.That(ErrorsOf("name: a\nseed: 1\n  horizon: 2h\n"),
            Is.EqualTo(new[] { "x.yaml:3:10 (file): invalid YAML: while scanning a plain scalar value, found invalid mapping" }));
        Assert.That(ErrorsOf("name: a\ntags: [a, b\nseed: 3\n"),
            Is.EqualTo(new[] { "x.yaml:2:8 (file): invalid YAML: the parser could not go on after this point (an unclosed [ or { ?)" }));
    }

    [Test]
    public void AFileThatIsNotAMappingIsRefused()
    {
        Assert.That(ErrorsOf("- a\n- b\n"), Is.EqualTo(new[] { "x.yaml:1:1 (root): expected a mapping of scenario fields at the top level, found a list" }));
        Assert.That(ErrorsOf("# only a comment\n"), Is.EqualTo(new[] { "x.yaml:1:1 (file): the file is empty" }));
    }

    [Test]
    public void AnchorsAndAliasesAreCopies()
    {
        string yaml = ScenarioText.Minimal.Replace("""
                      clusters:
                        - nodes: 3
                          node_capacity: 1TiB
            """, """
                      clusters:
                        - &small
                          nodes: 3
                          node_capacity: 1TiB
                        - *small
            """);

        var s = ScenarioFile.Load<TestScenario>(files.Write("x.yaml", yaml));

        Assert.That(s.Topology.Regions[0].Zones[0].Clusters, Has.Count.EqualTo(2));
        Assert.That(s.Topology.Regions[0].Zones[0].Clusters[1].Nodes, Is.EqualTo(3));
    }
}
