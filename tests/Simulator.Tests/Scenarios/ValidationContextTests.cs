using NUnit.Framework;
using Simulator.Scenarios;

namespace Simulator.Tests.Scenarios;

public sealed class ValidationContextTests
{
    private static ValidationContext Context(string recordPath, string yaml, params string[] failed) =>
        new(FieldPath.Parse(recordPath) ?? [], YamlSourceReader.Read(yaml, "x.yaml", [])!,
            failed.Select(f => FieldPath.Parse(f) ?? []).ToList());

    [Test]
    public void AFieldIsNotBoundWhenItOrAFieldContainingItFailed()
    {
        var context = Context("topology", "regions: [{zones: [{name: a}, 5]}]", "topology.regions[0].zones[1]", "seed");

        Assert.That(context.IsBound("regions[0].zones[0].name"), Is.True);
        Assert.That(context.IsBound("regions[0].zones[1]"), Is.False);
        Assert.That(context.IsBound("regions[0].zones[1].name"), Is.False);
        Assert.That(context.IsBound("regions[0].zones"), Is.True, "a list that was read is bound even when an item is not");
        Assert.That(context.IsBound("regions[*].zones[*].name"), Is.False);
        Assert.That(context.IsBound("regions[*].zones[0].name"), Is.True);
        Assert.That(context.IsBound("regions[0].zones[0].name", "regions[0].zones[1].name"), Is.False);
        Assert.That(context.IsBound(""), Is.True, "a failure outside the record does not concern it");
    }

    [Test]
    public void AWildcardAlsoStandsForTheKeysOfAMapping()
    {
        var context = Context("", "targets: {az1: 13%, \"a b\": x}", "targets[\"a b\"]");

        Assert.That(context.IsBound("targets.az1"), Is.True);
        Assert.That(context.IsBound("targets[\"a b\"]"), Is.False);
        Assert.That(context.IsBound("targets[*]"), Is.False);
    }

    [Test]
    public void GivenMeansInTheDocument()
    {
        var context = Context("faults[0]", "to: primary\nwindow: {from: 1h}\n");

        Assert.That(context.IsGiven("to"), Is.True);
        Assert.That(context.IsGiven("from"), Is.False);
        Assert.That(context.IsGiven("window.from"), Is.True);
        Assert.That(context.IsGiven("window.to"), Is.False);
        Assert.That(() => context.IsGiven("window..to"), Throws.ArgumentException);
        Assert.That(() => context.IsBound("zones[x]"), Throws.ArgumentException);
    }
}
