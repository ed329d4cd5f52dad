using System.Text.Json;
using Json.Schema;
using NUnit.Framework;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;
using Simulator.Tests.Scenarios;

namespace Simulator.Tests.Replay;

/// <summary>The committed JSON Schema is the one generated from the scenario types (regenerate with <c>replsim schema</c>).</summary>
[TestFixture]
public sealed class SchemaFileTests
{
    [Test]
    public void TheCommittedDurabilitySchemaMatchesItsTypes()
    {
        string path = Path.Combine(RepositoryPaths.Root, "scenarios", "durability", "durability.schema.json");
        Assert.That(File.ReadAllText(path), Is.EqualTo(ScenarioSchema.Generate(typeof(Simulator.Durability.DurabilityScenario))),
            "stale; run: replsim schema --durability > scenarios/durability/durability.schema.json");
    }

    [Test]
    public void TheCommittedSchemaMatchesTheScenarioTypes()
    {
        string path = Path.Combine(RepositoryPaths.Root, "scenarios", "scenario.schema.json");
        string generated = ScenarioSchema.Generate(typeof(Scenario));
        if (Environment.GetEnvironmentVariable("REPLSIM_WRITE_SCHEMA") == "1") File.WriteAllText(path, generated);
        Assert.That(File.Exists(path), Is.True, "scenarios/scenario.schema.json is missing; run: replsim schema > scenarios/scenario.schema.json");
        Assert.That(File.ReadAllText(path), Is.EqualTo(generated), "the schema is stale; run: replsim schema > scenarios/scenario.schema.json");
    }

    public static IEnumerable<string> ShippedScenarios() =>
        RepositoryPaths.ShippedScenarioFiles()
            .Where(f => !f.StartsWith("cluster/", StringComparison.Ordinal)); // Kubernetes manifests, not scenarios

    /// <summary>
    /// What an editor sees: each shipped scenario, read as YAML and written as JSON, against the committed schema, by a
    /// third-party Draft 2020-12 validator (JsonSchema.Net), so that schema and loader cannot drift apart.
    /// </summary>
    [TestCaseSource(nameof(ShippedScenarios))]
    public void AShippedScenarioValidatesAgainstTheSchemaInAnIndependentValidator(string relative)
    {
        // A file names its schema on its first line: scenario.schema.json, or durability.schema.json beside it.
        string scenarios = Path.Combine(RepositoryPaths.Root, "scenarios");
        string schemaFile = relative.StartsWith("durability/", StringComparison.Ordinal)
            ? Path.Combine(scenarios, "durability", "durability.schema.json") : Path.Combine(scenarios, "scenario.schema.json");
        string firstLine = File.ReadLines(Path.Combine(scenarios, relative)).First();
        Assert.That(firstLine, Does.StartWith("# yaml-language-server: $schema=").And.EndWith(Path.GetFileName(schemaFile)));
        var schema = JsonSchema.FromText(File.ReadAllText(schemaFile));
        var json = ScenarioSchemaTests.AsJson(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "scenarios", relative)));
        using var document = JsonDocument.Parse(json!.ToJsonString());

        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        var problems = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).ToList();
        Assert.That(result.IsValid, Is.True, string.Join("\n", problems.Take(10)));
    }
}
