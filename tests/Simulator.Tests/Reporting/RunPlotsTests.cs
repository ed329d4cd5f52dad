using System.Text;
using NUnit.Framework;
using Simulator.Metrics;
using Simulator.Reporting;
using Simulator.Reporting.Plots;

namespace Simulator.Tests.Reporting;

public sealed class RunPlotsTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Test]
    public void EveryPlotIsWrittenAsPngAndSvgWhenItsMetricsArePresent()
    {
        // Kept in the test's work folder (under bin/) so the pictures can be looked at after a run.
        string dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "plots-storm-2011");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);

        var written = RunPlots.Write(dir, SyntheticRuns.Storm2011());

        string[] names = ["outage-curve", "api-errors", "capacity", "network"];
        Assert.That(written.Select(Path.GetFileName),
            Is.EqualTo(names.SelectMany(n => new[] { n + ".png", n + ".svg" })));
        foreach (var name in names)
        {
            byte[] png = File.ReadAllBytes(Path.Combine(dir, name + ".png"));
            Assert.That(png[..8], Is.EqualTo(PngSignature), name);
            Assert.That(png.Length, Is.GreaterThan(20_000), $"{name}.png looks empty");
            string svg = File.ReadAllText(Path.Combine(dir, name + ".svg"), Encoding.UTF8);
            Assert.That(svg, Does.Contain("<svg").And.Contain("</svg>"), name);
            Assert.That(svg.Length, Is.GreaterThan(5_000), $"{name}.svg looks empty");
        }
    }

    [Test]
    public void AnSvgsBytesDependOnItsPlotAloneNotOnWhatTheProcessDrewBefore()
    {
        string root = Directory.CreateTempSubdirectory("replsim-svg-").FullName;
        try
        {
            RunPlots.Write(Path.Combine(root, "first"), SyntheticRuns.Storm2011());
            RunPlots.Write(Path.Combine(root, "other"), SyntheticRuns.Storm2011(replications: 3));
            RunPlots.Write(Path.Combine(root, "again"), SyntheticRuns.Storm2011());
            foreach (var name in new[] { "outage-curve", "api-errors", "capacity", "network" })
            {
                string first = File.ReadAllText(Path.Combine(root, "first", name + ".svg"));
                Assert.That(first, Does.Contain("url(#clip0)"), name);
                Assert.That(File.ReadAllText(Path.Combine(root, "again", name + ".svg")), Is.EqualTo(first), name);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void PlotsWhoseMetricsAreAbsentAreSkipped()
    {
        TimeSeriesRow[] rows =
        [
            new(0, 0, "zone:us-east-1b", MetricCatalog.ApiErrorRatePct.Name, 0),
            new(0, 1, "zone:us-east-1b", MetricCatalog.ApiErrorRatePct.Name, 5),
        ];
        var plots = RunPlots.Build(SyntheticRuns.Result("sparse", rows, [new(0.5, "something")]));
        Assert.That(plots.Select(p => p.Name), Is.EqualTo(new[] { "api-errors" }));
    }

    [Test]
    public void SeveralReplicationsArePlottedAsTheirMean()
    {
        var plots = RunPlots.Build(SyntheticRuns.Storm2011(replications: 3));
        Assert.That(plots, Has.Count.EqualTo(4));
    }

    [Test]
    public void TheTimeAxisNamesTheClockTimeOfTimeZeroWithItsOffset()
    {
        var result = SyntheticRuns.Storm2011();
        var plot = OutageCurvePlot.Build(result)!.Plots[^1];
        Assert.That(plot.Axes.Bottom.Label.Text, Is.EqualTo("hours since 12:47 AM 21 Apr 2011 (UTC-07:00)"));
        var noStart = SyntheticRuns.Result("x", result.Series, []);
        Assert.That(OutageCurvePlot.Build(noStart)!.Plots[^1].Axes.Bottom.Label.Text, Is.EqualTo("hours since start"));
    }
}
