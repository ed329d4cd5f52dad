using System.Security.Cryptography;
using System.Text.Json;
using NUnit.Framework;
using Simulator.Engine;
using Simulator.Experiments;
using Simulator.Metrics;
using Simulator.Reporting;
using Simulator.Tests.ExperimentLayer;

namespace Simulator.Tests.Reporting;

public sealed class RunFolderTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);
    private const string ScenarioName = "aws-2011-us-east-1";
    private static readonly string[] Overrides = ["control_plane.workers=64"];
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("replsim-runfolder-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void WritesOneCompleteFolderNamedByTimeAndSeedAndLeavesNoTemporaryFolder()
    {
        string folder = Write(SyntheticRuns.Tiny());

        Assert.That(folder, Is.EqualTo(Path.Combine(_root, ScenarioName, "20260314-092653-42")));
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(_root, ScenarioName)), Is.EqualTo(new[] { folder }),
            "the hidden temporary folder is gone");
        Assert.That(File.Exists(Path.Combine(folder, "timeseries.csv")));
        Assert.That(File.Exists(Path.Combine(folder, "summary.csv")));
        Assert.That(File.Exists(Path.Combine(folder, "plots", "outage-curve.png")));
        Assert.That(File.Exists(Path.Combine(folder, "plots", "outage-curve.svg")));
    }

    [Test]
    public void ManifestRecordsInputsCostsAndEveryFileWithItsHash()
    {
        string folder = Write(SyntheticRuns.Tiny(), includePlots: false);
        string json = File.ReadAllText(Path.Combine(folder, "manifest.json"));
        using var doc = JsonDocument.Parse(json);
        var m = doc.RootElement;

        Assert.That(m.GetProperty("scenario_name").GetString(), Is.EqualTo("tiny"));
        Assert.That(m.GetProperty("scenario_path").GetString(), Is.EqualTo(TinyExperiments.Replay));
        Assert.That(m.GetProperty("scenario_full_path").GetString(), Is.EqualTo(Path.GetFullPath(TinyExperiments.Replay)));
        Assert.That(m.GetProperty("scenario_file").GetString(), Is.EqualTo("scenario.yaml"));
        Assert.That(m.GetProperty("scenario_sha256").GetString(),
            Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "scenario.yaml"))))),
            "the hash of the resolved scenario saved in the folder");
        Assert.That(File.ReadAllText(Path.Combine(folder, "scenario.yaml")), Does.Contain("\nseed: 42\n").And.Contain("workers: 64"),
            "resolved: the run's seed and the --set override in it");
        var environment = m.GetProperty("environment");
        Assert.That(environment.GetProperty("runtime").GetString(), Does.StartWith(".NET"));
        Assert.That(environment.GetProperty("logical_processors").GetInt32(), Is.EqualTo(Environment.ProcessorCount));
        Assert.That(m.GetProperty("seed").GetUInt64(), Is.EqualTo(42));
        Assert.That(m.GetProperty("overrides")[0].GetString(), Is.EqualTo("control_plane.workers=64"));
        Assert.That(m.GetProperty("scale").GetDouble(), Is.EqualTo(0.5));
        Assert.That(m.GetProperty("tool_version").GetString(), Does.StartWith("0."));
        Assert.That(m.GetProperty("volumes_total").GetInt64(), Is.EqualTo(1000));
        Assert.That(m.GetProperty("events_processed").GetInt64(), Is.EqualTo(123_456));
        Assert.That(m.GetProperty("wall_seconds").GetDouble(), Is.GreaterThan(0), "the command's own wall time");
        Assert.That(m.GetProperty("peak_memory_bytes").GetInt64(), Is.GreaterThan(0), "the process's peak");
        Assert.That(m.GetProperty("horizon_h").GetDouble(), Is.EqualTo(0.5));
        Assert.That(m.GetProperty("created_utc").GetDateTimeOffset(), Is.EqualTo(Created));

        var files = m.GetProperty("files").EnumerateArray().ToList();
        Assert.That(files.Select(f => f.GetProperty("path").GetString()),
            Is.EqualTo(new[] { "scenario.yaml", "timeseries.csv", "summary.csv", "replications.csv", "failures.csv", "events.csv", "validation.csv" }),
            "the replay's validation: figures read off the run, hashed like the rest");
        foreach (var file in files)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(folder, file.GetProperty("path").GetString()!));
            Assert.That(file.GetProperty("bytes").GetInt64(), Is.EqualTo(bytes.Length));
            Assert.That(file.GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))));
        }
    }

    [Test]
    public void AnExistingFolderIsNeverOverwrittenTheNewRunGetsASuffix()
    {
        string taken = Path.Combine(_root, ScenarioName, "20260314-092653-42");
        Directory.CreateDirectory(taken);
        File.WriteAllText(Path.Combine(taken, "timeseries.csv"), "earlier run");

        string folder = Write(SyntheticRuns.Tiny(), includePlots: false);

        Assert.That(folder, Is.EqualTo(taken + "-2"));
        Assert.That(File.ReadAllText(Path.Combine(taken, "timeseries.csv")), Is.EqualTo("earlier run"));
        Assert.That(Directory.GetFileSystemEntries(taken), Has.Length.EqualTo(1));
        Assert.That(File.Exists(Path.Combine(folder, "manifest.json")));
    }

    [Test]
    public void AFailureHalfwayLeavesNothingBehind()
    {
        var failing = new FailingSeries(SyntheticRuns.TinySeries(), failAfter: 5);

        Assert.Throws<InvalidOperationException>(() => Write(SyntheticRuns.Tiny(failing)));

        Assert.That(Directory.Exists(Path.Combine(_root, ScenarioName)), Is.False, "the scenario folder it created is removed too");
        Assert.That(Directory.Exists(_root), Is.True, "a folder that existed before is kept");
    }

    /// <summary>A run of one replication of the replay (seed 42, scale 0.5, one override) whose unit yields <paramref name="result"/>.</summary>
    private string Write(RunResult result, bool includePlots = true)
    {
        var settings = new ExperimentSettings(42, 0.5, Duration.FromMinutes(1), 1, Overrides);
        var setup = ExperimentSetup.ForRun(TinyExperiments.Replay, settings, TinyExperiments.Load);
        return ExperimentRunner.Start(setup, Shard.All, _root, null, 1, (_, _, _, _) => result, includePlots: includePlots,
            createdUtc: Created).Folder;
    }

    /// <summary>A series whose enumeration breaks partway, as a crash in the middle of writing would.</summary>
    private sealed class FailingSeries(TimeSeriesRow[] rows, int failAfter) : IReadOnlyList<TimeSeriesRow>
    {
        public TimeSeriesRow this[int index] => rows[index];
        public int Count => rows.Length;

        public IEnumerator<TimeSeriesRow> GetEnumerator()
        {
            for (int i = 0; i < rows.Length; i++)
            {
                if (i == failAfter) throw new InvalidOperationException("disk on fire");
                yield return rows[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
