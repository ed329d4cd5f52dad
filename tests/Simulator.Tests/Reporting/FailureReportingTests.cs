using NUnit.Framework;
using Simulator.Engine;
using Simulator.Metrics;
using Simulator.Reporting;
using Simulator.Storage;

namespace Simulator.Tests.Reporting;

/// <summary>How failure events are written (<c>failures.csv</c>) and summarised (<see cref="FailureSummary"/>).</summary>
public sealed class FailureReportingTests
{
    private static FailureRecord Event(int index, string zone, string cluster, double? fullS, int shortAtHorizon = 0) =>
        new(index, Duration.FromHours(index), zone, cluster, FailureKind.NodeCrash, FailureLog.RaceConditionSource, 1, 10, 0,
            fullS is null ? 10 - shortAtHorizon : 10, 0, 0, 0, shortAtHorizon,
            fullS is { } s ? Duration.FromSeconds(s) : null, fullS is { } t ? Duration.FromSeconds(t) : null);

    [TestCase(0L, "0")]
    [TestCase(1L, "0.000001")]
    [TestCase(372_500_000L, "372.5")]
    [TestCase(3_600_000_001L, "3600.000001")]
    [TestCase(-1_250_000L, "-1.25")]
    public void DurationsAreExactDecimalsOfTheMicrosecondTicks(long ticks, string text) =>
        Assert.That(FailuresCsv.Seconds(new Duration(ticks)), Is.EqualTo(text));

    [Test]
    public void ARowHoldsEveryColumnOfTheHeaderAndEmptyTimesWhenStillShort()
    {
        using var stream = new MemoryStream();
        FailuresCsv.WriteHeader(stream, ["point"]);
        FailuresCsv.WriteRows(stream, 3, [Event(0, "za", "c1", 0.1), Event(1, "za", "c1", null, shortAtHorizon: 4)], ["7"]);
        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n');

        Assert.That(lines[0], Is.EqualTo("point," + string.Join(",", FailuresCsv.Header)));
        Assert.That(lines[1], Is.EqualTo("7,3,0,0,za,c1,node_crash,race_condition,1,10,0,10,0,0,0,0,replicated,0.1,0.1"));
        Assert.That(lines[2], Is.EqualTo("7,3,1,1,za,c1,node_crash,race_condition,1,10,0,6,0,0,0,4,open,,"));
        Assert.That(lines[3], Is.Empty, "LF after the last row");
    }

    [Test]
    public void FiguresTakeTheEventsOfEachZoneAndClusterAndCountScopesWithoutAny()
    {
        var events = new[] { Event(0, "za", "c1", 10), Event(1, "za", "c1", 20), Event(2, "za", "c2", 40), Event(3, "za", "c2", null, shortAtHorizon: 2) };
        var rows = FailureSummary.Of(1, events, [("za", "c1"), ("za", "c2"), ("zb", "c3")]);

        double Figure(MetricDefinition m, string scope) => rows.Single(r => r.Metric == m.Name && r.Scope == scope).Final;
        Assert.That(Figure(MetricCatalog.FailureEventsTotal, "zone:za"), Is.EqualTo(4));
        Assert.That(Figure(MetricCatalog.FailureEventsTotal, "cluster:c3"), Is.Zero);
        Assert.That(Figure(MetricCatalog.FailureEventsOpenTotal, "cluster:c2"), Is.EqualTo(1));
        Assert.That(Figure(MetricCatalog.TimeToFullReplicationP50S, "cluster:c1"), Is.EqualTo(15), "R-7: halfway between 10 and 20");
        Assert.That(Figure(MetricCatalog.TimeToFullReplicationP50S, "zone:za"), Is.EqualTo(20), "open events left out");
        Assert.That(Figure(MetricCatalog.TimeToFullReplicationP95S, "zone:za"), Is.EqualTo(38), "20 + 0.9 × (40 − 20)");
        Assert.That(Figure(MetricCatalog.TimeToFullReplicationMaxS, "zone:za"), Is.EqualTo(40));
        Assert.That(Figure(MetricCatalog.TimeToFullReplicationMaxS, "zone:zb"), Is.NaN, "no event: no time");
        Assert.That(rows.Select(r => r.PeakTimeH), Is.All.NaN);
        Assert.That(rows.Select(r => r.Peak), Is.EqualTo(rows.Select(r => r.Final)));
        var keys = rows.Select(r => r.Metric + "\u0001" + r.Scope).ToList();
        Assert.That(keys, Is.EqualTo(keys.Order(StringComparer.Ordinal)), "by metric, then scope");
        Assert.That(rows.Select(r => r.Replication), Is.All.EqualTo(1));
    }

    [Test]
    public void TheFiguresOfFailuresAreCataloguedApartFromTheSampledMetrics()
    {
        var names = MetricCatalog.FailureFigures.Select(m => m.Name).ToList();
        Assert.That(names.Concat(MetricCatalog.All.Select(m => m.Name)), Is.Unique);
        foreach (var m in MetricCatalog.FailureFigures)
        {
            Assert.That(m.Name, Does.Match("^[a-z][a-z0-9_]*_(s|total)$"), "the unit in the name");
            Assert.That(m.Scopes, Is.EqualTo(new[] { MetricCatalog.Zone, MetricCatalog.Cluster }));
            Assert.That(m.Definition, Does.Match(@"^[A-Z].{30,}\.$"), m.Name);
        }
    }
}
