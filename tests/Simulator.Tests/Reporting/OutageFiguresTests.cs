using NUnit.Framework;
using Simulator.Metrics;
using Simulator.Reporting;

namespace Simulator.Tests.Reporting;

/// <summary>How long an outage lasted, against series computed by hand.</summary>
public sealed class OutageFiguresTests
{
    private const string Zone = "zone:za";

    private static IReadOnlyList<ReplicationSummary> Figures(params double[] stuckPct)
    {
        var rows = stuckPct.Select((v, i) => new TimeSeriesRow(0, i, Zone, MetricCatalog.VolumesStuckPct.Name, v))
            .Append(new TimeSeriesRow(0, 0, Zone, MetricCatalog.VolumesLostPct.Name, 50)) // other metrics are not read
            .ToList();
        return OutageSummary.Of(0, rows, new Dictionary<string, long> { [Zone] = 1000 });
    }

    private static double Figure(IReadOnlyList<ReplicationSummary> rows, MetricDefinition metric) =>
        rows.Single(r => r.Metric == metric.Name && r.Scope == Zone).Final;

    [Test]
    public void DurationVolumeHoursAndRecoveryOfAnOutageThatEnds()
    {
        // Samples every hour: 0, 2, 3, 0.5, 2, 0, 0 % stuck. Above 1 % first at 1 h; the last sample above is at 4 h
        // and the next at 5 h: 4 h of outage, the dip to 0.5 % at 3 h inside it. Area, each sample standing an hour:
        // (0 + 2 + 3 + 0.5 + 2 + 0) %·h = 7.5 %·h = 75 volume-hours of 1,000 volumes. None stuck from 5 h on.
        var rows = Figures(0, 2, 3, 0.5, 2, 0, 0);
        Assert.That(Figure(rows, MetricCatalog.OutageDurationH), Is.EqualTo(4).Within(1e-12));
        Assert.That(Figure(rows, MetricCatalog.StuckVolumeHours), Is.EqualTo(75).Within(1e-9));
        Assert.That(Figure(rows, MetricCatalog.RecoveryTimeH), Is.EqualTo(5).Within(1e-12));
        Assert.That(rows.Select(r => r.Metric), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal), "ordered by metric");
    }

    [Test]
    public void AnOutageStillOpenAtTheHorizonEndsThere()
    {
        var rows = Figures(0, 0.5, 2, 2);
        Assert.That(Figure(rows, MetricCatalog.OutageDurationH), Is.EqualTo(1).Within(1e-12), "from 2 h to the last sample, 3 h");
        Assert.That(Figure(rows, MetricCatalog.RecoveryTimeH), Is.EqualTo(3).Within(1e-12), "not recovered: the horizon");
        Assert.That(Figure(rows, MetricCatalog.StuckVolumeHours), Is.EqualTo((0 + 0.5 + 2) * 10).Within(1e-9), "the last sample stands for no time");
    }

    [Test]
    public void BelowTheThresholdThereIsNoOutageAndNeverStuckIsRecoveredAtZero()
    {
        var small = Figures(0, 0.5, 1, 0);
        Assert.That(Figure(small, MetricCatalog.OutageDurationH), Is.Zero, "1 % is not above 1 %");
        Assert.That(Figure(small, MetricCatalog.RecoveryTimeH), Is.EqualTo(3).Within(1e-12));
        var none = Figures(0, 0, 0);
        Assert.That(Figure(none, MetricCatalog.RecoveryTimeH), Is.Zero);
        Assert.That(Figure(none, MetricCatalog.StuckVolumeHours), Is.Zero);
    }
}
