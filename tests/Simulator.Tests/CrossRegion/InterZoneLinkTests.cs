using NUnit.Framework;
using Simulator.Engine;
using Simulator.Faults.Kinds;
using Simulator.Scenarios.Model;
using Simulator.Tests.Support;
using Simulator.Units;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.CrossRegion;

public sealed class InterZoneLinkTests
{
    /// <summary>
    /// The small cluster spread over zones za and zb, two replicas placed one per zone: a node of za that fails takes
    /// one replica of each of its ~100 volumes (20 GiB each), whose only source is in zb and whose new replica must be
    /// in za, so every copy crosses the za–zb link. At 1 Gbps the link, not the copies' own 0.4 Gbps each nor the
    /// cluster's primary network, bounds the repair: it takes the bytes over 1 Gbps. Without the link the same
    /// copies run side by side and the repair takes about one copy's time (20 GiB at 0.4 Gbps, 7 min).
    /// </summary>
    [TestCase(true)]
    [TestCase(false)]
    public void CopiesBetweenZonesShareTheLinkThatJoinsThem(bool linked)
    {
        var small = Small(freeCapacityPct: 50, horizonH: 8,
            faults: [new NodeFailureFault { At = Duration.FromHours(0.5), Cluster = ClusterName, Nodes = 1 }]);
        var region = small.Topology.Regions[0];
        var cluster = region.Zones[0].Clusters[0] with { Zones = [ZoneA, ZoneB], Placement = PlacementKind.ZoneSpread };
        var scenario = small with
        {
            Topology = new TopologySpec
            {
                Regions = [region with { Zones = [region.Zones[0] with { Clusters = [cluster] }, region.Zones[1]] }],
                Links = linked ? [new LinkSpec { Name = "za--zb", Between = [ZoneA, ZoneB], Bandwidth = Bandwidth.FromGbps(1) }] : [],
            },
        };

        var run = TestScenarios.Run(scenario);

        var failure = run.Failures().Single();
        Assert.That(failure.VolumesMadeShort, Is.InRange(60, 140));
        Assert.That(failure.VolumesReplicated, Is.EqualTo(failure.VolumesMadeShort));
        double bytes = failure.VolumesMadeShort * VolumeSize.Bytes, repairS = failure.TimeToFullReplication!.Value.TotalSeconds;
        if (linked)
        {
            Assert.That(repairS, Is.EqualTo(bytes * 8 / 1e9).Within(0.05 * bytes * 8 / 1e9), "bytes over the link's 1 Gbps");
            Assert.That(Series.At(run, "link:za--zb", "link_utilization_pct", 1.5), Is.EqualTo(100).Within(1e-6));
        }
        else Assert.That(repairS, Is.LessThan(0.3 * 3600), "side by side: about one copy's time after detection");
    }
}
