using NUnit.Framework;
using Simulator.Scenarios;

namespace Simulator.Tests.Scenarios;

public sealed class ModelConventionTests
{
    [TestCase("NodeCapacity", "node_capacity")]
    [TestCase("PerZone", "per_zone")]
    [TestCase("FullJitter", "full_jitter")]
    [TestCase("SizeGiB", "size_gib")]
    [TestCase("BandwidthGbps", "bandwidth_gbps")]
    [TestCase("APIRate", "api_rate")]
    [TestCase("Ec2Api", "ec2_api")]
    [TestCase("Seed", "seed")]
    public void PropertyAndMemberNamesBecomeSnakeCase(string name, string yaml)
    {
        Assert.That(SnakeCase.From(name), Is.EqualTo(yaml));
    }

    [Test]
    public void AModelThatBreaksTheConventionsIsAProgrammingErrorNotAScenarioError()
    {
        Assert.That(() => ScenarioSchema.Generate(typeof(PositionalModel)),
            Throws.InvalidOperationException.With.Message.Contains("parameterless constructor"));
        Assert.That(() => ScenarioSchema.Generate(typeof(MisusedConstraintModel)),
            Throws.InvalidOperationException.With.Message.EqualTo("MisusedConstraintModel.Name: [Positive] does not apply to String"));
    }

    [Test]
    public void AConstraintOnAListAppliesToEachElement()
    {
        using var files = new ScenarioFiles();
        string path = files.Write("x.yaml", ScenarioText.Minimal.Replace("nodes: 3", "nodes: 3\n              power_domains: [0, -1]"));

        Assert.That(ScenarioText.Errors(path), Is.EqualTo(new[]
        {
            "x.yaml:10:34 topology.regions[0].zones[0].clusters[0].power_domains[1]: expected a non-negative integer, found \"-1\"",
        }));
    }
}
