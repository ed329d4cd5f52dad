using System.Text.RegularExpressions;
using NUnit.Framework;
using Simulator.Experiments;
using Simulator.Reporting;

namespace Simulator.Tests.ExperimentLayer;

public sealed partial class MergeRefusalTests
{
    private string _root = "";
    private string _merged = "";

    [SetUp]
    public void CreateRoot()
    {
        _root = Directory.CreateTempSubdirectory("replsim-merge-").FullName;
        _merged = Path.Combine(_root, "merged");
    }

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void ShardsOfAnotherSeedAreRefused()
    {
        var a = Shard("a", new Shard(0, 2), seed: 1);
        var b = Shard("b", new Shard(1, 2), seed: 2);
        AssertRefused([a, b], $"{b} has seed 2 and {a} seed 1: shards must share the seed");
    }

    [Test]
    public void ShardsOfAnotherScenarioAreRefused()
    {
        var a = Shard("a", new Shard(0, 2));
        var b = Shard("b", new Shard(1, 2), overrides: ["horizon=6h", "control_plane.workers=64"]);
        AssertRefused([a, b], $"{b} is from a different scenario than {a}");
    }

    [Test]
    public void ShardsOfAnotherVersionAreRefused()
    {
        var a = Shard("a", new Shard(0, 2));
        var b = Shard("b", new Shard(1, 2));
        string manifest = Path.Combine(b, "manifest.json");
        File.WriteAllText(manifest, ToolVersion().Replace(File.ReadAllText(manifest), "\"tool_version\": \"0.0.9+other\""));
        AssertRefused([a, b], $"{b} was written by replsim 0.0.9+other and {a} by {RunManifest.CurrentToolVersion}");
    }

    [Test]
    public void ShardsOfAnotherPlanAreRefused()
    {
        var a = Shard("a", new Shard(0, 2));
        var b = Shard("b", new Shard(1, 2), replications: 3);
        AssertRefused([a, b], $"{b} has a different plan from {a}");
    }

    [Test]
    public void OverlappingAndMissingUnitsAreRefused()
    {
        var a = Shard("a", new Shard(0, 2));
        var b = Shard("b", new Shard(1, 2));
        AssertRefused([a, a, b], $"unit 0 (variant 0, point 0, replication 0) is in both {a} and {a}: shards overlap");
        AssertRefused([a], "1 of 2 units are in none of the folders (unit 1); shards given: 0/2 of 2");
    }

    [Test]
    public void FoldersThatAreNotShardsAreRefused()
    {
        AssertRefused([Path.Combine(_root, "nowhere")], "nowhere: no such folder");
        Directory.CreateDirectory(Path.Combine(_root, "empty"));
        AssertRefused([Path.Combine(_root, "empty")], "has no manifest.json: not a replsim results folder");
        var whole = Shard("whole", Simulator.Experiments.Shard.All);
        AssertRefused([whole], "is already a complete folder with its final files");
    }

    [Test]
    public void AnExistingOutputFolderIsNeverOverwritten()
    {
        var a = Shard("a", new Shard(0, 2));
        var b = Shard("b", new Shard(1, 2));
        Directory.CreateDirectory(_merged);
        var e = Assert.Throws<ExperimentException>(() => ShardMerge.Merge([a, b], _merged))!;
        Assert.That(e.Message, Does.Contain("already exists"));
        Assert.That(Directory.GetFileSystemEntries(_merged), Is.Empty);
    }

    private void AssertRefused(IReadOnlyList<string> dirs, string message)
    {
        var before = FolderAssert.Entries(_root);
        var e = Assert.Throws<ExperimentException>(() => ShardMerge.Merge(dirs, _merged))!;
        Assert.That(e.Message, Does.Contain(message));
        Assert.That(FolderAssert.Entries(_root), Is.EqualTo(before), "nothing written");
    }

    private string Shard(string name, Shard shard, ulong seed = 1, int replications = 2, IReadOnlyList<string>? overrides = null)
    {
        var settings = TinyExperiments.Settings(replications, seed) with { Overrides = overrides ?? ["horizon=6h"] };
        var setup = ExperimentSetup.ForRun(TinyExperiments.Replay, settings, TinyExperiments.Load);
        return ExperimentRunner.Start(setup, shard, _root, Path.Combine(_root, name), 1, TinyExperiments.Run, includePlots: false).Folder;
    }

    [GeneratedRegex("\"tool_version\": \"[^\"]*\"")]
    private static partial Regex ToolVersion();
}
