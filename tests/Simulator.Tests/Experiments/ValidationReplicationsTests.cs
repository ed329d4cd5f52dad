using NUnit.Framework;
using Simulator.Experiments;
using Simulator.Metrics;
using Simulator.Reporting;
using Simulator.Scenarios.Model;
using Simulator.Tests.Support;

namespace Simulator.Tests.ExperimentLayer;

/// <summary>
/// <c>validate --replications N</c>: every published figure is read off each replication, and the check is on the mean
/// across replications, with the figure's own comparison and tolerance.
/// </summary>
public sealed class ValidationReplicationsTests
{
    private const string Stuck = "volumes_stuck_pct", Api = "api_error_rate_pct";

    [Test]
    public void EachFigureIsReadOffTheReplicationAskedFor()
    {
        var series = new List<TimeSeriesRow>();
        series.AddRange(Curve(0, Stuck, [0, 9, 4]));
        series.AddRange(Curve(1, Stuck, [0, 17, 2]));
        var peak = Figure(Stuck, ValidationStat.Peak, expected: 13, tolerance: 2);

        Assert.That(ScenarioRunner.Evaluate(peak, series).Simulated, Is.EqualTo(9), "replication 0 by default, as before");
        Assert.That(ScenarioRunner.Evaluate(peak, series, replication: 1).Simulated, Is.EqualTo(17));
        Assert.That(ScenarioRunner.Evaluate(peak, series, replication: 2).Simulated, Is.NaN, "no rows: no value, and not ok");
    }

    [TestCase(ValidationComparison.Within, 13, 2, new double[] { 12, 12, 16 }, true, 2, TestName = "Within: 16 misses 13 ± 2, the mean 13.3 passes")]
    [TestCase(ValidationComparison.Within, 13, 2, new double[] { 13, 17, 17 }, false, 1, TestName = "Within: 13 passes, the mean 15.7 misses")]
    [TestCase(ValidationComparison.AtLeast, 5, 0, new double[] { 0, 0, 100 }, true, 1, TestName = "AtLeast: two runs without errors, the mean 33 ≥ 5")]
    [TestCase(ValidationComparison.AtLeast, 5, 0, new double[] { 6, 0, 0 }, false, 1, TestName = "AtLeast: one run with 6 %, the mean 2 < 5")]
    [TestCase(ValidationComparison.AtMost, 1, 0, new double[] { 0, 0, 3 }, true, 2, TestName = "AtMost: 3 > 1 in one run, the mean 1 ≤ 1")]
    [TestCase(ValidationComparison.AtMost, 1, 0, new double[] { 0, 6, 6 }, false, 1, TestName = "AtMost: 0 in one run, the mean 4 > 1")]
    public void TheCheckIsOnTheMeanAcrossReplicationsWithTheFiguresOwnComparison(ValidationComparison comparison, double expected,
        double tolerance, double[] peaks, bool meanOk, int replicationsOk)
    {
        var series = peaks.SelectMany((p, r) => Curve(r, Api, [0, p, 0])).ToList();
        var figure = Figure(Api, ValidationStat.Peak, expected, tolerance) with { Comparison = comparison };
        IReadOnlyList<IReadOnlyList<ValidationRow>> perReplication =
            [.. peaks.Select((_, r) => (IReadOnlyList<ValidationRow>)[ScenarioRunner.Evaluate(figure, series, r)])];

        var summary = ValidationSummary.Of(perReplication).Single();

        Assert.That(summary.Values, Is.EqualTo(peaks));
        Assert.That(summary.Mean.Simulated, Is.EqualTo(peaks.Average()).Within(1e-12));
        Assert.That(summary.Ok, Is.EqualTo(meanOk));
        Assert.That(summary.ReplicationsOk, Is.EqualTo(replicationsOk));
        Assert.That(perReplication.Count(rows => rows[0].Ok), Is.EqualTo(replicationsOk), "each run alone, as validate checked it before");
        Assert.That(summary.Statistics.Ci95Low, Is.LessThan(summary.Mean.Simulated));
        Assert.That((summary.Statistics.Min, summary.Statistics.Max), Is.EqualTo((peaks.Min(), peaks.Max())));
    }

    [Test]
    public void WithOneReplicationTheCheckIsTheRunsOwn()
    {
        var series = Curve(0, Stuck, [0, 14.6, 1]).ToList();
        foreach (var (expected, ok) in new[] { (13.0, true), (12.0, false) })
        {
            var row = ScenarioRunner.Evaluate(Figure(Stuck, ValidationStat.Peak, expected, tolerance: 2), series);
            var summary = ValidationSummary.Of([[row]]).Single();
            Assert.That(summary.Mean, Is.EqualTo(row), "the same row, value and verdict");
            Assert.That(summary.Ok, Is.EqualTo(ok));
            Assert.That(summary.Statistics.Ci95High, Is.NaN);
        }
    }

    [Test]
    public void ARunOfASmallStormWritesEachReplicationsFiguresAndChecksTheirMean()
    {
        const int n = 4;
        const ulong seed = 3;
        // Two of the 40 nodes cut off for half an hour; volume sizes vary, so how many volumes they hold varies too.
        var storm = TestScenarios.Small(volumeSizeSigma: 0.5, faults: [TestScenarios.RoutingChange(portionPct: 5, rollbackAfterH: 0.5)],
            horizonH: 2);
        var probe = Figure(Stuck, ValidationStat.Peak, 0, 0);
        double[] peaks = [.. Enumerable.Range(0, n).Select(r =>
            ScenarioRunner.Evaluate(probe, ScenarioRunner.Run(Loaded(storm), new RunOptions(seed, Replication: r)).Series, r).Simulated)];
        Assert.That(peaks.Distinct().Count(), Is.GreaterThan(1), $"the storm must differ between replications: {string.Join(", ", peaks)}");
        double mean = peaks.Average();
        double farthest = peaks.Max(p => Math.Abs(p - mean));
        // Passes on its mean though the replication farthest from it misses; and the other way round from the lowest run.
        var meanPasses = probe with { Figure = "mean passes", Expected = mean, Tolerance = farthest / 2 };
        var meanMisses = probe with { Figure = "mean misses", Expected = peaks.Min(), Tolerance = (mean - peaks.Min()) / 2 };
        var scenario = Loaded(storm with { Validation = [meanPasses, meanMisses] });

        string root = Directory.CreateTempSubdirectory("replsim-validation-").FullName;
        try
        {
            var setup = ExperimentSetup.ForRun(scenario.Path, new ExperimentSettings(seed, 1, null, n, []), (_, _) => scenario);
            var outcome = ExperimentRunner.Start(setup, Shard.All, root, null, threads: 2,
                (s, options, progress, cancellation) => ScenarioRunner.Run(s, options, progress, cancellation), includePlots: false);
            var figures = outcome.Results!.Validation!;

            Assert.That(figures.Select(f => f.Values), Is.EqualTo(new[] { peaks, peaks }), "every replication's own value, in order");
            Assert.That((figures[0].Ok, figures[1].Ok), Is.EqualTo((true, false)));
            Assert.That(figures[0].ReplicationsOk, Is.LessThan(n));
            Assert.That(figures[1].ReplicationsOk, Is.GreaterThanOrEqualTo(1));
            var lines = File.ReadAllLines(Path.Combine(outcome.Folder, ValidationCsv.FileName));
            Assert.That(lines, Has.Length.EqualTo(3));
            Assert.That(lines[0], Does.EndWith(",ok,replication_0,replication_1,replication_2,replication_3"));
            Assert.That(lines[1], Does.StartWith("mean passes,test,peak,").And.EndWith(",true," + string.Join(",", peaks.Select(Text))));
            Assert.That(lines[2], Does.StartWith("mean misses,test,peak,").And.Contain(",false,"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Text(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static LoadedScenario Loaded(Scenario scenario) => new(scenario, "small-storm.yaml", new string('0', 64), []);

    private static IEnumerable<TimeSeriesRow> Curve(int replication, string metric, double[] values) =>
        values.Select((v, k) => new TimeSeriesRow(replication, k, TestScenarios.ZoneAScope, metric, v));

    private static ValidationFigureSpec Figure(string metric, ValidationStat stat, double expected, double tolerance) => new()
    {
        Figure = metric,
        Source = "test",
        Metric = metric,
        Scope = TestScenarios.ZoneAScope,
        Stat = stat,
        Expected = expected,
        Tolerance = tolerance,
    };
}
