using NUnit.Framework;
using Simulator.Cli;

namespace Simulator.Tests.Durability;

/// <summary><c>replsim durability …</c> and durability scenario files through <c>run</c>, <c>compare</c> and <c>sweep</c>, end to end.</summary>
public sealed class DurabilityCliTests
{
    private string _root = "";
    private string _out = "";

    [SetUp]
    public void CreateRoot()
    {
        _root = Directory.CreateTempSubdirectory("replsim-durability-").FullName;
        _out = Path.Combine(_root, "out");
    }

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private static readonly string[] Mttdl = ["durability", "mttdl", "--replicas", "3", "--failure-rate", "8.1345e-3/d", "--repair-rate", "66/d", "--trials", "20000"];
    private static readonly string[] Simultaneous =
        ["durability", "simultaneous", "--nodes", "300", "--replicas", "3", "--placement", "copyset", "--scatter-width", "4", "--chunks-per-node", "20", "--failed", "10%", "--trials", "500"];

    [TestCase("--needed", "4", "--needed: expected k ≤ n = 3 chunks needed, found k = 4", TestName = "{m}(k > n)")]
    [TestCase("--failure-rate", "0/d", "--failure-rate: expected a positive rate, found \"0/d\"", TestName = "{m}(zero rate)")]
    [TestCase("--repair-rate", "-66/d", "--repair-rate: expected a positive rate, found \"-66/d\"", TestName = "{m}(negative rate)")]
    [TestCase("--repair-rate", "66/fortnight", "unknown unit \"fortnight\"", TestName = "{m}(unknown unit)")]
    [TestCase("--lifetime", "gamma:2", "--lifetime: expected exponential or weibull:SHAPE", TestName = "{m}(unknown lifetime)")]
    [TestCase("--bursts", "37%:20", "--nodes: bursts need the cluster's node count", TestName = "{m}(bursts without nodes)")]
    public void BadMttdlInputIsRefusedWithExitTwoAndNothingWritten(string option, string value, string message)
    {
        var (code, output, error) = Run([.. Replace(Mttdl, option, value), "--out", _out]);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain(message));
        Assert.That(output, Is.Empty);
        Assert.That(Directory.Exists(_out), Is.False, "nothing written");
    }

    [TestCase("--scatter-width", "3", "--scatter-width: copyset scatter width must be a positive multiple of R−1 = 2, found S=3", TestName = "{m}(copyset width not a multiple of R-1)")]
    [TestCase("--scatter-width", "400", "needs at least 401 nodes, the cluster has 300", TestName = "{m}(width beyond the cluster)")]
    [TestCase("--failed", "301", "--failed: expected at most nodes = 300 failed nodes, found 301", TestName = "{m}(more failed nodes than nodes)")]
    [TestCase("--failed", "150%", "--failed: expected a fraction between 0% and 100%, found \"150%\"", TestName = "{m}(a share above 100 %)")]
    [TestCase("--placement", "hash", "--placement: expected one of random, scatter, copyset, rack-aware, found \"hash\"", TestName = "{m}(unknown placement)")]
    public void BadSimultaneousInputIsRefusedWithExitTwoAndNothingWritten(string option, string value, string message)
    {
        var (code, output, error) = Run([.. Replace(Simultaneous, option, value), "--out", _out]);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain(message));
        Assert.That(output, Is.Empty);
        Assert.That(Directory.Exists(_out), Is.False, "nothing written");
    }

    [Test]
    public void RackAwarePlacementNeedsAsManyRacksAsReplicas()
    {
        var (code, _, error) = Run([.. Replace(Simultaneous, "--placement", "rack-aware"), "--racks", "2", "--out", _out]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("rack-aware R=3 needs at least 3 racks, the cluster has 2"));
        Assert.That(Directory.Exists(_out), Is.False);
    }

    [Test]
    public void MttdlWritesATidyCsvAManifestAndAPlot()
    {
        string folder = Path.Combine(_root, "mttdl");
        var (code, output, error) = Run([.. Mttdl, "--folder", folder]);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("p_loss_within_horizon").And.Contain($"results: {folder}"));
        var lines = File.ReadAllLines(Path.Combine(folder, "durability.csv"));
        Assert.That(lines[0], Is.EqualTo("quantity,method,estimate,ci_low,ci_high,unit"));
        Assert.That(lines.Skip(1).Select(l => string.Join(',', l.Split(',')[0], l.Split(',')[1], l.Split(',')[^1])), Is.EqualTo(new[]
        {
            "mttdl,exact,hours", "mttdl,exact,days", "mttdl,monte_carlo,hours", "mttdl,monte_carlo,days",
            "p_loss_within_horizon,exact,probability", "p_loss_within_horizon,monte_carlo,probability",
        }));
        string manifest = File.ReadAllText(Path.Combine(folder, "manifest.json"));
        Assert.That(manifest, Does.Contain("\"failure_rate\": \"8.1345e-3/d\"").And.Contain("durability.csv").And.Contain("plots/loss-probability.png"));
        Assert.That(File.Exists(Path.Combine(folder, "plots", "loss-probability.png")));
    }

    [Test]
    public void TheCsvIsTheSameOnOneThreadAndOnTwo()
    {
        string one = Path.Combine(_root, "one"), two = Path.Combine(_root, "two");
        Assert.That(Run([.. Simultaneous, "--threads", "1", "--folder", one]).Code, Is.EqualTo(0));
        Assert.That(Run([.. Simultaneous, "--threads", "2", "--folder", two]).Code, Is.EqualTo(0));
        Assert.That(File.ReadAllBytes(Path.Combine(two, "durability.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, "durability.csv"))));
    }

    [Test]
    public void DurabilityScenarioFilesRunCompareAndSweep()
    {
        string copyset = Write("copyset.yaml", "name: copyset\nseed: 3\ndurability:\n  kind: simultaneous\n  nodes: 300\n  replicas: 3\n  placement: copyset\n" +
                                               "  scatter_width: 2\n  chunks_per_node: 20\n  failed: 10%\n  trials: 400\n");
        string random = Write("random.yaml", "extends: copyset.yaml\nname: random\ndurability:\n  placement: random\n");

        string run = Path.Combine(_root, "run");
        var (code, output, error) = Run("run", copyset, "--folder", run);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("p_loss"));
        Assert.That(File.ReadAllLines(Path.Combine(run, "durability.csv")).Skip(1).Select(l => l.Split(',')[0] + "," + l.Split(',')[1]),
            Does.Contain("p_loss,exact").And.Contain("p_loss,monte_carlo"), "300 nodes, S = 2: disjoint copysets, exact");

        string compare = Path.Combine(_root, "compare");
        (code, _, error) = Run("compare", copyset, random, "--folder", compare);
        Assert.That(code, Is.EqualTo(0), error);
        var rows = File.ReadAllLines(Path.Combine(compare, "durability.csv"));
        Assert.That(rows[0], Is.EqualTo("variant,quantity,method,estimate,ci_low,ci_high,unit"));
        Assert.That(rows.Skip(1).Select(l => l.Split(',')[0]).Distinct(), Is.EqualTo(new[] { "copyset", "random" }));

        string sweep = Path.Combine(_root, "sweep");
        (code, _, error) = Run("sweep", copyset, "--vary", "durability.scatter_width=2,4,8", "--folder", sweep);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(File.ReadAllLines(Path.Combine(sweep, "points.csv")), Is.EqualTo(new[] { "point,durability.scatter_width", "0,2", "1,4", "2,8" }));
        var swept = File.ReadAllLines(Path.Combine(sweep, "durability.csv"));
        Assert.That(swept[0], Is.EqualTo("point,durability.scatter_width,quantity,method,estimate,ci_low,ci_high,unit"));
        Assert.That(File.Exists(Path.Combine(sweep, "plots", "p_loss-vs-scatter_width.png")));
    }

    [Test]
    public void AScenarioFileWithAnErrorIsRefusedAtItsLine()
    {
        string bad = Write("bad.yaml", "name: bad\ndurability:\n  kind: mttdl\n  replicas: 3\n  needed: 5\n  failure_rate: 1/d\n  repair_rate: 0/d\n");
        var (code, _, error) = Run("run", bad, "--out", _out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("bad.yaml:5:11 durability.needed: expected k ≤ n = 3 chunks needed, found k = 5"));
        Assert.That(error, Does.Contain("durability.repair_rate: expected a positive rate, found \"0/d\""));
        Assert.That(Directory.Exists(_out), Is.False);
    }

    [Test]
    public void AnUnknownVaryPathIsRefusedBeforeAnythingRuns()
    {
        string file = Write("m.yaml", "name: m\ndurability:\n  kind: mttdl\n  replicas: 3\n  failure_rate: 1/d\n  repair_rate: 10/d\n");
        var (code, _, error) = Run("sweep", file, "--vary", "durability.repair_rat=1/d,2/d", "--out", _out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--vary durability.repair_rat").And.Contain("did you mean \"repair_rate\""));
        Assert.That(Directory.Exists(_out), Is.False);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string[] Replace(string[] args, string option, string value)
    {
        int i = Array.IndexOf(args, option);
        return i < 0 ? [.. args, option, value] : [.. args[..(i + 1)], value, .. args[(i + 2)..]];
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
