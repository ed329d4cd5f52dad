using System.Security.Cryptography;
using System.Text.Json;
using NUnit.Framework;
using Simulator.Metrics;
using Simulator.Reporting;

namespace Simulator.Tests.Reporting;

public sealed class RunFolderTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("replsim-runfolder-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void WritesOneCompleteFolderNamedByTimeAndSeedAndLeavesNoTemporaryFolder()
    {
        string folder = RunFolder.Write(_root, SyntheticRuns.Tiny(), SyntheticRuns.Description, Created);

        Assert.That(folder, Is.EqualTo(Path.Combine(_root, "tiny", "20260314-092653-42")));
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(_root, "tiny")), Is.EqualTo(new[] { folder }),
            "the hidden temporary folder is gone");
        Assert.That(File.Exists(Path.Combine(folder, "timeseries.csv")));
        Assert.That(File.Exists(Path.Combine(folder, "summary.csv")));
        Assert.That(File.Exists(Path.Combine(folder, "plots", "outage-curve.png")));
        Assert.That(File.Exists(Path.Combine(folder, "plots", "outage-curve.svg")));
    }

    [Test]
    public void ManifestRecordsInputsCostsAndEveryFileWithItsHash()
    {
        string folder = RunFolder.Write(_root, SyntheticRuns.Tiny(), SyntheticRuns.Description, Created, includePlots: false);
        string json = File.ReadAllText(Path.Combine(folder, "manifest.json"));
        using var doc = JsonDocument.Parse(json);
        var m = doc.RootElement;

        Assert.That(m.GetProperty("scenario_name").GetString(), Is.EqualTo("tiny"));
        Assert.That(m.GetProperty("scenario_path").GetString(), Is.EqualTo("scenarios/tiny.yaml"));
        Assert.That(m.GetProperty("scenario_sha256").GetString(), Is.EqualTo(new string('a', 64)));
        Assert.That(m.GetProperty("seed").GetUInt64(), Is.EqualTo(42));
        Assert.That(m.GetProperty("overrides")[0].GetString(), Is.EqualTo("control_plane.workers=64"));
        Assert.That(m.GetProperty("scale").GetDouble(), Is.EqualTo(0.5));
        Assert.That(m.GetProperty("tool_version").GetString(), Does.StartWith("0."));
        Assert.That(m.GetProperty("volumes_total").GetInt64(), Is.EqualTo(1000));
        Assert.That(m.GetProperty("events_processed").GetInt64(), Is.EqualTo(123_456));
        Assert.That(m.GetProperty("wall_seconds").GetDouble(), Is.EqualTo(1.5));
        Assert.That(m.GetProperty("peak_memory_bytes").GetInt64(), Is.EqualTo(64L << 20));
        Assert.That(m.GetProperty("horizon_h").GetDouble(), Is.EqualTo(0.5));
        Assert.That(m.GetProperty("created_utc").GetDateTimeOffset(), Is.EqualTo(Created));

        var files = m.GetProperty("files").EnumerateArray().ToList();
        Assert.That(files.Select(f => f.GetProperty("path").GetString()), Is.EqualTo(new[] { "timeseries.csv", "summary.csv" }));
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
        string taken = Path.Combine(_root, "tiny", "20260314-092653-42");
        Directory.CreateDirectory(taken);
        File.WriteAllText(Path.Combine(taken, "timeseries.csv"), "earlier run");

        string folder = RunFolder.Write(_root, SyntheticRuns.Tiny(), SyntheticRuns.Description, Created, includePlots: false);

        Assert.That(folder, Is.EqualTo(taken + "-2"));
        Assert.That(File.ReadAllText(Path.Combine(taken, "timeseries.csv")), Is.EqualTo("earlier run"));
        Assert.That(Directory.GetFileSystemEntries(taken), Has.Length.EqualTo(1));
        Assert.That(File.Exists(Path.Combine(folder, "manifest.json")));
    }

    [Test]
    public void AFailureHalfwayLeavesNothingBehind()
    {
        var failing = new FailingSeries(SyntheticRuns.TinySeries(), failAfter: 5);

        Assert.Throws<InvalidOperationException>(() =>
            RunFolder.Write(_root, SyntheticRuns.Tiny(failing), SyntheticRuns.Description, Created));

        Assert.That(Directory.Exists(Path.Combine(_root, "tiny")), Is.False, "the scenario folder it created is removed too");
        Assert.That(Directory.Exists(_root), Is.True, "a folder that existed before is kept");
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
