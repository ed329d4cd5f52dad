using NUnit.Framework;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;

namespace Simulator.Tests.Replay;

/// <summary>The committed JSON Schema is the one generated from the scenario types (regenerate with <c>replsim schema</c>).</summary>
[TestFixture]
public sealed class SchemaFileTests
{
    [Test]
    public void TheCommittedSchemaMatchesTheScenarioTypes()
    {
        string path = Path.Combine(RepositoryPaths.Root, "scenarios", "scenario.schema.json");
        string generated = ScenarioSchema.Generate(typeof(Scenario));
        if (Environment.GetEnvironmentVariable("REPLSIM_WRITE_SCHEMA") == "1") File.WriteAllText(path, generated);
        Assert.That(File.Exists(path), Is.True, "scenarios/scenario.schema.json is missing; run: replsim schema > scenarios/scenario.schema.json");
        Assert.That(File.ReadAllText(path), Is.EqualTo(generated), "the schema is stale; run: replsim schema > scenarios/scenario.schema.json");
    }
}
