using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using NUnit.Framework;
using Simulator.Cli;

namespace Simulator.Tests.Scenarios;

/// <summary>
/// Property tests of reading scenarios, through <c>replsim run</c> in-process: a generated valid scenario runs, and any
/// mutation of one (a value's type, unit, sign or size, a key deleted, duplicated or misspelt, aliases, unicode, many
/// list items) either runs or is refused with exit code 2, every message located at a line of the file, and nothing
/// written. CsCheck draws from a fixed seed for a time budget (<c>REPLSIM_PROPERTY_SECONDS</c>, 20 s by default) and,
/// on a failure, shrinks the case and prints its file.
/// </summary>
public sealed class ScenarioLoaderPropertyTests
{
    /// <summary>The first case's seed (CsCheck's form); the cases after it follow from it.</summary>
    private const string Seed = "0000000qwJt1";

    private static int Seconds =>
        int.TryParse(Environment.GetEnvironmentVariable("REPLSIM_PROPERTY_SECONDS"), out int s) && s > 0 ? s : 20;

    private string _dir = "";

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("replsim-properties-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void AGeneratedValidScenarioRuns()
    {
        int cases = 0;
        var clock = Stopwatch.StartNew();
        ScenarioGen.Valid.Sample(tree =>
        {
            cases++;
            var outcome = Run(tree.Write());
            if (outcome.Code != ExitCodes.Ok)
                throw new AssertionException($"exit {outcome.Code}:\n{outcome.Error}");
            AssertComplete(outcome);
        }, seed: Seed, time: Seconds, threads: 1, print: t => "\n" + t.Write());
        TestContext.Out.WriteLine($"{cases} valid scenarios in {clock.Elapsed.TotalSeconds:0.0} s: {cases / clock.Elapsed.TotalSeconds:0.0} a second");
    }

    [Test]
    public void AMutatedScenarioRunsOrIsRefusedAtALineWithNothingWritten()
    {
        int cases = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        var mutated = Gen.Select(ScenarioGen.Valid, ScenarioGen.OneMutation.List[1, 4]);
        mutated.Sample((tree, mutations) =>
        {
            cases++;
            var outcome = Run(ScenarioGen.Apply(tree, mutations).Write());
            if (outcome.Code == ExitCodes.Ok)
            {
                AssertComplete(outcome);
                return;
            }
            refused++;
            if (outcome.Code != ExitCodes.BadInput)
                throw new AssertionException($"exit {outcome.Code}, expected 0 or 2:\n{outcome.Error}");
            var unlocated = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(line => !Located(outcome.Path).IsMatch(line)).ToList();
            if (unlocated.Count > 0)
                throw new AssertionException($"not located at a line of {outcome.Path}:\n{string.Join('\n', unlocated)}");
            if (Written(outcome.Out).Count > 0)
                throw new AssertionException($"refused, yet wrote {string.Join(", ", Written(outcome.Out))}");
        }, seed: Seed, time: Seconds, threads: 1,
            print: c => $"{string.Join("; ", c.Item2)}\n{ScenarioGen.Apply(c.Item1, c.Item2).Write()}");
        TestContext.Out.WriteLine($"{cases} mutated scenarios in {clock.Elapsed.TotalSeconds:0.0} s: {cases / clock.Elapsed.TotalSeconds:0.0} a second; " +
            $"{refused} refused, {cases - refused} ran");
    }

    private sealed record Outcome(int Code, string Output, string Error, string Path, string Out);

    private int _case;

    private Outcome Run(string yaml)
    {
        // The case before is checked by now: only the last one is kept, to look at when it fails.
        string previous = Path.Combine(_dir, $"case-{_case - 1}");
        if (Directory.Exists(previous)) Directory.Delete(previous, recursive: true);
        string dir = Path.Combine(_dir, $"case-{_case++}");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "scenario.yaml");
        File.WriteAllText(path, yaml, new UTF8Encoding(false));
        string results = Path.Combine(dir, "results");
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(["run", path, "--out", results, "--threads", "1"], output, error);
        return new Outcome(code, output.ToString(), error.ToString(), path, results);
    }

    private static void AssertComplete(Outcome outcome)
    {
        var files = Written(outcome.Out);
        if (!files.Any(f => f.EndsWith("manifest.json", StringComparison.Ordinal)) || !files.Any(f => f.EndsWith("summary.csv", StringComparison.Ordinal)))
            throw new AssertionException($"exit 0 without a complete folder: {string.Join(", ", files)}\n{outcome.Output}");
    }

    private static List<string> Written(string dir) =>
        Directory.Exists(dir) ? [.. Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories)] : [];

    private static Regex Located(string path) => new($"^{Regex.Escape(path)}:[1-9][0-9]*:[1-9][0-9]* ");
}
