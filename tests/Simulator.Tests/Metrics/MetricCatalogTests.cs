using NUnit.Framework;
using Simulator.Metrics;
using Simulator.Scenarios.Model;
using Simulator.Units;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Metrics;

public sealed class MetricCatalogTests
{
    /// <summary>
    /// A small scenario that makes the sampler emit everything it can: a region, a zone with a cluster and one without,
    /// a fault in the cluster, and both kinds of databases in the faulted zone.
    /// </summary>
    private static Scenario Everything() => CrossRegion.TwoRegions.Build(writeKBps: 100, linkGbps: 10, horizonH: 1) with
    {
        Faults = Single().Faults,
        Databases = Single().Databases,
        ControlPlane = Single().ControlPlane,
    };

    /// <summary>Everything of one region; <see cref="Everything"/> adds a second region, a link and a replication class.</summary>
    private static Scenario Single() => Small(horizonH: 1,
        api: [DescribeVolumes(perSecond: 2)],
        faults: [RoutingChange(portionPct: 10, atH: 0.25)],
        databases: new DatabasesSpec
        {
            Zone = ZoneA,
            SingleZone = new SingleZoneDatabasesSpec { Count = 100, StripeVolumes = 4 },
            MultiZone = new MultiZoneDatabasesSpec { Count = 100, FailoverBugProbability = Fraction.FromPercent(50) },
        });

    [Test]
    public void TheSamplerEmitsExactlyTheCataloguedMetricsForTheCataloguedScopeKinds()
    {
        var rows = Run(Everything()).Rows;

        var unknownScopes = rows.Select(r => r.Scope).Distinct().Where(s => MetricCatalog.KindOf(s) is null).ToList();
        Assert.That(unknownScopes, Is.Empty, "every scope starts with a catalogued kind's prefix");
        var emitted = rows.Select(r => (Kind: MetricCatalog.KindOf(r.Scope)!.Name, r.Metric)).ToHashSet();
        var declared = MetricCatalog.All.SelectMany(m => m.Scopes.Select(k => (Kind: k.Name, Metric: m.Name))).ToHashSet();

        Assert.That(emitted.Except(declared).Order(), Is.Empty, "emitted but not catalogued (or not for that kind of scope)");
        Assert.That(declared.Except(emitted).Order(), Is.Empty, "catalogued but not emitted");
    }

    [Test]
    public void EachScopeKindIsEmittedUnderItsOwnPrefix()
    {
        var scopes = Run(Single()).Rows.Select(r => r.Scope).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.That(scopes, Is.EqualTo(new[]
        {
            MetricCatalog.Cluster.Prefix + ClusterName,
            MetricCatalog.Network.Prefix + ClusterName + "/primary",
            MetricCatalog.Network.Prefix + ClusterName + "/secondary",
            MetricCatalog.Region.Prefix + "test-region",
            ZoneAScope,
            ZoneBScope,
        }));
        Assert.That(MetricCatalog.ScopeKinds.Select(k => MetricCatalog.KindOf(k.Prefix + "x")), Is.EqualTo(MetricCatalog.ScopeKinds));
    }

    [Test]
    public void EveryMetricHasOneUniqueNameAUnitScopesAndADefinitionInSentences()
    {
        Assert.That(MetricCatalog.All.Select(m => m.Name), Is.Unique);
        Assert.That(MetricCatalog.ScopeKinds.Select(k => k.Name), Is.Unique);
        foreach (var m in MetricCatalog.All)
        {
            Assert.That(m.Name, Does.Match("^[a-z][a-z0-9_]*$"), m.Name);
            Assert.That(m.Unit, Is.Not.Empty, m.Name);
            Assert.That(m.Scopes, Is.Not.Empty.And.Unique.And.SubsetOf(MetricCatalog.ScopeKinds), m.Name);
            Assert.That(m.Definition, Does.Match(@"^[A-Z].{30,}\.$"), $"{m.Name}: a capitalised sentence ending with a full stop");
            if (m.Name.EndsWith("_pct", StringComparison.Ordinal) || m.Name.Contains("_pct_", StringComparison.Ordinal))
                Assert.That(m.Unit, Is.EqualTo("%"), m.Name);
            if (m.Name.EndsWith("_per_s", StringComparison.Ordinal)) Assert.That(m.Unit, Is.EqualTo("per second"), m.Name);
            if (m.Name.EndsWith("_ms", StringComparison.Ordinal)) Assert.That(m.Unit, Is.EqualTo("ms"), m.Name);
        }
        foreach (var k in MetricCatalog.ScopeKinds)
        {
            Assert.That(k.Pattern, Does.StartWith(k.Prefix), k.Name);
            Assert.That(k.Definition, Does.Match(@"^[A-Z].{20,}\.$"), k.Name);
        }
    }

    [Test]
    public void FindAndKindOfResolveNamesAndScopesAndNothingElse()
    {
        Assert.That(MetricCatalog.Find("volumes_stuck_pct"), Is.SameAs(MetricCatalog.VolumesStuckPct));
        Assert.That(MetricCatalog.Find("volumes_stuck"), Is.Null);
        Assert.That(MetricCatalog.KindOf("zone:us-east-1a"), Is.SameAs(MetricCatalog.Zone));
        Assert.That(MetricCatalog.KindOf("network:ebs-1a/primary"), Is.SameAs(MetricCatalog.Network));
        Assert.That(MetricCatalog.KindOf("zones:us-east-1a"), Is.Null);
    }
}
