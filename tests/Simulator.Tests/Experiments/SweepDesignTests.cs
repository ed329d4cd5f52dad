using NUnit.Framework;
using Simulator.Experiments;
using Simulator.Scenarios;

namespace Simulator.Tests.ExperimentLayer;

public sealed class SweepDesignTests
{
    [Test]
    public void AGridTakesEveryCombinationTheFirstParameterSlowest()
    {
        var (parameters, points) = SweepDesign.Grid([SweepDesign.Parse("a=1%,5%"), SweepDesign.Parse("b.c=x,y,z")]);
        Assert.That(parameters.Select(p => p.Path), Is.EqualTo(new[] { "a", "b.c" }));
        Assert.That(points.Select(p => p.Id), Is.EqualTo(Enumerable.Range(0, 6)));
        Assert.That(points.Select(p => string.Join("|", p.Values)),
            Is.EqualTo(new[] { "1%|x", "1%|y", "1%|z", "5%|x", "5%|y", "5%|z" }));
    }

    [TestCase("replication.retry.interval=1s..60s:4", new[] { "1s", "20.67s", "40.33s", "60s" })]
    [TestCase("replication.retry.interval=1s..100s:3:log", new[] { "1s", "10s", "100s" })]
    [TestCase("topology.regions[0].zones[0].clusters[0].free_capacity=1%..25%:4", new[] { "1%", "9%", "17%", "25%" })]
    [TestCase("control_plane.workers=10..100:4", new[] { "10", "40", "70", "100" })]
    [TestCase("control_plane.workers=1..2:3", new[] { "1", "2", "2" })]
    [TestCase("replication.crash.per_closure_probability=0.5e-6..1.5e-6:3", new[] { "0.0000005", "0.000001", "0.0000015" })]
    public void ARangeInterpolatesTheNumberAndKeepsTheUnitRoundingIntegerFields(string vary, string[] values)
    {
        Assert.That(SweepDesign.Grid([SweepDesign.Parse(vary)]).Points.Select(p => p.Values[0]), Is.EqualTo(values));
    }

    [Test]
    public void ListValuesMayBeFlowListsWithCommasInside()
    {
        Assert.That(SweepDesign.Parse("x=[1, 2],[3, 4]").Values, Is.EqualTo(new[] { "[1, 2]", "[3, 4]" }));
    }

    [Test]
    public void ALatinHypercubePutsOnePointInEachStratumOfEveryParameter()
    {
        const int k = 20;
        var specs = new[] { SweepDesign.Parse("replication.retry.interval=1s..61s"), SweepDesign.Parse("z=a,b,c,d") };
        var (parameters, points) = SweepDesign.LatinHypercube(specs, k, seed: 7);

        Assert.That(parameters.Select(p => p.Values), Has.All.Empty);
        Assert.That(points, Has.Count.EqualTo(k));
        var strata = points.Select(p => (int)Math.Floor((double.Parse(p.Values[0].TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture) - 1) / 60 * k));
        Assert.That(strata.Order(), Is.EqualTo(Enumerable.Range(0, k)), "each twentieth of 1s..61s once");
        Assert.That(points.GroupBy(p => p.Values[1]).ToDictionary(g => g.Key, g => g.Count()),
            Is.EqualTo(new Dictionary<string, int> { ["a"] = 5, ["b"] = 5, ["c"] = 5, ["d"] = 5 }), "each of 4 listed values in 5 of the 20 strata");
    }

    [Test]
    public void ALatinHypercubeIsAFunctionOfTheSeed()
    {
        var specs = new[] { SweepDesign.Parse("a=0..1"), SweepDesign.Parse("b=10..20") };
        string Points(ulong seed) => string.Join(";", SweepDesign.LatinHypercube(specs, 8, seed).Points.Select(p => string.Join(",", p.Values)));
        string once = Points(1);
        Assert.That(Points(1), Is.EqualTo(once));
        Assert.That(Points(2), Is.Not.EqualTo(once));
    }

    [TestCase("x=", "has no values")]
    [TestCase("x=  ", "has no values")]
    [TestCase("x=1,,2", "has an empty value")]
    [TestCase("x=1,", "has an empty value")]
    [TestCase("=1,2", "expected path=v1,v2")]
    [TestCase("x=60s..1s:3", "lo <= hi")]
    [TestCase("x=1s..2m:3", "same unit")]
    [TestCase("x=1..2:1", "at least 2 steps")]
    [TestCase("x=1..2:many", "at least 2 steps")]
    [TestCase("x=0..2:3:log", "needs lo > 0")]
    public void ABadVaryIsRefusedNamingItAndThePath(string vary, string reason)
    {
        var e = Assert.Throws<ScenarioException>(() => SweepDesign.Parse(vary))!;
        Assert.That(e.Errors.Single().File, Is.EqualTo("--vary"));
        Assert.That(e.Errors.Single().Message, Does.Contain(reason));
    }

    [Test]
    public void AGridNeedsStepsAndAHypercubeNeedsNone()
    {
        var grid = Assert.Throws<ScenarioException>(() => SweepDesign.Grid([SweepDesign.Parse("x=1..2")]))!;
        Assert.That(grid.Errors.Single().Message, Does.Contain("a grid needs the number of values: write 1..2:steps"));
        var lhs = Assert.Throws<ScenarioException>(() => SweepDesign.LatinHypercube([SweepDesign.Parse("x=1..2:3")], 5, 1))!;
        Assert.That(lhs.Errors.Single().Message, Does.Contain("steps are for grids"));
        var twice = Assert.Throws<ScenarioException>(() => SweepDesign.Grid([SweepDesign.Parse("x=1,2"), SweepDesign.Parse("x=3")]))!;
        Assert.That(twice.Errors.Single().Message, Does.Contain("is varied 2 times"));
    }

    [Test]
    public void AnUnknownPathIsRefusedWithADidYouMeanPointingAtVary()
    {
        var e = Assert.Throws<ScenarioException>(() => ExperimentSetup.ForSweep(TinyExperiments.Replay,
            ["topology.regions[0].zones[0].clusters[0].free_capasity=1%,5%"], null, TinyExperiments.Settings(1), TinyExperiments.Load))!;
        Assert.That(e.Errors.Select(x => x.ToString()), Is.EqualTo(new[]
        {
            "--vary topology.regions[0].zones[0].clusters[0].free_capasity: unknown field \"free_capasity\"; did you mean \"free_capacity\"?",
        }));
    }

    [Test]
    public void AValueOfTheWrongTypeOrARangeOverNamesIsRefused()
    {
        var wrong = Assert.Throws<ScenarioException>(() => ExperimentSetup.ForSweep(TinyExperiments.Replay,
            [$"{TinyExperiments.FreeCapacityPath}=5%,lots"], null, TinyExperiments.Settings(1), TinyExperiments.Load))!;
        Assert.That(wrong.Errors.Single().File, Is.EqualTo("--vary"));
        Assert.That(wrong.Errors.Single().ToString(), Does.Contain("lots"));
        var names = Assert.Throws<ScenarioException>(() => ExperimentSetup.ForSweep(TinyExperiments.Replay,
            ["replication.retry.policy=1..3:3"], null, TinyExperiments.Settings(1), TinyExperiments.Load))!;
        Assert.That(names.Errors.Single().Message, Does.Contain("a range needs a numeric field"));
    }
}
