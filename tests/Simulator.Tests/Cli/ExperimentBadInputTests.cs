using NUnit.Framework;
using Simulator.Cli;
using Simulator.Tests.ExperimentLayer;

namespace Simulator.Tests.Cli;

public sealed class ExperimentBadInputTests
{
    private const string FreeCapacity = TinyExperiments.FreeCapacityPath;

    private string _shards = "";
    private string _root = "";
    private string _out = "";

    [OneTimeSetUp]
    public void WriteShardFolders()
    {
        _shards = Directory.CreateTempSubdirectory("replsim-bad-input-shards-").FullName;
        WriteShard("seed-11-shard-0", 0, seed: 11);
        WriteShard("seed-11-shard-1", 1, seed: 11);
        WriteShard("seed-12-shard-1", 1, seed: 12);
    }

    [OneTimeTearDown]
    public void DeleteShardFolders() => Directory.Delete(_shards, recursive: true);

    [SetUp]
    public void CreateRoot()
    {
        _root = Directory.CreateTempSubdirectory("replsim-bad-input-").FullName;
        _out = Path.Combine(_root, "out");
    }

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [TestCase(new[] { "--vary", "topology.regions[0].zones[0].clusters[0].free_capacty=1%,5%" },
        new[] { "--vary topology.regions[0].zones[0].clusters[0].free_capacty", "unknown field \"free_capacty\"", "did you mean \"free_capacity\"" },
        TestName = "{m}(unknown --vary path)")]
    [TestCase(new[] { "--vary", $"{FreeCapacity}=" }, new[] { $"--vary {FreeCapacity}", "has no values" },
        TestName = "{m}(empty --vary list)")]
    [TestCase(new[] { "--vary", $"{FreeCapacity}=5%..1%:3" }, new[] { $"--vary {FreeCapacity}", "lo <= hi", "\"5%..1%:3\"" },
        TestName = "{m}(reversed --vary range)")]
    [TestCase(new[] { "--vary", $"{FreeCapacity}=1%..5%" }, new[] { $"--vary {FreeCapacity}", "a grid needs the number of values", "1%..5%:steps" },
        TestName = "{m}(--vary range without steps)")]
    [TestCase(new[] { "--vary", $"{FreeCapacity}=1%,5%", "--shard", "3/2" }, new[] { "--shard", "must be below the shard count", "\"3/2\"" },
        TestName = "{m}(shard 3 of 2)")]
    [TestCase(new[] { "--vary", $"{FreeCapacity}=1%,5%", "--shard", "-1/2" }, new[] { "--shard expected i/n", "\"-1/2\"" },
        TestName = "{m}(shard -1 of 2)")]
    [TestCase(new[] { "--vary", $"{FreeCapacity}=1%,5%", "--replications", "0" }, new[] { "--replications expects a whole number of at least 1", "\"0\"" },
        TestName = "{m}(no replications)")]
    [TestCase(new[] { "--vary", $"{FreeCapacity}=1%,5%", "--threads", "0" }, new[] { "--threads expects a whole number of at least 1", "\"0\"" },
        TestName = "{m}(no threads)")]
    public void ASweepWithBadOptionsExitsTwoNamingTheProblemAndWritesNothing(string[] options, string[] message)
    {
        var (code, error) = Run(["sweep", TinyExperiments.Replay, "--seed", "11", .. TinyExperiments.Flags, .. options, "--out", _out]);

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), error);
        foreach (var part in message) Assert.That(error, Does.Contain(part));
        Assert.That(FolderAssert.Entries(_root), Is.Empty, "nothing written");
    }

    [Test]
    public void ResumingAFolderThatDoesNotExistExitsTwoNamingItAndWritesNothing()
    {
        string missing = Path.Combine(_out, "sweep-missing");
        var (code, error) = Run(["sweep", "--resume", missing, "--out", _out]);

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), error);
        Assert.That(error, Does.Contain($"{missing}: no such folder"));
        Assert.That(FolderAssert.Entries(_root), Is.Empty, "nothing written");
    }

    [Test]
    public void MergingShardsOfDifferentSeedsExitsTwoNamingBothAndWritesNothing()
    {
        string a = Path.Combine(_shards, "seed-11-shard-0"), b = Path.Combine(_shards, "seed-12-shard-1");
        var shardsBefore = FolderAssert.Entries(_shards);
        var (code, error) = Run(["merge", a, b, "--out", Path.Combine(_out, "merged")]);

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), error);
        Assert.That(error, Does.Contain($"{b} has seed 12 and {a} seed 11: shards must share the seed"));
        Assert.That(FolderAssert.Entries(_root), Is.Empty, "nothing written");
        Assert.That(FolderAssert.Entries(_shards), Is.EqualTo(shardsBefore), "the shards untouched");
    }

    [Test]
    public void MergingIntoAnExistingFolderExitsTwoAndLeavesItAsItWas()
    {
        string existing = Path.Combine(_root, "existing");
        Directory.CreateDirectory(existing);
        File.WriteAllText(Path.Combine(existing, "notes.txt"), "keep me\n");
        var before = FolderAssert.Entries(_root);
        var (code, error) = Run(["merge", Path.Combine(_shards, "seed-11-shard-0"), Path.Combine(_shards, "seed-11-shard-1"),
            "--out", existing]);

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), error);
        Assert.That(error, Does.Contain($"{existing} already exists: merge writes a new folder"));
        Assert.That(FolderAssert.Entries(_root), Is.EqualTo(before), "nothing added beside or inside it");
        Assert.That(File.ReadAllText(Path.Combine(existing, "notes.txt")), Is.EqualTo("keep me\n"));
    }

    private void WriteShard(string name, int index, ulong seed)
    {
        var (code, error) = Run(["sweep", TinyExperiments.Replay, "--vary", $"{FreeCapacity}=1%,5%", "--replications", "1",
            "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), .. TinyExperiments.Flags,
            "--threads", "1", "--shard", $"{index}/2", "--folder", Path.Combine(_shards, name)]);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);
    }

    private static (int Code, string Error) Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return (code, error.ToString());
    }
}
