using NUnit.Framework;
using Simulator.Durability;
using Simulator.Tests.Replay;

namespace Simulator.Tests.Durability;

/// <summary>The shipped durability scenarios load as durability scenarios, and say what their comments say.</summary>
public sealed class DurabilityScenarioFilesTests
{
    private static IEnumerable<string> Shipped() =>
        RepositoryPaths.ShippedScenarioFiles("durability/").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(Shipped))]
    public void ShippedDurabilityScenarioLoads(string name)
    {
        string path = RepositoryPaths.Scenario(Path.Combine("durability", name));
        Assert.That(DurabilityExperiment.IsDurabilityFile(path));
        var loaded = DurabilityExperiment.Load(path, []);
        Assert.That(loaded.Model.Name, Is.EqualTo(Path.GetFileNameWithoutExtension(name)));
        Assert.That(loaded.Sha256, Has.Length.EqualTo(64));
    }

    [Test]
    public void TheBurstVariantChangesOnlyTheBursts()
    {
        var plain = (MttdlSpec)DurabilityExperiment.Load(RepositoryPaths.Scenario("durability/mttdl-r3.yaml"), []).Model.Durability;
        var bursts = (MttdlSpec)DurabilityExperiment.Load(RepositoryPaths.Scenario("durability/mttdl-r3-bursts.yaml"), []).Model.Durability;
        Assert.That(bursts with { Bursts = null, Nodes = null }, Is.EqualTo(plain));
        Assert.That(bursts.Bursts!.Share.Value, Is.EqualTo(0.37).Within(1e-12));
        Assert.That(bursts.Model().IndependentPerHour, Is.LessThan(plain.Model().IndependentPerHour), "same overall rate, fewer failures on their own");
    }

    [Test]
    public void ASimulationScenarioIsNotADurabilityOne() =>
        Assert.That(DurabilityExperiment.IsDurabilityFile(RepositoryPaths.Scenario("aws-2011-us-east-1.yaml")), Is.False);
}
