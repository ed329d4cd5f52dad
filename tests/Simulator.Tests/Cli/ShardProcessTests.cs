using System.Text.Json.Nodes;
using NUnit.Framework;
using Simulator.Cli;
using Simulator.Tests.ExperimentLayer;

namespace Simulator.Tests.Cli;

public sealed class ShardProcessTests
{
    /// <summary>Manifest fields that two computations of one plan need not share: when, how long, how much memory.</summary>
    private static readonly string[] MachineFields = ["created_utc", "wall_seconds", "peak_memory_bytes", "environment"];

    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("replsim-shard-processes-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    /// <summary>
    /// Every command is its own process, as on a cluster; every final file but the manifest, plots included, must be
    /// byte-identical to the one process's.
    /// </summary>
    [Test]
    public void ThreeShardProcessesMergedWriteTheFolderOfOneProcess()
    {
        string[] sweep =
        [
            "sweep", TinyExperiments.Replay, "--vary", $"{TinyExperiments.FreeCapacityPath}=1%,5%",
            "--replications", "2", "--seed", "11", .. TinyExperiments.Flags,
        ];
        var shards = Enumerable.Range(0, 3).Select(i => Path.Combine(_root, $"shard-{i}")).ToList();
        string whole = Path.Combine(_root, "whole");
        var processes = shards.Select((dir, i) => ReplsimProcess.Start([.. sweep, "--threads", "1", "--shard", $"{i}/3", "--folder", dir]))
            .Append(ReplsimProcess.Start([.. sweep, "--threads", "2", "--folder", whole])).ToList();
        var ended = processes.Select(p => p.Wait()).ToList();
        for (int i = 0; i < shards.Count; i++)
        {
            Assert.That(ended[i].Code, Is.EqualTo(ExitCodes.Ok), $"shard {i}/3: {ended[i].Error}");
            Assert.That(ended[i].Output, Does.Contain($"shard {i}/3: "));
        }
        Assert.That(ended[^1].Code, Is.EqualTo(ExitCodes.Ok), ended[^1].Error);

        string merged = Path.Combine(_root, "merged");
        var (mergeCode, mergeOutput, mergeError) = ReplsimProcess.Start(["merge", .. shards, "--out", merged]).Wait();
        Assert.That(mergeCode, Is.EqualTo(ExitCodes.Ok), mergeError);
        Assert.That(mergeOutput, Does.Contain("merged 3 folders, 4 units").And.Contain($"results: {merged}"));

        var files = FolderAssert.Entries(whole).Where(e => File.Exists(Path.Combine(whole, e))).ToList();
        Assert.That(FolderAssert.Entries(merged), Is.EqualTo(FolderAssert.Entries(whole)), "the same files and folders");
        Assert.That(files, Does.Contain("manifest.json").And.Contain("summary.csv").And.Contain("replications.csv")
            .And.Some.StartsWith("plots/"));
        foreach (var file in files.Where(f => f != "manifest.json"))
            Assert.That(File.ReadAllBytes(Path.Combine(merged, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(whole, file))),
                $"{file} differs between the merged shards and one process");

        var wholeManifest = Manifest(whole);
        var mergedManifest = Manifest(merged);
        Assert.That(mergedManifest["experiment"]!["merged_from"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(shards));
        Assert.That(wholeManifest["experiment"]!["merged_from"]!.AsArray(), Is.Empty);
        Assert.That(mergedManifest["files"]!.AsArray(), Has.Count.EqualTo(files.Count - 1), "every final file listed");
        foreach (var manifest in new[] { wholeManifest, mergedManifest })
        {
            foreach (var field in MachineFields) Assert.That(manifest.Remove(field), field);
            manifest["experiment"]!.AsObject().Remove("merged_from");
        }
        Assert.That(JsonNode.DeepEquals(mergedManifest, wholeManifest), Is.True,
            $"manifests differ beyond times, memory, the process (environment) and merged_from:\n{mergedManifest}\n---\n{wholeManifest}");
    }

    private static JsonObject Manifest(string dir) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")))!.AsObject();
}
