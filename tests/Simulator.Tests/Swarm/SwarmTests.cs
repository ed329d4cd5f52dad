using NUnit.Framework;
using Simulator.Cli;
using Simulator.Engine;
using Simulator.Experiments;
using Simulator.Placement;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;
using Simulator.Swarm;

namespace Simulator.Tests.Swarm;

/// <summary><c>replsim swarm</c>: generation from a seed, loadable scenarios, thread-independent outcomes, a planted violation found.</summary>
public sealed class SwarmTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), $"replsim-swarm-{Guid.NewGuid():N}"));

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    /// <summary>A planted invariant some runs break: a volume of some cluster is short of a replica.</summary>
    private static string? NoVolumeShort(SimulationRun run) =>
        run.Clusters.FirstOrDefault(c => c.DegradedVolumes + c.StuckVolumes > 0) is { } c ? $"planted: cluster {c.Name} has a volume short of a replica" : null;

    [Test]
    public void AScenarioIsAFunctionOfItsSeedAlone()
    {
        var seeds = Enumerable.Range(0, 50).Select(i => SwarmGenerator.RunSeed(7, i)).ToList();
        Assert.That(seeds.Distinct().Count(), Is.EqualTo(seeds.Count), "run seeds collide");
        Assert.That(seeds, Is.EqualTo(Enumerable.Range(0, 50).Select(i => SwarmGenerator.RunSeed(7, i))));
        foreach (ulong seed in seeds)
        {
            var a = SwarmGenerator.Generate(seed);
            var b = SwarmGenerator.Generate(seed);
            Assert.That(b.Yaml, Is.EqualTo(a.Yaml));
            Assert.That(b.Kinds, Is.EqualTo(a.Kinds));
        }
        Assert.That(SwarmGenerator.Generate(seeds[0]).Yaml, Is.Not.EqualTo(SwarmGenerator.Generate(seeds[1]).Yaml));
    }

    [Test]
    public void EveryGeneratedScenarioLoadsAndEveryKindIsDrawn()
    {
        var drawn = new HashSet<string>();
        var placements = new HashSet<string>();
        for (int i = 0; i < 300; i++)
        {
            var scenario = SwarmGenerator.Generate(SwarmGenerator.RunSeed(1, i));
            string path = Path.Combine(_dir, $"run-{i}.yaml");
            File.WriteAllText(path, scenario.Yaml);
            Scenario model = null!;
            Assert.DoesNotThrow(() => model = ScenarioFile.Load<Scenario>(path), scenario.Yaml);
            Assert.That((ulong)model.Seed, Is.EqualTo(scenario.Seed), "the scenario carries its run seed");
            drawn.UnionWith(scenario.Kinds);
            placements.UnionWith(model.Topology.Regions.SelectMany(r => r.Zones).SelectMany(z => z.Clusters).Select(c => c.PlacementName));
            foreach (var fault in model.Faults)
            {
                string kind = fault.GetType().GetCustomAttributes(typeof(ScenarioKindAttribute), false).Cast<ScenarioKindAttribute>().Single().Name;
                Assert.That(scenario.Kinds, Does.Contain(kind == "link_cut" && !scenario.Kinds.Contains("link_cut") ? "link_heal" : kind));
            }
        }
        Assert.That(drawn, Is.EquivalentTo(SwarmKinds.All), "kinds never enabled in 300 runs");
        Assert.That(placements, Is.EquivalentTo(PlacementKinds.Names), "placement kinds never drawn in 300 runs");
    }

    [Test]
    public void TheRunsAndTheirOutcomesDoNotDependOnTheThreads()
    {
        var options = new SwarmOptions { Runs = 12, Seed = 3, ExtraInvariant = NoVolumeShort };
        var one = SwarmFolder.Run(options with { Threads = 1 }, Path.Combine(_dir, "one"), DateTimeOffset.UnixEpoch);
        var three = SwarmFolder.Run(options with { Threads = 3 }, Path.Combine(_dir, "three"), DateTimeOffset.UnixEpoch);
        Assert.That(one.Result.End, Is.EqualTo(SwarmEnd.Violation), "the planted invariant breaks in some run");
        foreach (string file in Directory.GetFiles(one.Folder).Select(Path.GetFileName).OfType<string>())
            Assert.That(File.ReadAllBytes(Path.Combine(three.Folder, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one.Folder, file))), file);
        Assert.That(Directory.GetFiles(three.Folder).Length, Is.EqualTo(Directory.GetFiles(one.Folder).Length));
    }

    [Test]
    public void APlantedViolationIsReportedWithTheCommandThatReproducesItAndExitsOne()
    {
        string outRoot = Path.Combine(_dir, "out");
        var (code, output, error) = Run(NoVolumeShort, "swarm", "--runs", "50", "--seed", "1", "--threads", "2", "--out", outRoot);
        Assert.That(code, Is.EqualTo(1), output + error);
        Assert.That(error, Does.Contain("planted: cluster"));
        string command = error.Split('\n').Single(l => l.StartsWith("reproduce: ", StringComparison.Ordinal))["reproduce: ".Length..].Trim();
        Assert.That(command, Does.StartWith("replsim swarm --replay "));
        string scenario = command["replsim swarm --replay ".Length..];
        Assert.That(File.Exists(scenario), scenario);
        string folder = Path.GetDirectoryName(scenario)!;
        Assert.That(Directory.GetFileSystemEntries(folder).Select(Path.GetFileName), Is.EquivalentTo(new[]
            { SwarmFolder.RunsFileName, SwarmFolder.SummaryFileName, Path.GetFileName(scenario) }), "nothing else, no work files left");
        var rows = File.ReadAllLines(Path.Combine(folder, SwarmFolder.RunsFileName));
        Assert.That(rows[^1], Does.Contain(",violation,"));
        Assert.That(rows.Skip(1).SkipLast(1), Has.All.Contains(",ok,"), "the swarm stops at the first violation");

        var replayed = Run(NoVolumeShort, "swarm", "--replay", scenario);
        Assert.That(replayed.Code, Is.EqualTo(1));
        Assert.That(replayed.Error, Does.Contain("planted: cluster"));
        var unplanted = Run(null, "swarm", "--replay", scenario);
        Assert.That(unplanted.Code, Is.EqualTo(0), unplanted.Error);
        Assert.That(unplanted.Output, Does.Contain("every invariant held"));
    }

    [TestCase("--runs", "0", "--runs expects a whole number of at least 1")]
    [TestCase("--threads", "many", "--threads expects a whole number of at least 1")]
    [TestCase("--budget", "soon", "--budget")]
    [TestCase("--seed", "-1", "--seed expects a non-negative integer")]
    public void BadOptionsExitTwoWritingNothing(string option, string value, string message)
    {
        string outRoot = Path.Combine(_dir, "out");
        var (code, _, error) = Run(null, "swarm", option, value, "--out", outRoot);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain(message));
        Assert.That(Directory.Exists(outRoot), Is.False);
    }

    [Test]
    public void ReplacementsOutsideTheRuleAreViolations()
    {
        // 3 zones × 2 power domains × 2 racks, 2 nodes a rack: node n is in rack n mod 12 (FailureDomains.Uniform deals nodes in turn).
        var domains = FailureDomains.Uniform(24, zones: 3, powerDomainsPerZone: 2, racksPerPowerDomain: 2);
        int a = 0, sameRack = domains.NodeCount - 1;
        for (int n = 1; n < domains.NodeCount; n++)
            if (domains.RackOf(n) == domains.RackOf(a)) sameRack = n;
        Assert.That(domains.RackOf(sameRack), Is.EqualTo(domains.RackOf(a)));
        int otherZone = Enumerable.Range(0, 24).First(n => domains.ZoneOf(n) != domains.ZoneOf(a));
        var rackAware = PlacementKinds.Create("rack_aware", domains, 2, 0, new RandomStream(1));
        var zoneSpread = PlacementKinds.Create("zone_spread", domains, 2, 0, new RandomStream(1));
        var mostFree = PlacementKinds.Create("most_free", domains, 2, 0, new RandomStream(1));
        Assert.That(rackAware.Violation([a, sameRack]), Does.Contain("rack"));
        Assert.That(zoneSpread.Violation([a, sameRack]), Does.Contain("zone"));
        Assert.That(mostFree.Violation([a, sameRack]), Is.Null);
        Assert.That(mostFree.Violation([a, a]), Does.Contain("two replicas on node"));
        Assert.That(zoneSpread.Violation([a, otherZone]), Is.Null);
    }

    private static (int Code, string Output, string Error) Run(Func<SimulationRun, string?>? plant, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error, false, LibraryScenarioRunner.Instance, default, plant);
        return (code, output.ToString(), error.ToString());
    }
}
