using System.Text;
using NUnit.Framework;
using Simulator.Cli;
using Simulator.Metrics;
using Simulator.Reporting;
using Simulator.Reporting.Plots;
using Simulator.Tests.Cli;

namespace Simulator.Tests.Reporting;

public sealed class CustomPlotTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private string _dir = "";
    private string _run = "";
    private string _sweep = "";

    [SetUp]
    public void CreateFolders()
    {
        _dir = Directory.CreateTempSubdirectory("replsim-plot-").FullName;
        _run = Path.Combine(_dir, "run");
        Directory.CreateDirectory(_run);
        TimeSeriesCsv.Write(Path.Combine(_run, RunFolder.TimeSeriesFileName), SyntheticRuns.Storm2011(replications: 3).Series);
        // A sweep folder as replsim sweep writes it: points.csv and summary.csv (two replications per point).
        _sweep = Path.Combine(_dir, "sweep");
        Directory.CreateDirectory(_sweep);
        File.WriteAllText(Path.Combine(_sweep, SweepCsv.PointsFileName), "point,replication.retry.interval\n0,1s\n1,5s\n2,30s\n");
        var summary = new StringBuilder("point,metric,scope,replications,peak,peak_time_h,final,minutes_above_1pct," +
            "peak_sd,peak_ci95_low,peak_ci95_high,peak_min,peak_max,peak_p5,peak_p50,peak_p95," +
            "final_sd,final_ci95_low,final_ci95_high,final_min,final_max,final_p5,final_p50,final_p95\n");
        foreach (var (point, peak) in new[] { (0, 32.0), (1, 10.8), (2, 8.6) })
            foreach (var scope in new[] { "region:us-east-1", "zone:us-east-1a" })
                summary.Append($"{point},volumes_stuck_pct,{scope},2,{peak},1.5,0,,1,0,60,{peak - 4},{peak + 4},{peak - 3.6},{peak},{peak + 3.6}," +
                               "0,0,0,0,0,0,0,0\n");
        File.WriteAllText(Path.Combine(_sweep, RunFolder.SummaryFileName), summary.ToString());
    }

    [TearDown]
    public void DeleteFolders() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void AMetricOverTimeIsDrawnOneLinePerScopeIntoThePlotsFolderByDefault()
    {
        var (code, output, error) = Run("plot", _run, "--metric", "api_error_rate_pct");

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);
        string png = Path.Combine(_run, "plots", "api_error_rate_pct.png");
        Assert.That(output, Does.Contain($"plot: {png}"));
        byte[] bytes = File.ReadAllBytes(png);
        Assert.That(bytes[..8], Is.EqualTo(PngSignature));
        Assert.That(bytes, Has.Length.GreaterThan(20_000), "looks empty");
    }

    [Test]
    public void TheSvgNamesEachScopeAndTheMetricsUnitAndIsTheSameBytesEveryTime()
    {
        string first = Path.Combine(_dir, "a.svg"), again = Path.Combine(_dir, "b.svg");
        Assert.That(Run("plot", Path.Combine(_run, "timeseries.csv"), "--metric", "free_capacity_pct", "--out", first).Code, Is.EqualTo(0));
        Assert.That(Run("plot", _run, "--metric", "free_capacity_pct", "--out", again).Code, Is.EqualTo(0));

        string svg = File.ReadAllText(first);
        Assert.That(svg, Does.Contain("us-east-1a-c1").And.Contain("us-east-1a-c2").And.Contain("us-east-1a-c3"));
        Assert.That(svg, Does.Contain("free_capacity_pct (%)"), "the unit from the metric catalogue labels the axis");
        Assert.That(File.ReadAllText(again), Is.EqualTo(svg));
    }

    [Test]
    public void OneScopeIsPlottedAloneAndMayBeNamedWithoutItsKind()
    {
        string svg = Path.Combine(_dir, "one.svg");
        var (code, _, error) = Run("plot", _run, "--metric", "nodes_crashed_total", "--scope", "us-east-1a-c2", "--out", svg);

        Assert.That(code, Is.EqualTo(0), error);
        string text = File.ReadAllText(svg);
        Assert.That(text, Does.Contain("cluster:us-east-1a-c2").And.Contain("nodes_crashed_total (crashes)"));
        Assert.That(text, Does.Not.Contain("us-east-1a-c1"));
    }

    [Test]
    public void ASweepsSummaryIsDrawnAgainstTheSweptParameterByPathOrShortName()
    {
        string svg = Path.Combine(_dir, "vs.svg");
        var (code, _, error) = Run("plot", _sweep, "--metric", "volumes_stuck_pct", "--vs", "interval", "--scope", "zone:us-east-1a", "--out", svg);

        Assert.That(code, Is.EqualTo(0), error);
        string text = File.ReadAllText(svg);
        Assert.That(text, Does.Contain("interval (s)").And.Contain("volumes_stuck_pct, peak (%)").And.Contain("median and 5–95 % of 2 runs"));
        Assert.That(Run("plot", _sweep, "--metric", "volumes_stuck_pct", "--vs", "replication.retry.interval", "--stat", "final").Code,
            Is.EqualTo(0));
        Assert.That(File.Exists(Path.Combine(_sweep, "plots", "volumes_stuck_pct-final-vs-replication.retry.interval.png")));
    }

    [TestCase("--metric", "volumes_stuk_pct", "unknown metric \"volumes_stuk_pct\"; did you mean \"volumes_stuck_pct\"?")]
    [TestCase("--metric", "volumes_degraded_pct", "has no volumes_degraded_pct rows")]
    [TestCase("--scope", "zone:us-east-1b", "has no volumes_stuck_pct in scope \"zone:us-east-1b\"; it has it in zone:us-east-1a")]
    [TestCase("--out", "stuck.jpg", "--out must end with .png or .svg")]
    [TestCase("--vs", "interval", "--vs needs a sweep folder")]
    [TestCase("--stat", "mean", "--stat expects peak or final")]
    public void BadInputExitsTwoWithAClearMessageAndWritesNothing(string option, string value, string message)
    {
        var args = new List<string> { "plot", _run };
        if (option != "--metric") args.AddRange(["--metric", "volumes_stuck_pct"]);
        args.AddRange([option, value]);
        if (option != "--out") args.AddRange(["--out", Path.Combine(_dir, "out", "x.png")]);
        var (code, _, error) = Run([.. args]);

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain(message));
        Assert.That(Directory.Exists(Path.Combine(_dir, "out")), Is.False);
        Assert.That(Directory.Exists(Path.Combine(_run, "plots")), Is.False);
    }

    [Test]
    public void AFolderThatIsNotARunOrASweepWithoutVsOrAnUnknownParameterExitsTwo()
    {
        string empty = Path.Combine(_dir, "empty");
        Directory.CreateDirectory(empty);
        var (code, _, error) = Run("plot", empty, "--metric", "volumes_stuck_pct");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("is not a run folder: it has no timeseries.csv"));

        (code, _, error) = Run("plot", _sweep, "--metric", "volumes_stuck_pct");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("is a sweep folder, which keeps no time series: give --vs PARAM (replication.retry.interval)"));

        (code, _, error) = Run("plot", _sweep, "--metric", "volumes_stuck_pct", "--vs", "intervall");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("did not sweep \"intervall\"").And.Contain("did you mean \"interval\"?"));
        Assert.That(Directory.GetFileSystemEntries(empty), Is.Empty);
        Assert.That(Directory.Exists(Path.Combine(_sweep, "plots")), Is.False);
    }

    [Test]
    public void TheCatalogueKnowsEveryMetricTheSyntheticRunCarries()
    {
        foreach (var metric in SyntheticRuns.Storm2011().Series.Select(r => r.Metric).Distinct())
            Assert.That(CustomPlot.FindMetric(metric).Name, Is.EqualTo(metric));
        Assert.That(CustomPlot.FindMetric(MetricCatalog.NodesCrashedTotal.Name).Unit, Is.EqualTo("crashes"));
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error, interactive: false, new FakeScenarioRunner());
        return (code, output.ToString(), error.ToString());
    }
}
