using NUnit.Framework;
using Simulator.Experiments;

namespace Simulator.Tests.ExperimentLayer;

public sealed class ExperimentPlanTests
{
    [Test]
    public void UnitIndexIsVariantThenPointThenReplication()
    {
        var plan = ShardTests.PlanOf(variants: 2, points: 3, replications: 4);
        Assert.That(plan.UnitCount, Is.EqualTo(24));
        // ((variant × P) + point) × N + replication
        Assert.That(plan.IndexOf(1, 2, 3), Is.EqualTo(((1 * 3) + 2) * 4 + 3));
        for (int i = 0; i < plan.UnitCount; i++)
        {
            var unit = plan.Unit(i);
            Assert.That(plan.IndexOf(unit.Variant, unit.Point, unit.Replication), Is.EqualTo(i));
        }
        Assert.That(plan.Unit(13), Is.EqualTo(new UnitKey(13, 1, 0, 1)));
    }

    [Test]
    public void APointAddsItsValuesAfterThePlansOverrides()
    {
        var plan = ShardTests.PlanOf(variants: 1, points: 3, replications: 1) with { Overrides = ["seed=3"] };
        Assert.That(plan.OverridesAt(2), Is.EqualTo(new[] { "seed=3", "horizon=3h" }));
    }

    [Test]
    public void ThePlanHashIgnoresWhereTheFilesAreButNotWhatDecidesTheResults()
    {
        var plan = ShardTests.PlanOf(variants: 2, points: 1, replications: 3);
        var moved = plan with { Variants = [.. plan.Variants.Select(v => v with { Path = "elsewhere/" + v.Path, FullPath = "/scratch" + v.FullPath })] };
        Assert.That(moved.Sha256, Is.EqualTo(plan.Sha256));
        Assert.That((plan with { Seed = 2 }).Sha256, Is.Not.EqualTo(plan.Sha256));
        Assert.That((plan with { Replications = 4 }).Sha256, Is.Not.EqualTo(plan.Sha256));
        Assert.That((plan with { Scale = 0.5 }).Sha256, Is.Not.EqualTo(plan.Sha256));
        Assert.That((plan with { Variants = [plan.Variants[0], plan.Variants[1] with { Sha256 = new string('f', 64) }] }).Sha256,
            Is.Not.EqualTo(plan.Sha256));
    }
}
