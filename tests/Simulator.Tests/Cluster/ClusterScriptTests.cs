using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using NUnit.Framework;
using Simulator.Cli;
using Simulator.Tests.Cli;
using Simulator.Experiments;
using Simulator.Tests.ExperimentLayer;
using Simulator.Tests.Replay;
using YamlDotNet.RepresentationModel;

namespace Simulator.Tests.Cluster;

/// <summary>
/// The cluster files under <c>scenarios/cluster/</c>: the Slurm array and the Kubernetes Indexed Job run the same valid
/// sweep, and the shard script they share, run as separate processes (one of them stopped by SIGTERM and run again),
/// yields shards that merge into the folder one process writes.
/// </summary>
[NonParallelizable]
public sealed partial class ClusterScriptTests
{
    private static readonly string ClusterDir = Path.Combine(RepositoryPaths.Root, "scenarios", "cluster");
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("replsim-cluster-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void TheKubernetesJobAndTheSlurmArrayRunTheSameSweepAndItsPlanIsValid()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(ClusterDir, "k8s-sweep.yaml"))) yaml.Load(reader);
        var job = yaml.Documents.Select(d => (YamlMappingNode)d.RootNode).Single(d => Scalar(d, "kind") == "Job");
        var spec = (YamlMappingNode)job["spec"];
        Assert.That(Scalar(spec, "completionMode"), Is.EqualTo("Indexed"));
        var container = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)spec["template"])["spec"])["containers"])[0];
        var env = ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().ToDictionary(e => Scalar(e, "name"), e => Scalar(e, "value"));
        Assert.That(env["SHARD_COUNT"], Is.EqualTo(Scalar(spec, "completions")), "SHARD_COUNT repeats completions");
        Assert.That(env, Does.Not.ContainKey("SHARD_INDEX"), "the index is JOB_COMPLETION_INDEX");
        var k8sArgs = ((YamlSequenceNode)container["args"]).Select(n => ((YamlScalarNode)n).Value!).ToList();

        var slurmArgs = SlurmSweepArguments();
        Assert.That(slurmArgs, Is.EqualTo(k8sArgs), "both schedulers run the same sweep, so their results merge alike");

        Assert.That(k8sArgs[0], Is.EqualTo("sweep"));
        var vary = k8sArgs.Select((a, i) => (a, i)).Where(p => p.a == "--vary").Select(p => k8sArgs[p.i + 1]).ToList();
        int replications = int.Parse(k8sArgs[k8sArgs.IndexOf("--replications") + 1], System.Globalization.CultureInfo.InvariantCulture);
        var setup = ExperimentSetup.ForSweep(Path.Combine(RepositoryPaths.Root, k8sArgs[1]), vary, null,
            new ExperimentSettings(1, 1.0, null, replications, []), TinyExperiments.Load);
        Assert.That(setup.Plan.Points, Has.Count.EqualTo(54));
        Assert.That(setup.Plan.UnitCount, Is.EqualTo(1080));
    }

    [Test]
    public void ShardsRunByTheScriptAsSeparateProcessesMergeIntoWhatOneProcessWrites()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False, "the shard script is bash and stops with SIGTERM");
        string[] sweep =
        [
            "sweep", TinyExperiments.Replay, "--vary", TinyExperiments.FreeCapacityPath + "=1%,5%", "--replications", "4",
            "--seed", "3", "--scale", "0.05", "--set", "horizon=24h", "--sample-interval", "30m",
        ];
        string results = Path.Combine(_root, "shards");
        const int Shards = 2;

        // Shard 0 is stopped by SIGTERM once a unit is done, as a scheduler stops a task, then run again.
        var (stopped, stoppedOutput) = RunShard(0, Shards, results, sweep, terminateAfterFirstUnit: true);
        string dir0 = Path.Combine(results, "shard-0-of-2");
        TestContext.Out.WriteLine($"shard 0 after SIGTERM: exit {stopped}\n{stoppedOutput}");
        if (stopped == ExitCodes.Interrupted)
        {
            Assert.That(File.ReadAllText(Path.Combine(dir0, "manifest.json")), Does.Contain("\"status\": \"incomplete\""));
            var (resumed, output) = RunShard(0, Shards, results, sweep);
            Assert.That(resumed, Is.EqualTo(0), output);
            Assert.That(output, Does.Contain("resuming"));
        }
        else
            Assert.That(stopped, Is.EqualTo(0), "a shard that finished before the signal arrived: " + stoppedOutput);
        var (again, againOutput) = RunShard(0, Shards, results, sweep);
        Assert.That(again, Is.EqualTo(0));
        Assert.That(againOutput, Does.Contain("already complete"));

        var (one, oneOutput) = RunShard(1, Shards, results, sweep);
        Assert.That(one, Is.EqualTo(0), oneOutput);

        string merged = Path.Combine(_root, "merged");
        Assert.That(Cli("merge", dir0, Path.Combine(results, "shard-1-of-2"), "--out", merged), Is.EqualTo(0));
        string whole = Path.Combine(_root, "whole");
        Assert.That(Cli([.. sweep, "--folder", whole]), Is.EqualTo(0));

        var csvs = Directory.GetFiles(whole, "*.csv").Select(Path.GetFileName).Order().ToList();
        Assert.That(csvs, Does.Contain("points.csv").And.Contain("summary.csv").And.Contain("figures.csv"));
        Assert.That(Directory.GetFiles(merged, "*.csv").Select(Path.GetFileName).Order(), Is.EqualTo(csvs));
        foreach (var csv in csvs)
            Assert.That(File.ReadAllBytes(Path.Combine(merged, csv!)), Is.EqualTo(File.ReadAllBytes(Path.Combine(whole, csv!))), csv);
    }

    /// <summary>The arguments slurm-sweep.sbatch hands to run-shard.sh, as the shell would split them.</summary>
    private static List<string> SlurmSweepArguments()
    {
        string script = File.ReadAllText(Path.Combine(ClusterDir, "slurm-sweep.sbatch")).Replace("\\\n", " ", StringComparison.Ordinal);
        string line = script.Split('\n').Single(l => l.StartsWith("exec scenarios/cluster/run-shard.sh", StringComparison.Ordinal));
        return ShellWords(line).Skip(2).ToList();
    }

    private static IEnumerable<string> ShellWords(string line)
    {
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in line)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else word.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) yield return word.ToString();
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord) yield return word.ToString();
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static (int Code, string Output) RunShard(int index, int count, string results, string[] arguments,
        bool terminateAfterFirstUnit = false)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ClusterDir, "run-shard.sh"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["SHARD_INDEX"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SHARD_COUNT"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RESULTS"] = results;
        start.Environment["THREADS"] = "1";
        var (host, dll) = ReplsimProcess.Locate();
        start.Environment["REPLSIM"] = $"{host} {dll}";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = process.StandardError.ReadToEndAsync();
        bool signalled = false;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            output.AppendLine(line);
            if (terminateAfterFirstUnit && !signalled && UnitsDone().Match(line) is { Success: true } m && int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1)
            {
                signalled = true;
                Assert.That(Kill(process.Id, Sigterm), Is.Zero, "SIGTERM sent");
            }
        }
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the shard did not finish in 2 minutes: " + output);
        }
        output.Append(error.Result);
        return (process.ExitCode, output.ToString());
    }

    private static int Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        if (code != 0) TestContext.Out.WriteLine(output + "\n" + error);
        return code;
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(\d+)/\d+ units\b")]
    private static partial System.Text.RegularExpressions.Regex UnitsDone();
}
