using NUnit.Framework;
using Simulator.Cli;
using Simulator.Experiments;
using Simulator.Reporting;
using Simulator.Tests.Reporting;

namespace Simulator.Tests.Cli;

public sealed class CliOutputTests
{
    [Test]
    public void RedirectedOutputGetsAPlainLineAboutEveryTenPercent()
    {
        using var output = new StringWriter();
        var context = new CliContext(output, TextWriter.Null, interactive: false);

        int answer = ExperimentProgressDisplay.Run(context, progress =>
        {
            for (int h = 0; h <= 96; h++) progress.Report(new ExperimentProgress(0, 1, 1, h / 96.0, h, 96, h * 1000));
            return 42;
        });

        Assert.That(answer, Is.EqualTo(42));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(10));
        Assert.That(lines[0], Does.Match(@"^\s+10% simulated 10\.0h of 96h, \d+\.\d s$"));
        Assert.That(lines[^1], Does.StartWith("  100% simulated 96.0h of 96h"));
    }

    [Test]
    public void ManyUnitsPrintUnitsDoneAndReachOneHundredPercentOnlyWhenTheLastIsWritten()
    {
        using var output = new StringWriter();
        var context = new CliContext(output, TextWriter.Null, interactive: false);

        ExperimentProgressDisplay.Run(context, progress =>
        {
            for (int done = 0; done < 4; done++)
                for (int h = 0; h <= 96; h += 24)
                    progress.Report(new ExperimentProgress(done, 4, 1, (done + h / 96.0) / 4, h, 96, 0));
            progress.Report(new ExperimentProgress(4, 4, 0, 1, 0, 0, 0));
            return 0;
        });

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Where(l => l.TrimStart().StartsWith("100%", StringComparison.Ordinal)),
            Is.EqualTo(new[] { lines[^1] }), "one line at 100 %, the last");
        Assert.That(lines[^1], Does.Match(@"^\s+100% 4/4 units, \d+\.\d s$"));
        Assert.That(lines[0], Does.Match(@"^\s+12% 0/4 units, \d+\.\d s, about \d+ s left$"), "half of the first unit");
    }

    [Test]
    public void TheProgressBarRunsTheWorkAndReturnsItsResultOnATerminal()
    {
        using var output = new StringWriter();
        var context = new CliContext(output, TextWriter.Null, interactive: true);
        int answer = ExperimentProgressDisplay.Run(context, progress =>
        {
            for (int h = 0; h <= 96; h += 8) progress.Report(new ExperimentProgress(0, 1, 1, h / 96.0, h, 96, h));
            return 7;
        });
        Assert.That(answer, Is.EqualTo(7));
    }

    [Test]
    public void HeadlineTableShowsTheAffectedZonesPeaksAndEveryZonesApiErrors()
    {
        var result = SyntheticRuns.Storm2011();
        using var output = new StringWriter();
        var context = new CliContext(output, TextWriter.Null, interactive: false);

        context.Console.Write(ReportTables.Headlines(HeadlineFigures.Compute(result)));

        string text = output.ToString();
        Assert.That(text, Does.Contain("stuck volumes, peak").And.Contain("13.6 %").And.Contain("0.5 h"));
        Assert.That(text, Does.Contain("lost volumes, final"));
        foreach (var zone in new[] { "us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d" })
            Assert.That(text, Does.Contain($"zone:{zone}"));
        Assert.That(text, Does.Contain("nodes crashed").And.Contain("all clusters"));
        Assert.That(text, Does.Contain("123,456"));
    }

    [Test]
    public void ValidationTableMarksFiguresOutsideTheirTolerance()
    {
        ValidationRow[] rows =
        [
            new("stuck volumes, % of zone, peak", "AWS summary", null, 13, 13.6, 2),
            new("lost volumes, % of zone", "AWS summary", 96, 0.07, 0.5, 0.05),
        ];
        using var output = new StringWriter();
        var context = new CliContext(output, TextWriter.Null, interactive: false);

        context.Console.Write(ReportTables.Validation(rows));

        var lines = output.ToString().Split('\n');
        Assert.That(lines.Single(l => l.Contains("stuck volumes")), Does.Contain("yes").And.Contain("± 2"));
        Assert.That(lines.Single(l => l.Contains("lost volumes")), Does.Contain("NO").And.Contain("96.0 h"));
    }
}
