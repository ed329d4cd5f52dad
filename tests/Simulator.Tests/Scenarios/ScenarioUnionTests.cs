using System.Text.Json.Nodes;
using NUnit.Framework;
using Simulator.Engine;
using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Tests.Scenarios;

/// <summary>Records chosen by a key ("a kind is a type"): binding, errors, overrides and the schema.</summary>
public sealed class ScenarioUnionTests
{
    /// <summary>Line numbers matter: tests assert positions in this text.</summary>
    private const string Incident = """
        name: outage
        faults:
          - kind: link_cut
            at: 10m
            link: a-b
            loss: 50%
          - kind: node_crash
            at: 1h
            nodes: 3
            restarts: 2
            restart_after: 5m
            label: crash
        first:
          kind: node_crash
          at: 0s
          nodes: 1

        """;

    private ScenarioFiles files = null!;

    [SetUp]
    public void SetUp() => files = new ScenarioFiles();

    [TearDown]
    public void TearDown() => files.Dispose();

    private TestIncident Load(string yaml, params string[] overrides) =>
        ScenarioFile.Load<TestIncident>(files.Write("x.yaml", yaml), overrides);

    private IReadOnlyList<string> ErrorsOf(string yaml, params string[] overrides)
    {
        string path = files.Write("x.yaml", yaml);
        var ex = Assert.Throws<ScenarioException>(() => ScenarioFile.Load<TestIncident>(path, overrides))!;
        return ex.Errors.Select(e => (e with { File = Path.GetFileName(e.File) }).ToString()).ToList();
    }

    [Test]
    public void EachKindBindsToItsOwnRecordWithTheBasesFields()
    {
        var incident = Load(Incident);

        Assert.That(incident.Faults, Has.Count.EqualTo(2));
        var cut = (TestLinkCut)incident.Faults[0];
        Assert.That(cut.At, Is.EqualTo(Duration.FromMinutes(10)));
        Assert.That(cut.Link, Is.EqualTo("a-b"));
        Assert.That(cut.Loss, Is.EqualTo(Fraction.FromPercent(50)));
        Assert.That(cut.RepairAfter, Is.Null);
        Assert.That(cut.Label, Is.Null);
        var crash = (TestNodeCrash)incident.Faults[1];
        Assert.That(crash, Is.EqualTo(new TestNodeCrash
        {
            At = Duration.FromHours(1), Nodes = 3, Restarts = 2, RestartAfter = Duration.FromMinutes(5), Label = "crash",
        }));
        Assert.That(incident.First, Is.EqualTo(new TestNodeCrash { At = Duration.Zero, Nodes = 1 }));
    }

    [Test]
    public void TheKindsAreTheMarkedRecordsDerivingFromTheUnion()
    {
        var kinds = ModelShapes.KindsOf(typeof(TestFault));

        Assert.That(kinds, Is.EqualTo(new[] { ("link_cut", typeof(TestLinkCut)), ("node_crash", typeof(TestNodeCrash)) }));
        Assert.That(ModelShapes.KindsOf(typeof(TestFault)), Is.SameAs(kinds), "found once");
    }

    [Test]
    public void AMissingKindIsReportedAtTheMappingAndTheOtherItemsAreStillChecked()
    {
        var errors = ErrorsOf(Incident.Replace("  - kind: link_cut\n    at: 10m", "  - at: 10m").Replace("nodes: 3", "nodes: 0"));

        Assert.That(errors, Is.EqualTo(new[]
        {
            "x.yaml:3:5 faults[0].kind: missing required field \"kind\" (one of link_cut, node_crash)",
            "x.yaml:8:12 faults[1].nodes: expected a positive integer, found \"0\"",
        }));
    }

    [TestCase("kind: link_cutt", "x.yaml:3:11 faults[0].kind: expected one of link_cut, node_crash, found \"link_cutt\"; did you mean \"link_cut\"?")]
    [TestCase("kind: LinkCut", "x.yaml:3:11 faults[0].kind: expected one of link_cut, node_crash, found \"LinkCut\"; did you mean \"link_cut\"?")]
    [TestCase("kind: flood", "x.yaml:3:11 faults[0].kind: expected one of link_cut, node_crash, found \"flood\"")]
    [TestCase("kind: [link_cut]", "x.yaml:3:11 faults[0].kind: expected one of link_cut, node_crash, found a list")]
    [TestCase("kind:", "x.yaml:3:10 faults[0].kind: expected one of link_cut, node_crash, found an empty value")]
    public void AnUnknownKindIsReportedAtItsValueWithTheKnownKinds(string line, string error)
    {
        Assert.That(ErrorsOf(Incident.Replace("kind: link_cut", line)), Is.EqualTo(new[] { error }));
    }

    [Test]
    public void AFieldTheChosenKindDoesNotHaveIsUnknownWithASuggestionAmongItsFields()
    {
        var errors = ErrorsOf(Incident.Replace("    loss: 50%\n", "    loss: 50%\n    nodes: 3\n    repair_aftr: 5m\n    ignored: 1\n"));

        Assert.That(errors, Is.EqualTo(new[]
        {
            "x.yaml:7:5 faults[0].nodes: unknown field \"nodes\" for kind \"link_cut\" (a field of node_crash)",
            "x.yaml:8:5 faults[0].repair_aftr: unknown field \"repair_aftr\" for kind \"link_cut\"; did you mean \"repair_after\"?",
            "x.yaml:9:5 faults[0].ignored: unknown field \"ignored\" for kind \"link_cut\"",
        }));
    }

    [Test]
    public void AKindsConstraintsRequiredFieldsAndOwnChecksApply()
    {
        var errors = ErrorsOf(Incident
            .Replace("    link: a-b\n", "")
            .Replace("loss: 50%", "loss: 150%")
            .Replace("    restart_after: 5m\n", "")
            .Replace("at: 1h", "at: -1h"));

        Assert.That(errors, Is.EqualTo(new[]
        {
            "x.yaml:5:11 faults[0].loss: expected a fraction between 0% and 100%, found \"150%\"",
            "x.yaml:3:5 faults[0].link: missing required field \"link\" for kind \"link_cut\"",
            "x.yaml:7:9 faults[1].at: expected a non-negative duration, found \"-1h\"",
            "x.yaml:6:5 faults[1].restart_after: restarts need restart_after",
        }));
    }

    [Test]
    public void AnOverrideReachesAFieldOfAListItemsKind()
    {
        var incident = Load(Incident, "faults[0].repair_after=5m", "faults[1].restarts=0", "first.nodes=4");

        Assert.That(((TestLinkCut)incident.Faults[0]).RepairAfter, Is.EqualTo(Duration.FromMinutes(5)));
        Assert.That(((TestNodeCrash)incident.Faults[1]).Restarts, Is.Zero);
        Assert.That(((TestNodeCrash)incident.First!).Nodes, Is.EqualTo(4));
    }

    [Test]
    public void AFilesSetMappingReachesAFieldOfAListItemsKind()
    {
        var incident = Load(Incident + "set:\n  faults[0].loss: 25%\n");

        Assert.That(((TestLinkCut)incident.Faults[0]).Loss, Is.EqualTo(Fraction.FromPercent(25)));
    }

    [Test]
    public void AnOverrideIsCheckedAgainstTheFieldsOfTheItemsKind()
    {
        Assert.That(ErrorsOf(Incident, "faults[0].nodes=3", "faults[0].repair_aftr=5m", "faults[1].link=x", "faults[0].loss=2"), Is.EqualTo(new[]
        {
            "--set faults[0].nodes: unknown field \"nodes\" for kind \"link_cut\" (a field of node_crash)",
            "--set faults[0].repair_aftr: unknown field \"repair_aftr\" for kind \"link_cut\"; did you mean \"repair_after\"?",
            "--set faults[1].link: unknown field \"link\" for kind \"node_crash\" (a field of link_cut)",
            "--set faults[0].loss: expected a fraction between 0% and 100%, found \"2\"",
        }));
    }

    [Test]
    public void AnOverrideThroughAUnionWhoseKindIsNotKnownSaysWhy()
    {
        string withoutFirst = Incident[..Incident.IndexOf("first:", StringComparison.Ordinal)];

        Assert.That(ErrorsOf(Incident.Replace("kind: link_cut", "kind: lnk_cut"), "faults[0].link=x"), Is.EqualTo(new[]
        {
            "--set faults[0].link: cannot set \"link\": faults[0].kind is \"lnk_cut\" in the scenario, not one of link_cut, node_crash",
            "x.yaml:3:11 faults[0].kind: expected one of link_cut, node_crash, found \"lnk_cut\"; did you mean \"link_cut\"?",
        }));
        Assert.That(ErrorsOf(withoutFirst, "first.nodes=2"), Is.EqualTo(new[]
        {
            "--set first.nodes: cannot set \"nodes\": first.kind is not in the scenario, so the fields are not known (set it first)",
        }));
        Assert.That(ErrorsOf(withoutFirst, "first=3"), Is.EqualTo(new[]
        {
            "--set first: expected a mapping with \"kind\" (one of link_cut, node_crash) and that kind's fields, found \"3\"",
        }));
    }

    [Test]
    public void OverridesCanChooseAKindAndThenSetItsFields()
    {
        string withoutFirst = Incident[..Incident.IndexOf("first:", StringComparison.Ordinal)];

        var incident = Load(withoutFirst, "first.kind=link_cut", "first.at=2h", "first.link=c-d");

        Assert.That(incident.First, Is.EqualTo(new TestLinkCut { At = Duration.FromHours(2), Link = "c-d" }));
        Assert.That(ErrorsOf(Incident, "faults[0].kind=node_crash"), Is.EqualTo(new[]
        {
            "x.yaml:5:5 faults[0].link: unknown field \"link\" for kind \"node_crash\" (a field of link_cut)",
            "x.yaml:6:5 faults[0].loss: unknown field \"loss\" for kind \"node_crash\" (a field of link_cut)",
            "x.yaml:3:5 faults[0].nodes: missing required field \"nodes\" for kind \"node_crash\"",
        }));
    }

    private static readonly JsonObject Schema = JsonNode.Parse(ScenarioSchema.Generate(typeof(TestIncident)))!.AsObject();

    private static JsonObject Def(string name) => Schema["$defs"]![name]!.AsObject();

    [Test]
    public void TheSchemaIsOneOfTheKindsEachAClosedObjectWithItsKindAsAConst()
    {
        Assert.That(Def("TestFault").ToJsonString(), Is.EqualTo(
            "{\"description\":\"Something that goes wrong.\",\"oneOf\":[{\"$ref\":\"#/$defs/TestLinkCut\"},{\"$ref\":\"#/$defs/TestNodeCrash\"}]}"));
        var cut = Def("TestLinkCut");
        Assert.That(cut["description"]!.GetValue<string>(), Is.EqualTo("A network link is cut."));
        Assert.That(cut["properties"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "kind", "at", "label", "link", "loss", "repair_after" }));
        Assert.That(cut["properties"]!["kind"]!.ToJsonString(), Is.EqualTo("{\"type\":\"string\",\"const\":\"link_cut\"}"));
        Assert.That(cut["properties"]!["at"]!["description"]!.GetValue<string>(), Is.EqualTo("Time of the fault."));
        Assert.That(cut["required"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "kind", "at", "link" }));
        Assert.That(cut["additionalProperties"]!.GetValue<bool>(), Is.False);
        Assert.That(Def("TestNodeCrash")["properties"]!["kind"]!["const"]!.GetValue<string>(), Is.EqualTo("node_crash"));
        Assert.That(Def("TestIncident")["properties"]!["faults"]!.ToJsonString(), Is.EqualTo("{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/TestFault\"}}"));
        Assert.That(Def("TestIncident")["properties"]!["first"]!.ToJsonString(), Is.EqualTo(
            "{\"anyOf\":[{\"$ref\":\"#/$defs/TestFault\"},{\"type\":\"null\"}],\"description\":\"The fault that starts it.\"}"));
        Assert.That(Schema["$defs"]!.AsObject().Select(p => p.Key), Has.None.Contains("TestUnlistedFault"));
    }

    [Test]
    public void APartialUnionIsAnyOfPartialKindsWithNothingRequired()
    {
        Assert.That(Def("TestFault.partial")["anyOf"]!.ToJsonString(),
            Is.EqualTo("[{\"$ref\":\"#/$defs/TestLinkCut.partial\"},{\"$ref\":\"#/$defs/TestNodeCrash.partial\"}]"));
        Assert.That(Def("TestLinkCut.partial")["required"], Is.Null);
        Assert.That(Def("TestLinkCut.partial")["properties"]!["kind"]!["const"]!.GetValue<string>(), Is.EqualTo("link_cut"));
    }

    [TestCase("", new string[0])]
    [TestCase("  - {kind: link_cut, at: 1m, link: x, nodes: 3}\n", new[] { "$.faults[2]: matches 0 of oneOf" })]
    [TestCase("  - {at: 1m, link: x}\n", new[] { "$.faults[2]: matches 0 of oneOf" })]
    [TestCase("  - {kind: flood, at: 1m}\n", new[] { "$.faults[2]: matches 0 of oneOf" })]
    public void TheSchemaAcceptsWhatTheLoaderAcceptsAndRefusesWhatItRefuses(string extraFault, string[] failures)
    {
        string yaml = Incident.Replace("first:", extraFault + "first:");
        var validator = new MiniSchemaValidator(Schema);

        Assert.That(validator.Validate(ScenarioSchemaTests.AsJson(yaml)), Is.EqualTo(failures));
        Assert.That(validator.Validate(ScenarioSchemaTests.AsJson("extends: base.yaml\nfirst: {nodes: 2}\n")), Is.Empty,
            "a file that extends another may leave the kind to its base");
    }

    [Test]
    public void AKindWithAFieldNamedLikeTheKeyIsAProgrammingError()
    {
        Assert.That(() => ScenarioSchema.Generate(typeof(TestClashingModel)), Throws.InvalidOperationException.With.Message.EqualTo(
            "TestClashingKind: a field named \"kind\" would clash with the key that chooses the kind of TestClashingUnion"));
    }
}
