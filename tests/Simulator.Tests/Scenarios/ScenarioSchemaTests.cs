using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Simulator.Engine;
using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Tests.Scenarios;

public sealed class ScenarioSchemaTests
{
    private static readonly string Text = ScenarioSchema.Generate(typeof(TestScenario));
    private static readonly JsonObject Schema = JsonNode.Parse(Text)!.AsObject();

    private static JsonObject Def(string name) => Schema["$defs"]![name]!.AsObject();

    /// <summary>The YAML document as JSON, with plain scalars typed by the YAML 1.2 core schema (as editors do).</summary>
    internal static JsonNode? AsJson(string yaml)
    {
        var node = YamlSourceReader.Read(yaml, "x.yaml", [])!;
        return Convert(node);

        static JsonNode? Convert(SourceNode n) => n.Kind switch
        {
            SourceNodeKind.Mapping => new JsonObject(n.Entries.Select(e => KeyValuePair.Create(e.Key, Convert(e.Value)))),
            SourceNodeKind.Sequence => new JsonArray(n.Items.Select(Convert).ToArray()),
            _ => LeafValues.PlainType(n) switch
            {
                "null" => null,
                "boolean" => JsonValue.Create(n.Text is "true" or "True" or "TRUE"),
                "number" => JsonValue.Create(double.Parse(n.Text, CultureInfo.InvariantCulture)),
                _ => JsonValue.Create(n.Text),
            },
        };
    }

    private static List<string> Validate(string yaml) => new MiniSchemaValidator(Schema).Validate(AsJson(yaml));

    [Test]
    public void GenerationIsDeterministicWithLfNewlinesAndTwoSpaceIndent()
    {
        string again = ScenarioSchema.Generate(typeof(TestScenario));

        Assert.That(again, Is.EqualTo(Text));
        Assert.That(Text, Does.Not.Contain("\r"));
        Assert.That(Text, Does.EndWith("}\n"));
        Assert.That(Text, Does.StartWith("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"));
        var names = Schema["$defs"]!.AsObject().Select(p => p.Key).ToList();
        Assert.That(names, Is.EqualTo(names.OrderBy(n => n, StringComparer.Ordinal).ToList()));
    }

    [Test]
    public void RecordsAreClosedObjectsWithTheirRequiredFieldsInSnakeCase()
    {
        var scenario = Def("TestScenario");

        Assert.That(scenario["additionalProperties"]!.GetValue<bool>(), Is.False);
        Assert.That(scenario["required"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "name", "horizon", "topology" }));
        Assert.That(scenario["properties"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[]
        {
            "$schema", "extends", "set", "name", "notes", "seed", "horizon", "start", "topology", "control_plane", "retry", "stuck_targets", "tags",
        }));
        Assert.That(Def("TestCluster")["required"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "nodes", "node_capacity" }));
        Assert.That(Def("TestCluster")["properties"]!["nodes"]!.ToJsonString(), Is.EqualTo("{\"type\":\"integer\",\"exclusiveMinimum\":0}"));
    }

    [Test]
    public void EnumsNullablesConstraintsAndDescriptionsAreWritten()
    {
        Assert.That(Def("TestControlPlane")["properties"]!["scope"]!.ToJsonString(),
            Is.EqualTo("{\"type\":\"string\",\"enum\":[\"regional\",\"per_zone\"],\"default\":\"regional\"}"));
        Assert.That(Def("TestRetry")["properties"]!["budget"]!.ToJsonString(),
            Is.EqualTo("{\"type\":[\"integer\",\"null\"],\"minimum\":0}"));
        Assert.That(Def("TestRetry")["properties"]!["multiplier"]!.ToJsonString(),
            Is.EqualTo("{\"type\":\"number\",\"minimum\":1,\"maximum\":10,\"default\":2}"));
        Assert.That(Def("TestControlPlane")["properties"]!["request_timeout"]!["default"]!.GetValue<string>(), Is.EqualTo("30s"));
        Assert.That(Def("TestCluster")["properties"]!["free_fraction"]!["default"]!.GetValue<string>(), Is.EqualTo("20%"));
        Assert.That(Def("TestTopology")["properties"]!["regions"]!.ToJsonString(),
            Is.EqualTo("{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/TestRegion\"},\"minItems\":1}"));
        Assert.That(Def("TestCluster")["properties"]!["free_fraction"]!["maximum"]!.GetValue<double>(), Is.EqualTo(0.5));
        var capacity = Def("TestCluster")["properties"]!["node_capacity"]!;
        Assert.That(capacity["description"]!.GetValue<string>(), Is.EqualTo("Disk space of one node."));
        Assert.That(capacity["examples"]!.AsArray().Select(e => e!.GetValue<string>()), Does.Contain("500GiB"));
        Assert.That(Def("TestScenario")["properties"]!["name"]!.ToJsonString(),
            Is.EqualTo("{\"type\":\"string\",\"minLength\":1,\"description\":\"Name of the scenario.\"}"));
    }

    [Test]
    public void TheGoodScenarioIsAccepted()
    {
        Assert.That(Validate(ScenarioText.Good), Is.Empty);
        Assert.That(Validate(ScenarioText.Minimal), Is.Empty);
    }

    [TestCase("seed: abc", "$.seed: not integer")]
    [TestCase("seed: \"7\"", "$.seed: not integer")]
    [TestCase("notes: 2011", "$.notes: not string or null")]
    [TestCase("weather: sunny", "$: unknown weather")]
    [TestCase("control_plane: {scope: global}", "$.control_plane.scope: not in enum")]
    [TestCase("retry: {budget: -1}", "$.retry.budget: below minimum")]
    [TestCase("retry: {interval: 5 parsecs}", "$.retry.interval: \"5 parsecs\" does not match the pattern")]
    [TestCase("stuck_targets: {az1: 1.3}", "$.stuck_targets.az1: above maximum")]
    public void WhatTheLoaderRefusesTheSchemaRefuses(string line, string failure)
    {
        Assert.That(Validate(ScenarioText.Minimal + line + "\n"), Is.EqualTo(new[] { failure }));
    }

    [Test]
    public void MissingRequiredFieldsAreRefusedUnlessTheFileExtendsAnother()
    {
        Assert.That(Validate("name: x\ncontrol_plane: {workers: 8}\n"), Is.EqualTo(new[] { "$: missing horizon", "$: missing topology" }));
        Assert.That(Validate("extends: base.yaml\ncontrol_plane: {workers: 8}\n"), Is.Empty);
        Assert.That(Validate("extends: base.yaml\ncontrol_plane: {workerz: 8}\n"), Is.EqualTo(new[] { "$.control_plane: unknown workerz" }));
        Assert.That(Validate("extends: base.yaml\ntopology: {regions: [{name: r}]}\n"), Is.EqualTo(new[] { "$.topology.regions[0]: missing zones" }),
            "lists replace the base's, so their items must be whole");
    }

    private static readonly string[] Candidates =
    [
        "500GiB", "1TiB", "1.5TiB", "10GB", "4096B", "12 parsecs", "10", "-3GiB", "1e3MiB", " 2 MiB ", "1gib",
        "10Gbps", "400Mbps", "1.25GB/s", "100MiB/s", "10gbps", "10Gbs", "1Gbit/s",
        "20/s", "1200/min", "3/h", "0.5/d", "3/H", "20 / s", "20", "20/fortnight",
        "250ms", "90s", "15m", "96h", "7d", "1y", "10us", "2 Hours", "1.5h", "1e3s", "h",
        "13%", "0.13", "2.5%", "13 %", "lots", ".5",
        "2011-04-21T00:47:00-07:00", "2011-04-21", "2011-04-21T07:47:00Z", "21/04/2011", "2011-04-21 07:47", "2011-4-21",
    ];

    private static IEnumerable<TestCaseData> UnitCases()
    {
        yield return new TestCaseData("node_capacity", "TestCluster", (Func<string, bool>)(t => ByteSize.TryParse(t, out _, out _)));
        yield return new TestCaseData("inter_zone_bandwidth", "TestRegion", (Func<string, bool>)(t => Bandwidth.TryParse(t, out _, out _)));
        yield return new TestCaseData("arrival_rate", "TestControlPlane", (Func<string, bool>)(t => Rate.TryParse(t, out _, out _)));
        yield return new TestCaseData("request_timeout", "TestControlPlane", (Func<string, bool>)(t => Duration.TryParse(t, out _, out _)));
        yield return new TestCaseData("free_fraction", "TestCluster", (Func<string, bool>)(t => Fraction.TryParse(t, allowAboveOne: true, out var f, out _) && f.Value <= 0.5 && !t.Contains('e', StringComparison.OrdinalIgnoreCase)));
        yield return new TestCaseData("start", "TestScenario", (Func<string, bool>)ReadsAsDate);
    }

    private static bool ReadsAsDate(string text) => LeafValues.TryRead(
        SourceNode.Scalar("x.yaml", 1, 1, text, isPlain: true),
        new ValueShape { Kind = ValueKind.DateTimeOffset, ClrType = typeof(DateTimeOffset), Type = typeof(DateTimeOffset) },
        out _, out _);

    [TestCaseSource(nameof(UnitCases))]
    public void AUnitPatternAcceptsExactlyWhatItsParserAccepts(string property, string definition, Func<string, bool> parses)
    {
        var schema = Def(definition)["properties"]![property]!.AsObject();
        var pattern = new Regex(schema["pattern"]!.GetValue<string>());

        foreach (string text in Candidates)
            Assert.That(pattern.IsMatch(text), Is.EqualTo(parses(text)), $"\"{text}\" for {property}");
        foreach (var example in schema["examples"]!.AsArray().Where(e => e!.GetValueKind() == System.Text.Json.JsonValueKind.String))
            Assert.That(parses(example!.GetValue<string>()), Is.True, example!.GetValue<string>());
    }
}
