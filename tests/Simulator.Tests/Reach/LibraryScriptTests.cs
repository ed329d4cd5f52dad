using System.Text.RegularExpressions;
using NUnit.Framework;
using Simulator.Experiments;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;
using Simulator.Tests.Replay;

namespace Simulator.Tests.Reach;

/// <summary>
/// The C# script that the README and the library package's README show: the same calls, made here through the library,
/// give the figures the script prints; the script shown is the same in both files, names this version of the package,
/// and still makes these calls.
/// </summary>
public sealed partial class LibraryScriptTests
{
    /// <summary>The script's lines that call the library, as both READMEs show them.</summary>
    private static readonly string[] ScriptCalls =
    [
        "var scenario = ScenarioFile.Load<Scenario>(\"scenarios/aws-2011-us-east-1.yaml\");",
        "var run = new SimulationRun(scenario, seed: 1, replication: 0, scale: 1.0);",
        "run.Run(scenario.SampleInterval);",
        "var stuck = run.Rows.Where(r => r.Scope == \"zone:us-east-1a\" && r.Metric == \"volumes_stuck_pct\").ToList();",
        "var peak = stuck.MaxBy(r => r.Value);",
    ];

    [Test]
    public void TheScriptsCallsRunTheReplayAndFindTheStorm()
    {
        var scenario = ScenarioFile.Load<Scenario>(RepositoryPaths.Scenario("aws-2011-us-east-1.yaml"));
        var run = new SimulationRun(scenario, seed: 1, replication: 0, scale: 1.0);
        run.Run(scenario.SampleInterval);
        var stuck = run.Rows.Where(r => r.Scope == "zone:us-east-1a" && r.Metric == "volumes_stuck_pct").ToList();
        var peak = stuck.MaxBy(r => r.Value);

        Assert.That(run.VolumesTotal, Is.EqualTo(100_000), "the replay's affected zone at scale 1");
        Assert.That(run.EventsProcessed, Is.GreaterThan(1_000_000));
        Assert.That(stuck, Has.Count.EqualTo((int)(scenario.Horizon.TotalHours * 60) + 1), "a sample every minute, from 0 to the horizon");
        Assert.That(stuck[^1].TimeH, Is.EqualTo(scenario.Horizon.TotalHours));
        Assert.That(peak.Value, Is.InRange(5.0, 25.0), "the storm takes about an eighth of the zone");
        Assert.That(peak.TimeH, Is.InRange(6.0, 24.0), "during the first day");
        Assert.That(stuck[^1].Value, Is.LessThan(peak.Value / 10), "and drains by the horizon");
    }

    [Test]
    public void ASimulationRunBuiltByHandGivesTheRowsTheCommandWrites()
    {
        string path = RepositoryPaths.Scenario("aws-2011-us-east-1.yaml");
        string[] sets = ["horizon=12h"];
        var scenario = ScenarioFile.Load<Scenario>(path, sets);
        var run = new SimulationRun(scenario, seed: 7, replication: 2, scale: 0.05);
        run.Run(scenario.SampleInterval);

        var command = ScenarioRunner.Run(ScenarioRunner.Load(path, sets), new RunOptions(Seed: 7, Scale: 0.05, Replication: 2));
        Assert.That(run.Rows, Is.Not.Empty);
        Assert.That(run.Rows, Is.EqualTo(command.Series));
        Assert.That(run.Rows.Select(r => r.Replication).Distinct(), Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void BothReadmesShowTheSameScriptForThisVersionMakingTheseCalls()
    {
        string readme = Script(Path.Combine(RepositoryPaths.Root, "README.md"));
        string package = Script(Path.Combine(RepositoryPaths.Root, "docs", "packages", "README.md"));
        Assert.That(package, Is.EqualTo(readme), "docs/packages/README.md shows the README's script");

        var version = typeof(SimulationRun).Assembly.GetName().Version!;
        var lines = readme.Split('\n').Select(l => l.Trim()).ToList();
        Assert.That(lines[0], Is.EqualTo($"#:package Replsim.Simulator@{version.Major}.{version.Minor}.{version.Build}"),
            "the script asks for the package of this version");
        Assert.That(lines, Is.SupersetOf(ScriptCalls));
        Assert.That(lines.Count(l => l.StartsWith("Console.WriteLine(", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    /// <summary>The <c>csharp</c> code block of a markdown file that starts with a <c>#:package</c> directive.</summary>
    private static string Script(string markdown)
    {
        var blocks = CodeBlock().Matches(File.ReadAllText(markdown).ReplaceLineEndings("\n"))
            .Select(m => m.Groups[1].Value).Where(b => b.StartsWith("#:package ", StringComparison.Ordinal)).ToList();
        Assert.That(blocks, Has.Count.EqualTo(1), $"one script in {markdown}");
        return blocks[0];
    }

    [GeneratedRegex(@"^```csharp\n(.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
