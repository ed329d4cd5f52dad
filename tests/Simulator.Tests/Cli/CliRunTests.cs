using NUnit.Framework;
using Simulator.Cli;
using Simulator.Experiments;
using Simulator.Scenarios;

namespace Simulator.Tests.Cli;

public sealed class CliRunTests
{
    private string _dir = "";
    private string _scenario = "";
    private string _out = "";

    [SetUp]
    public void CreateFolders()
    {
        _dir = Directory.CreateTempSubdirectory("replsim-cli-run-").FullName;
        _scenario = Path.Combine(_dir, "storm.yaml");
        File.WriteAllText(_scenario, "name: aws-2011-us-east-1\n");
        _out = Path.Combine(_dir, "results");
    }

    [TearDown]
    public void DeleteFolders() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void RunPassesTheOptionsWritesTheRunFolderAndPrintsHeadlinesAndItsPath()
    {
        var runner = new FakeScenarioRunner();
        var (code, output, error) = Run(runner, "run", _scenario, "--seed", "7", "--scale", "0.25",
            "--set", "a.b=1", "--set", "c=2", "--sample-interval", "1m", "--out", _out);

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(runner.OptionsSeen, Is.Not.Null);
        Assert.That(runner.OptionsSeen, Is.EqualTo(new RunOptions(7, 0.25, Engine.Duration.FromMinutes(1), Replication: 0)),
            "one replication, run as unit 0");
        Assert.That(runner.OverridesSeen, Is.EqualTo(new[] { "a.b=1", "c=2" }));
        string folder = Directory.GetDirectories(Path.Combine(_out, "aws-2011-us-east-1")).Single();
        Assert.That(folder, Does.EndWith("-7"));
        Assert.That(File.Exists(Path.Combine(folder, "manifest.json")));
        Assert.That(output, Does.Contain("seed 7").And.Contain("stuck volumes, peak").And.Contain($"results: {folder}"));
        Assert.That(output, Does.Contain("100% simulated 96.0h of 96h"));
    }

    [Test]
    public void ValidateExitsOneWhenAFigureIsOutsideItsToleranceAndStillWritesTheFolder()
    {
        var runner = new FakeScenarioRunner
        {
            Figures = [FakeScenarioRunner.StuckPeak(13, 2), FakeScenarioRunner.LostFinal(0.5, 0.05)],
        };
        var (code, output, _) = Run(runner, "validate", _scenario, "--out", _out);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("1 of 2 figures outside tolerance (seed 0)").And.Contain("13.6").And.Contain("simulated"));
        Assert.That(output, Does.Not.Contain("mean"), "one replication: the single run's table, as before");
        string folder = Directory.GetDirectories(Path.Combine(_out, "aws-2011-us-east-1")).Single();
        var csv = ValidationCsvRows(folder);
        Assert.That(csv, Has.Count.EqualTo(2));
        Assert.That(csv[0].Keys.Last(), Is.EqualTo("replication_0"));
        Assert.That(csv[0]["figure"], Is.EqualTo("stuck volumes, peak"));
        Assert.That(csv[0]["comparison"], Is.EqualTo("within"));
        Assert.That(double.Parse(csv[0]["mean"], Invariant), Is.EqualTo(13.6).Within(1e-6));
        Assert.That(csv[0]["replication_0"], Is.EqualTo(csv[0]["mean"]));
        Assert.That(csv[0]["ci95_low"], Is.Empty, "no interval from one replication");
        Assert.That((csv[0]["ok"], csv[1]["ok"]), Is.EqualTo(("true", "false")));
    }

    [Test]
    public void ValidateExitsZeroWhenEveryFigureIsWithinTolerance()
    {
        var runner = new FakeScenarioRunner { Figures = [FakeScenarioRunner.StuckPeak(13, 2)] };
        var (code, output, error) = Run(runner, "validate", _scenario, "--out", _out);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("validation: all 1 figures within tolerance"));
    }

    [Test]
    public void ValidateOverReplicationsPassesOnTheMeanThoughOneReplicationMisses()
    {
        // Peaks 13.6, 14.25 and 14.9: against 14.25 ± 0.5 the first and the last miss, their mean passes.
        var runner = new FakeScenarioRunner { Figures = [FakeScenarioRunner.StuckPeak(14.25, 0.5)] };
        var (single, _, _) = Run(runner, "validate", _scenario, "--seed", "5", "--out", Path.Combine(_dir, "one"));
        Assert.That(single, Is.EqualTo(1), "replication 0 alone misses");

        var (code, output, error) = Run(runner, "validate", _scenario, "--seed", "5", "--replications", "3", "--threads", "2",
            "--out", _out);

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("mean ± 95 % CI over 3 replications").And.Contain("1/3").And.Contain(" ± 1.6")
            .And.Contain("validation: the means of all 1 figures within tolerance over 3 replications"));
        string folder = Directory.GetDirectories(Path.Combine(_out, "aws-2011-us-east-1")).Single();
        var row = ValidationCsvRows(folder).Single();
        double[] values = [.. new[] { "replication_0", "replication_1", "replication_2" }.Select(c => double.Parse(row[c], Invariant))];
        Assert.That(values, Is.EqualTo(new[] { 13.6, 14.25, 14.9 }).Within(1e-6), "each replication's own peak, in order");
        Assert.That(double.Parse(row["mean"], Invariant), Is.EqualTo(14.25).Within(1e-6));
        // t(0.975, 2) = 4.3027, sd = 0.65: the interval is 14.25 ± 1.615.
        Assert.That(double.Parse(row["ci95_high"], Invariant) - 14.25, Is.EqualTo(4.302653 * 0.65 / Math.Sqrt(3)).Within(1e-4));
        Assert.That((row["min"], row["max"]), Is.EqualTo((row["replication_0"], row["replication_2"])));
        Assert.That((row["replications"], row["replications_ok"], row["ok"]), Is.EqualTo(("3", "1", "true")));
    }

    [Test]
    public void ValidateOverReplicationsFailsOnTheMeanThoughOneReplicationPasses()
    {
        // Against 13.6 ± 0.1 replication 0 passes; the mean of 13.6, 14.25 and 14.9 does not.
        var runner = new FakeScenarioRunner { Figures = [FakeScenarioRunner.StuckPeak(13.6, 0.1), FakeScenarioRunner.LostFinal(0.07, 0.03)] };
        Assert.That(Run(runner, "validate", _scenario, "--out", _out).Code, Is.EqualTo(0));

        var (code, output, _) = Run(runner, "validate", _scenario, "--seed", "5", "--replications", "3", "--out", _out);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("validation: the means of 1 of 2 figures outside tolerance (seed 5, 3 replications)"));
    }

    [TestCase("--replications", "0", "--replications expects a whole number of at least 1")]
    [TestCase("--threads", "none", "--threads expects a whole number of at least 1")]
    [TestCase("--shard", "0/2", "--shard")]
    public void ValidateRefusesBadReplicationOptionsBeforeRunning(string option, string value, string reason)
    {
        var runner = new FakeScenarioRunner { Figures = [FakeScenarioRunner.StuckPeak(13, 2)] };
        var (code, _, error) = Run(runner, "validate", _scenario, option, value, "--out", _out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain(reason));
        Assert.That(runner.OptionsSeen, Is.Null, "nothing ran");
        Assert.That(Directory.Exists(_out), Is.False, "nothing written");
    }

    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>The rows of a folder's validation.csv by column name (the figure names here hold one comma, quoted).</summary>
    private static List<Dictionary<string, string>> ValidationCsvRows(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, "validation.csv"));
        string[] header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(line =>
        {
            var fields = System.Text.RegularExpressions.Regex.Matches(line, "(?<=^|,)(\"[^\"]*\"|[^,]*)").Select(m => m.Value.Trim('"')).ToArray();
            Assert.That(fields, Has.Length.EqualTo(header.Length), line);
            return header.Zip(fields).ToDictionary(p => p.First, p => p.Second);
        })];
    }

    [Test]
    public void AnInvalidScenarioPrintsEveryErrorExitsTwoAndWritesNothing()
    {
        var runner = new FakeScenarioRunner
        {
            LoadErrors =
            [
                new(_scenario, 3, 5, "topology.regions[0].zones", "expected a list, found \"4\""),
                new(_scenario, 0, 0, "--set control_plane.workers", "expected a positive integer, found \"-3\""),
            ],
        };
        var (code, _, error) = Run(runner, "run", _scenario, "--out", _out);

        Assert.That(code, Is.EqualTo(2));
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.EqualTo(new[]
        {
            $"{_scenario}:3:5 topology.regions[0].zones: expected a list, found \"4\"",
            $"{_scenario} --set control_plane.workers: expected a positive integer, found \"-3\"",
        }));
        Assert.That(Directory.Exists(_out), Is.False);
    }

    [Test]
    public void AnUnexpectedExceptionIsABugExitThreeWithItsStack()
    {
        var runner = new FakeScenarioRunner { RunFailure = new InvalidOperationException("capacity went negative") };
        var (code, _, error) = Run(runner, "run", _scenario, "--out", _out);

        Assert.That(code, Is.EqualTo(3));
        Assert.That(error, Does.Contain("capacity went negative").And.Contain("   at "));
        Assert.That(Directory.Exists(_out), Is.False);
    }

    /// <summary>A stop (Ctrl-C, SIGTERM) before any unit is done leaves nothing to resume: exit 130 and no folder.</summary>
    [Test]
    public void AStopBeforeAnyUnitIsDoneExitsWithNoFolder()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(["run", _scenario, "--out", _out, "--replications", "3"], output, error, interactive: false,
            new FakeScenarioRunner(), new CancellationToken(canceled: true));

        Assert.That(code, Is.EqualTo(130));
        Assert.That(error.ToString(), Does.Contain("stopped before any unit was done; nothing written"));
        Assert.That(Directory.Exists(_out) ? Directory.EnumerateFiles(_out, "*", SearchOption.AllDirectories) : [], Is.Empty);
    }

    private static (int Code, string Output, string Error) Run(FakeScenarioRunner runner, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error, interactive: false, runner);
        return (code, output.ToString(), error.ToString());
    }
}
