using System.Reflection;
using NUnit.Framework;
using Simulator.Experiments;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;
using Simulator.Tests.Replay;
using Simulator.Units;

namespace Simulator.Tests.Scenarios;

public sealed class ScenarioScalerTests
{
    private static Scenario April() => ScenarioRunner.Load(RepositoryPaths.Scenario("aws-2011-us-east-1.yaml")).Model;

    [Test]
    public void EveryCountRateAndBandwidthOfTheModelSaysWhetherItScales()
    {
        var quantities = new[] { typeof(int), typeof(long), typeof(Rate), typeof(Bandwidth) };
        var types = ScenarioScaler.ModelTypes(typeof(Scenario));
        Assert.That(types.Select(t => t.Name), Does.Contain("RoutingChangeFault").And.Contain("AddCapacityAction"), "kinds are walked");
        var undecided = types
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } && quantities.Contains(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType))
            .Where(p => p.GetCustomAttribute<ScaledAttribute>() is null && p.GetCustomAttribute<UnscaledAttribute>() is null)
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();
        Assert.That(undecided, Is.Empty, "mark each [Scaled] or [Unscaled(\"why\")]");
    }

    [Test]
    public void ScalingMultipliesTheScaledFieldsAndNothingElse()
    {
        var before = April();
        var after = ScenarioScaler.Scale(before, 0.1);
        var (c0, c1) = (before.Topology.Regions[0].Zones[0].Clusters[0], after.Topology.Regions[0].Zones[0].Clusters[0]);

        Assert.That(c1.Nodes, Is.EqualTo(200));
        Assert.That(c1.Volumes, Is.EqualTo(10_000));
        Assert.That(c1.PrimaryNetwork.BitsPerSecond, Is.EqualTo(c0.PrimaryNetwork.BitsPerSecond * 0.1));
        Assert.That(c1.SecondaryNetwork.BitsPerSecond, Is.EqualTo(c0.SecondaryNetwork.BitsPerSecond * 0.1));
        Assert.That(after.ControlPlane.Workers, Is.EqualTo(10));
        Assert.That(after.ControlPlane.QueueLimit, Is.EqualTo(500));
        Assert.That(after.ControlPlane.Api.Select(a => a.RatePerZone.PerSecond),
            Is.EqualTo(before.ControlPlane.Api.Select(a => a.RatePerZone.PerSecond * 0.1)));
        Assert.That(after.Databases!.SingleZone!.Count, Is.EqualTo(200));
        Assert.That(after.Databases.MultiZone!.Count, Is.EqualTo(100));

        // Per-item quantities keep their values; the input is not modified.
        Assert.That(c1.NodeTraffic, Is.EqualTo(c0.NodeTraffic));
        Assert.That(c1.VolumeWrites, Is.EqualTo(c0.VolumeWrites));
        Assert.That(after.Replication, Is.SameAs(before.Replication));
        Assert.That(c0.Nodes, Is.EqualTo(2000));
        Assert.That(after with { Topology = before.Topology, ControlPlane = before.ControlPlane, Databases = before.Databases, Operators = before.Operators },
            Is.EqualTo(before), "nothing else differs");
    }

    [Test]
    public void ScaledCountsRoundToNearestAndKeepTheirMinimum()
    {
        var tiny = ScenarioScaler.Scale(April(), 1e-6);
        var cluster = tiny.Topology.Regions[0].Zones[0].Clusters[0];
        Assert.That(cluster.Nodes, Is.EqualTo(3), "a cluster keeps three nodes");
        Assert.That(cluster.Volumes, Is.EqualTo(1));
        Assert.That(tiny.ControlPlane.Workers, Is.EqualTo(1));
        Assert.That(tiny.Databases!.SingleZone!.Count, Is.EqualTo(0), "databases may scale to none");
        Assert.That(ScenarioScaler.Scale(April(), 0.37).Topology.Regions[0].Zones[0].Clusters[0].Nodes, Is.EqualTo(740));
        var same = April();
        Assert.That(ScenarioScaler.Scale(same, 1), Is.SameAs(same));
    }

    [Test]
    public void TheReadmeListsExactlyTheScaledFields()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        int start = readme.IndexOf("<!-- scaled-fields -->", StringComparison.Ordinal);
        int end = readme.IndexOf("<!-- /scaled-fields -->", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0).And.LessThan(end), "README marks its list of scaled fields");
        var listed = readme[start..end].Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("- `", StringComparison.Ordinal))
            .Select(l => l[3..l.IndexOf('`', 3)]).ToList();
        Assert.That(listed, Is.EquivalentTo(ScenarioScaler.ScaledFields(typeof(Scenario)).Select(f => f.Path)));
    }
}
