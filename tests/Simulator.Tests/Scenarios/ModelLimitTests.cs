using NUnit.Framework;
using Simulator.Cli;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;

namespace Simulator.Tests.Scenarios;

/// <summary>
/// The model's own sizes (<see cref="ModelLimits"/>) and the layouts a placement cannot fill are refused with exit code 2
/// at the line of the field, in the file as read and after <c>--scale</c>; and the cases the loader's property tests
/// found, each pinned.
/// </summary>
public sealed class ModelLimitTests
{
    /// <summary>A valid scenario of one small cluster; the tests change one line of it.</summary>
    private const string Small = """
        name: small
        horizon: 2h
        sample_interval: 10m
        topology:
          regions:
            - name: r
              zones:
                - name: r-a
                  clusters:
                    - name: c
                      nodes: 6
                      volumes: 300
                      replicas: 2
                      volume_size:
                        median: 50GiB
                      volume_writes:
                        median: 6/h
                      free_capacity: 20%
                      node_traffic: 10Mbps
                      primary_network: 10Gbps
                      secondary_network: 1Gbps
        replication:
          detect_timeout: 30s
          retry:
            interval: 5s
          copy_bandwidth: 100MB/s
          crash:
            per_closure_probability: 0
            restart_delay:
              median: 10m
            unrecoverable: 0%
        control_plane:
          workers: 8
          negotiate:
            service: 50ms
            timeout: 60s
        """;

    private string _dir = "";

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("replsim-limits-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        string path = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static int LineOf(string text, string line) =>
        text.Split('\n').Select((l, i) => (l, i)).Single(x => x.l.TrimEnd() == line).i + 1;

    private static ScenarioError SingleError(string path) =>
        Assert.Throws<ScenarioException>(() => ScenarioFile.Load<Scenario>(path))!.Errors.Single();

    [TestCase("volumes: 300", "volumes: 20000001", "expected at most 20,000,000 volumes, found 20,000,001")]
    [TestCase("nodes: 6", "nodes: 1000001", "expected at most 1,000,000 nodes, found 1,000,001")]
    [TestCase("sample_interval: 10m", "sample_interval: 1ms", "expected at most 1,000,000 samples (horizon 2h ÷ sample interval 1ms), found 7,200,002")]
    public void AModelPastALimitIsRefusedAtTheFieldsLine(string line, string replacement, string message)
    {
        string text = Small.Replace(line, replacement, StringComparison.Ordinal);
        var error = SingleError(Write(text));

        Assert.That(error.Message, Is.EqualTo(message));
        Assert.That(error.Line, Is.EqualTo(LineOf(text, text.Split('\n').First(l => l.Trim() == replacement).TrimEnd())));
    }

    [Test]
    public void MoreRegionsThanTheLimitAreRefusedAtTheFirstOneTooMany()
    {
        var regions = Enumerable.Range(0, ModelLimits.MaxRegions).Select(i => $"    - name: extra-{i}\n      zones:\n        - name: extra-{i}-a\n");
        string text = Small.Replace("  regions:\n", "  regions:\n" + string.Concat(regions), StringComparison.Ordinal);
        var error = SingleError(Write(text));

        Assert.That(error.Path, Is.EqualTo($"topology.regions[{ModelLimits.MaxRegions}]"));
        Assert.That(error.Message, Is.EqualTo($"expected at most {ModelLimits.MaxRegions} regions, found {ModelLimits.MaxRegions + 1}"));
        Assert.That(error.Line, Is.EqualTo(LineOf(text, "    - name: r")), "the first region past the limit: the file's own, after the extras");
    }

    /// <summary>
    /// Capacity follows from the data, so 4 nodes over three zones (2, 1, 1) under zone_spread with three replicas need
    /// 25 % free: each zone holds a replica of every volume, and a zone of one node has a quarter of the capacity.
    /// </summary>
    [TestCase("20%", true)]
    [TestCase("25%", false)]
    public void UnequalZonesUnderZoneSpreadAreRefusedBelowTheFreeShareThatLetsThemFill(string free, bool refused)
    {
        string text = Small
            .Replace("nodes: 6", "nodes: 4\n              zones: [r-a, r-b, r-c]\n              placement: zone_spread", StringComparison.Ordinal)
            .Replace("replicas: 2", "replicas: 3", StringComparison.Ordinal)
            .Replace("free_capacity: 20%", $"free_capacity: {free}", StringComparison.Ordinal)
            .Replace("\nreplication:", "\n        - name: r-b\n        - name: r-c\nreplication:", StringComparison.Ordinal);
        string path = Write(text);
        if (!refused)
        {
            Assert.That(ScenarioFile.Load<Scenario>(path).Topology.Regions[0].Zones, Has.Count.EqualTo(3));
            return;
        }
        var error = SingleError(path);
        Assert.That(error.Path, Is.EqualTo("topology.regions[0].zones[0].clusters[0].nodes"));
        Assert.That(error.Line, Is.EqualTo(LineOf(text, "              nodes: 4")));
        Assert.That(error.Message, Does.Contain("a zone of 1 node has room for 0.94 of a replica of every volume").And.Contain("a multiple of 3"));
    }

    /// <summary>Found by the property tests: a cluster whose name is not a string made the cross-field checks throw.</summary>
    [Test]
    public void AClusterNamedByAMappingIsAnErrorAtItsLine()
    {
        string text = Small.Replace("- name: c\n", "- name: {}\n", StringComparison.Ordinal);
        var error = SingleError(Write(text));

        Assert.That(error.Path, Is.EqualTo("topology.regions[0].zones[0].clusters[0].name"));
        Assert.That(error.Line, Is.EqualTo(LineOf(text, "            - name: {}")));
    }

    /// <summary>
    /// Found by the property tests: volumes that cannot be placed as drawn (one volume of two replicas on three nodes with
    /// no free capacity: a node holds two thirds of a replica) were an internal error; they are bad input at the line.
    /// </summary>
    [Test]
    public void VolumesThatCannotBePlacedAreRefusedAtTheVolumesLineWithNothingWritten()
    {
        string text = Small.Replace("nodes: 6", "nodes: 3", StringComparison.Ordinal).Replace("volumes: 300", "volumes: 1", StringComparison.Ordinal)
            .Replace("free_capacity: 20%", "free_capacity: 0%", StringComparison.Ordinal);
        string path = Write(text);
        string results = Path.Combine(_dir, "results");
        var (code, error) = Cli("run", path, "--out", results);

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), error);
        Assert.That(error, Does.StartWith($"{path}:{LineOf(text, "              volumes: 1")}:").And.Contain("do not fit on 3 nodes"));
        Assert.That(Directory.Exists(results) ? Directory.EnumerateFileSystemEntries(results, "*", SearchOption.AllDirectories) : [], Is.Empty);
    }

    /// <summary>
    /// <c>replsim run scenarios/multi-region/three-zones-r3.yaml --scale 0.05</c> threw from placement: 90 nodes over
    /// three zones scale to 4 (2, 1, 1). Refused before anything runs, at the cluster's nodes line, naming the scale.
    /// </summary>
    [Test]
    public void AScaleThatLeavesThePlacementUnsatisfiableIsRefusedAtTheNodesLine()
    {
        string scenario = Replay.RepositoryPaths.Scenario("multi-region/three-zones-r3.yaml");
        string results = Path.Combine(_dir, "results");
        var (code, error) = Cli("run", scenario, "--scale", "0.05", "--out", results);

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), error);
        Assert.That(error, Does.StartWith($"{scenario}:{LineOf(File.ReadAllText(scenario), File.ReadAllText(scenario).Split('\n').First(l => l.TrimStart().StartsWith("nodes: 90", StringComparison.Ordinal)).TrimEnd())}:")
            .And.Contain("topology.regions[0].zones[0].clusters[0].nodes: at --scale 0.05 the cluster has 4 nodes: zone_spread"));
        Assert.That(Directory.Exists(results), Is.False);
    }

    /// <summary>A scale past what a count holds saturates and is refused by the limit, rather than wrapping to a small count.</summary>
    [Test]
    public void AHugeScaleIsRefusedByTheLimitsAtTheFieldsLine()
    {
        string path = Write(Small);
        var (code, error) = Cli("run", path, "--scale", "1e12", "--out", Path.Combine(_dir, "results"));

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), error);
        Assert.That(error, Does.Contain($"{path}:{LineOf(Small, "              volumes: 300")}:").And.Contain("at --scale 1000000000000: expected at most 20,000,000 volumes"));
        Assert.That(error, Does.Contain($"{path}:{LineOf(Small, "              nodes: 6")}:").And.Contain("expected at most 1,000,000 nodes"));
    }

    /// <summary>
    /// Found by the property tests: two copies completing at the same instant, the first one's end crashing a node
    /// (a 4 % chance a closure) and so stopping the second, which was then told it completed ("finished a copy it no
    /// longer makes"). The second is now not told; at seed 1 this scenario hits it at once.
    /// </summary>
    [Test]
    public void ACopyStoppedAtTheInstantItCompletesIsNotToldItCompleted()
    {
        string path = Write(SameInstantCopies);
        var result = Experiments.ScenarioRunner.Run(Experiments.ScenarioRunner.Load(path), new Experiments.RunOptions(1));

        Assert.That(result.HorizonHours, Is.EqualTo(4));
        Assert.That(result.Series, Is.Not.Empty);
    }

    private const string SameInstantCopies = """
        name: generated
        horizon: 4h
        sample_interval: 30m
        topology:
          regions:
            -
              name: region-0
              zones:
                -
                  name: region-0a
                  clusters:
                    -
                      name: cluster-0a
                      nodes: 14
                      volumes: 196
                      replicas: 3
                      placement: most_free
                      volume_size:
                        median: 128GiB
                      volume_writes:
                        median: 13/h
                      free_capacity: 44%
                      node_traffic: 10Mbps
                      primary_network: 40Gbps
                      secondary_network: 1Gbps
                -
                  name: region-0b
                  clusters:
                    -
                      name: cluster-0b
                      nodes: 15
                      volumes: 112
                      replicas: 2
                      placement: random
                      volume_size:
                        median: 166GiB
                      volume_writes:
                        median: 16/h
                      free_capacity: 31%
                      node_traffic: 10Mbps
                      primary_network: 52Gbps
                      secondary_network: 1Gbps
        replication:
          detect_timeout: 22s
          retry:
            interval: 21s
          copy_bandwidth: 380MB/s
          crash:
            per_closure_probability: 0.04
            restart_delay:
              median: 10m
            unrecoverable: 1%
        control_plane:
          workers: 47
          negotiate:
            service: 50ms
            timeout: 60s
        faults:
          -
            kind: node_failure
            at: 30m
            cluster: cluster-0a
            nodes: 1
        """;

    private static (int Code, string Error) Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return (code, error.ToString());
    }
}
