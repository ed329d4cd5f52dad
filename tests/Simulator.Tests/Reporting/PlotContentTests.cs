using System.Globalization;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Simulator.Cli;
using Simulator.Metrics;
using Simulator.Reporting;
using Simulator.Reporting.Plots;
using Simulator.Tests.ExperimentLayer;

namespace Simulator.Tests.Reporting;

/// <summary>What the plots say agrees with what they draw: legends, keys, tick labels, titles.</summary>
public sealed partial class PlotContentTests
{
    [Test]
    public void AnApiErrorLegendQuotesThePeakOfTheCurveItDrawsNotOfTheSamples()
    {
        // Four days sampled every minute: the line shows 15-minute means. One minute at 100 % among 0 % minutes
        // is a sample peak of 100 but a drawn peak of 100/15 ≈ 6.7.
        var rows = new List<TimeSeriesRow>();
        for (int k = 0; k <= 96 * 60; k++)
            rows.Add(new(0, k / 60.0, SyntheticRuns.Zone, MetricCatalog.ApiErrorRatePct.Name, k == 600 ? 100 : 0));
        var figure = ApiErrorsPlot.Build(SyntheticRuns.Result("spike", rows, [], horizonHours: 96))!;

        var line = figure.Plots[0].GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Single(s => s.LegendText.StartsWith("us-east-1a", StringComparison.Ordinal));
        double drawnMax = line.Data.GetScatterPoints().Max(p => p.Y);
        double quoted = double.Parse(PeakNumber().Match(line.LegendText).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.That(drawnMax, Is.EqualTo(100.0 / 15).Within(1e-9), "the line is the 15-minute mean");
        Assert.That(quoted, Is.EqualTo(drawnMax).Within(0.05), line.LegendText);
    }

    [Test]
    public void FaultsAndActionsAfterTheHorizonAreNeitherKeyedNorDrawn()
    {
        var storm = SyntheticRuns.Storm2011();
        var result = SyntheticRuns.Result(storm.ScenarioName, storm.Series, [new(1, "before"), new(96, "at the horizon"), new(120, "after")],
            SyntheticRuns.Start2011, horizonHours: 96);
        var figure = OutageCurvePlot.Build(result)!;
        Assert.That(figure.Key.Select(k => k.Text), Has.Some.EndsWith("before").And.Some.EndsWith("at the horizon").And.None.EndsWith("after"));
        foreach (var plot in figure.Plots)
            Assert.That(plot.GetPlottables().OfType<ScottPlot.Plottables.VerticalLine>().Select(v => v.X), Has.None.GreaterThan(96));
    }

    [Test]
    public void ClockTimesInTheKeyAreRoundedToTheMinuteNotCut()
    {
        // 12:47 AM + 7.55 h is 8:20 AM; 7.55 × 60 is 452.99999… in binary, which truncation shows as 8:19.
        Assert.That(TimelineMarks.Clock(SyntheticRuns.Start2011, 7.55), Is.EqualTo("Thu 8:20 AM"));
        Assert.That(TimelineMarks.KeyText(new TimelineMarker(7.55, "cut off"), SyntheticRuns.Start2011), Is.EqualTo("7.55 h (Thu 8:20 AM) cut off"));
    }

    [TestCase(new double[] { 0, 0.0025, 0.005, 0.0075, 0.01, 0.0125 })]
    [TestCase(new double[] { 0.009, 0.0095, 0.01, 0.0105 })]
    [TestCase(new double[] { 0, 20_000, 40_000, 60_000 })]
    [TestCase(new double[] { -1, -0.5, 0, 0.5, 1 })]
    public void TickLabelsAreDistinctAndReadBackToTheirTicks(double[] ticks)
    {
        var labels = DistinctTicks.Labels(ticks);
        Assert.That(labels, Is.Unique);
        double step = ticks.Zip(ticks.Skip(1), (a, b) => b - a).Min();
        for (int i = 0; i < ticks.Length; i++)
            Assert.That(double.Parse(labels[i].Replace(",", ""), CultureInfo.InvariantCulture), Is.EqualTo(ticks[i]).Within(step / 100), labels[i]);
    }

    [Test]
    public void AnAxisOfHundredthsRendersDistinctTickLabels()
    {
        var plot = PlotStyle.Create("t", "x", "y");
        plot.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 0.0001, 0.0137 });
        plot.Axes.SetLimitsY(0, 0.014);
        plot.GetImage(600, 400).Dispose();
        var labels = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();
        Assert.That(labels, Has.Count.GreaterThan(2));
        Assert.That(labels, Is.Unique);
    }

    [Test]
    public void CapacityDrawsFreeSpaceAndCrashesInDifferentColours()
    {
        var rows = new List<TimeSeriesRow>();
        for (int k = 0; k < 10; k++)
        {
            rows.Add(new(0, k, "cluster:c1", MetricCatalog.FreeCapacityPct.Name, 10 - k));
            rows.Add(new(0, k, "cluster:c1", MetricCatalog.NodesCrashedTotal.Name, k));
        }
        var figure = CapacityPlot.Build(SyntheticRuns.Result("cap", rows, [], horizonHours: 9))!;
        var colours = figure.Plots[0].GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Where(s => s.LegendText.Length > 0)
            .Select(s => s.Color).ToList();
        Assert.That(colours, Has.Count.EqualTo(2));
        Assert.That(colours, Is.Unique);
    }

    [Test]
    public void ARunWithOverridesSaysThemInItsSubtitleAndAMultiDayRunNamesItsDays()
    {
        var storm = SyntheticRuns.Storm2011();
        var withSet = new Simulator.Experiments.RunResult
        {
            ScenarioName = storm.ScenarioName, AffectedZoneScope = storm.AffectedZoneScope, Start = storm.Start,
            HorizonHours = storm.HorizonHours, VolumesTotal = 1, EventsProcessed = 1, WallSeconds = 1, PeakMemoryBytes = 1,
            Series = storm.Series, Markers = storm.Markers, Overrides = ["replication.retry.interval=10s"],
        };
        Assert.That(OutageCurvePlot.Build(withSet)!.Subtitle, Does.Contain("--set replication.retry.interval=10s"));
        Assert.That(OutageCurvePlot.Build(storm)!.Subtitle, Is.Null);
        Assert.That(OutageCurvePlot.Build(storm)!.Title, Does.EndWith("21–25 Apr 2011"));
        Assert.That(PlotStyle.DateSpan(SyntheticRuns.Start2011, 2), Is.EqualTo("21 Apr 2011"));
        Assert.That(PlotStyle.DateSpan(new DateTimeOffset(2011, 4, 30, 12, 0, 0, TimeSpan.Zero), 48), Is.EqualTo("30 Apr – 2 May 2011"));
    }

    [Test]
    public void OnACompareAnActionOfOneVariantIsDrawnInItsColourAndNamesIt()
    {
        var storm = SyntheticRuns.Storm2011();
        IReadOnlyList<TimelineMarker> shared = [new(0, "change")];
        var variants = new[]
        {
            new ComparisonPlot.Variant("replay", storm.Series, [.. shared, new(1, "rolled back")], 96),
            new ComparisonPlot.Variant("rollback-5min", storm.Series, [.. shared, new(0.08, "rolled back"), new(200, "never")], 96),
        };
        var marks = ComparisonPlot.Marks(variants, SyntheticRuns.Start2011);
        Assert.That(marks.Select(m => (m.Marker.TimeH, m.KeyText.EndsWith("only]", StringComparison.Ordinal))),
            Is.EqualTo(new[] { (0.0, false), (0.08, true), (1.0, true) }));
        Assert.That(marks[1].KeyText, Does.EndWith("[rollback-5min only]"));
        Assert.That(marks[1].Color, Is.EqualTo(PlotStyle.Palette[1]));
        Assert.That(marks[2].Color, Is.EqualTo(PlotStyle.Palette[0]));
        Assert.That(marks[0].Color, Is.EqualTo(PlotStyle.MarkerColor));
    }

    [Test]
    public void TheHeadlineTimeOfAPeakIsTheMedianWithTheRangeNotTheMean()
    {
        // Peaks at 8.03 h, 10 h and 30.15 h: the mean, 16.06 h, is a time none of them peaked at.
        double[] peaks = [8.03, 10, 30.15];
        var rows = new List<TimeSeriesRow>();
        for (int r = 0; r < 3; r++)
            foreach (var t in new[] { 0.0, 8.03, 10, 30.15, 40 })
                rows.Add(new(r, t, SyntheticRuns.Zone, MetricCatalog.VolumesStuckPct.Name, t == peaks[r] ? 10 : 1));
        var headline = HeadlineFigures.Compute(SyntheticRuns.Result("peaks", rows, [], horizonHours: 40))
            .Single(h => h.Figure == "stuck volumes, peak");
        Assert.That(headline.AtHours, Is.EqualTo(10));
        Assert.That(headline.AtRange, Is.EqualTo((8.03, 30.15)));
    }

    [Test]
    public void ARunWritesTheMechanismFigureAndItsEventsByDefaultAndSaysItsOverrides()
    {
        string root = Directory.CreateTempSubdirectory("replsim-mechanism-").FullName;
        try
        {
            string folder = Path.Combine(root, "run");
            using var output = new StringWriter();
            using var error = new StringWriter();
            // Six hours: the replay's actions from 7.55 h on are scheduled but not reached.
            int code = CliApp.Run(["run", TinyExperiments.Replay, .. TinyExperiments.Flags, "--folder", folder], output, error);
            Assert.That(code, Is.EqualTo(0), output + "\n" + error);
            Assert.That(output.ToString(), Does.Contain("--set horizon=6h"));
            Assert.That(File.Exists(Path.Combine(folder, "plots", MechanismPlot.Name + ".png")), Is.True);
            Assert.That(File.Exists(Path.Combine(folder, "plots", MechanismPlot.Name + ".svg")), Is.True);

            var events = File.ReadAllLines(Path.Combine(folder, EventsCsv.FileName));
            Assert.That(events[0], Is.EqualTo("replication,time_h,clock,category,kind,label,parameters,within_horizon"));
            Assert.That(events, Has.Some.Matches(@"^0,7\.55,2011-04-21T08:20:00-07:00,action,cut_control_plane,.*,false$"));
            Assert.That(events, Has.Some.Matches(@"^0,1\.883,[^,]+,action,disable_api,[^,]+,zone=us-east-1a api=create_volume,true$"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [GeneratedRegex(@"peak ([0-9.,]+) ")]
    private static partial Regex PeakNumber();
}
