using NUnit.Framework;
using Simulator.Cli;
using Simulator.Experiments;
using Simulator.Tests.Replay;

namespace Simulator.Tests.Cli;

[NonParallelizable] // ResourceCheck.Enabled is process-wide
public sealed class ResourceEstimateTests
{
    private string _out = "";

    [SetUp]
    public void CreateFolder() => _out = Path.Combine(Directory.CreateTempSubdirectory("replsim-estimate-").FullName, "out");

    [TearDown]
    public void DeleteFolder()
    {
        ResourceCheck.Enabled = true;
        Directory.Delete(Path.GetDirectoryName(_out)!, recursive: true);
    }

    /// <summary>
    /// Sixty-four units of the replay at 190 times its size (19 million volumes each, within the model's limits) at once
    /// cannot fit in this machine's memory: refused before anything is allocated or written, with the estimate and the
    /// flag that overrides it.
    /// </summary>
    [Test]
    public void ARunThatCannotFitIsRefusedBeforeItStartsWithItsEstimate()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = CliApp.Run(["run", RepositoryPaths.Scenario("aws-2011-us-east-1.yaml"), "--scale", "190",
            "--replications", "64", "--threads", "64", "--out", _out], output, error);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error.ToString(), Does.Match(@"this experiment would need about [0-9.]+ GB of memory, and the machine has [0-9.]+ GB: refused before it starts \(--ignore-estimate runs it anyway\)"));
        Assert.That(Directory.Exists(_out), Is.False);
    }

    /// <summary>The estimate grows with what a run holds: volumes and nodes in memory, rows of series on disk, and units in flight.</summary>
    [Test]
    public void TheEstimateFollowsVolumesSamplesAndUnitsInFlight()
    {
        ExperimentSetup Setup(double scale, string interval, int replications) => ExperimentSetup.ForRun(
            RepositoryPaths.Scenario("aws-2011-us-east-1.yaml"),
            new ExperimentSettings(null, scale, Engine.Duration.Parse(interval), replications, []), (path, sets) => ScenarioRunner.Load(path, sets));

        var one = ResourceEstimate.Of(Setup(1, "1m", 1), Shard.All, 1);
        var big = ResourceEstimate.Of(Setup(10, "1m", 1), Shard.All, 1);
        var fine = ResourceEstimate.Of(Setup(1, "1s", 1), Shard.All, 1);
        var many = ResourceEstimate.Of(Setup(1, "1m", 8), Shard.All, 2);

        Assert.That(one.MemoryBytes, Is.InRange(136L << 20, 1L << 30), "at least what the run is measured to take (136 MB), within reason");
        Assert.That(big.MemoryBytes - one.MemoryBytes, Is.GreaterThan(900_000L * 100), "900,000 more volumes, at least 100 bytes each");
        Assert.That(big.SeriesRows, Is.EqualTo(one.SeriesRows), "the same scopes and samples");
        Assert.That(fine.SeriesRows, Is.EqualTo(60 * one.SeriesRows).Within(fine.SeriesRows / 100));
        Assert.That(many.OutputBytes, Is.EqualTo(8 * one.OutputBytes));
        Assert.That(many.MemoryBytes - (200L << 20), Is.EqualTo(2 * (one.MemoryBytes - (200L << 20))), "two units in flight on two threads");
        Assert.That(one.Refusal(1L << 40, 1L << 40), Is.Null);
        Assert.That(one.Refusal(1 << 20, 1L << 40), Does.StartWith("this experiment would need about"));
    }
}
