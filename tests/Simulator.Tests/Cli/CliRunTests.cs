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
            ValidationRows =
            [
                new("stuck volumes, peak", "AWS summary", null, 13, 13.6, 2),
                new("lost volumes", "AWS summary", 96, 0.07, 0.5, 0.05),
            ],
        };
        var (code, output, _) = Run(runner, "validate", _scenario, "--out", _out);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("1 of 2 figures outside tolerance"));
        Assert.That(Directory.GetDirectories(Path.Combine(_out, "aws-2011-us-east-1")), Has.Length.EqualTo(1));
    }

    [Test]
    public void ValidateExitsZeroWhenEveryFigureIsWithinTolerance()
    {
        var runner = new FakeScenarioRunner { ValidationRows = [new("stuck volumes, peak", "AWS summary", null, 13, 13.6, 2)] };
        var (code, _, error) = Run(runner, "validate", _scenario, "--out", _out);
        Assert.That(code, Is.EqualTo(0), error);
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

    private static (int Code, string Output, string Error) Run(FakeScenarioRunner runner, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error, interactive: false, runner);
        return (code, output.ToString(), error.ToString());
    }
}
