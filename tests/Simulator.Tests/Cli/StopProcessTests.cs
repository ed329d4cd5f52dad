using System.Diagnostics;
using NUnit.Framework;
using Simulator.Cli;
using Simulator.Tests.Replay;

namespace Simulator.Tests.Cli;

/// <summary>SIGTERM to replsim as its own process, as a scheduler sends it, at a stage where nothing is done yet.</summary>
public sealed class StopProcessTests
{
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("replsim-stop-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    /// <summary>
    /// Half a second in, a million-volume scenario is being read or its model built (about five seconds of building):
    /// the stop is taken there, with exit code 130 and no folder. The time from the signal to the exit is printed, not
    /// asserted (it depends on the machine's load).
    /// </summary>
    [Test]
    public void SigtermWhileALargeScenarioLoadsExitsWith130AndWritesNothing()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False, "SIGTERM");
        string results = Path.Combine(_root, "results");
        var clock = Stopwatch.StartNew();
        var process = ReplsimProcess.Start(["run", RepositoryPaths.Scenario("benchmarks/three-regions-1m.yaml"), "--out", results, "--threads", "1"]);
        Thread.Sleep(500);
        double signalled = clock.Elapsed.TotalSeconds;
        process.Terminate();
        var (code, output, error) = process.Wait();
        TestContext.Out.WriteLine($"SIGTERM at {signalled:0.000} s, exit {code} at {clock.Elapsed.TotalSeconds:0.000} s " +
            $"({clock.Elapsed.TotalSeconds - signalled:0.000} s after the signal)\n{output}{error}");

        Assert.That(code, Is.EqualTo(ExitCodes.Interrupted), error);
        Assert.That(error, Does.Contain("nothing written"));
        Assert.That(Directory.Exists(results) ? Directory.EnumerateFileSystemEntries(results, "*", SearchOption.AllDirectories) : [], Is.Empty,
            "no folder, not even a hidden temporary one");
    }
}
