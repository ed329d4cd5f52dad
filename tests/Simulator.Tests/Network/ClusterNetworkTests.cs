using NUnit.Framework;
using Simulator.Network;
using Simulator.Scenarios.Model;
using Simulator.Tests.Support;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Network;

public sealed class ClusterNetworkTests
{
    // 40 nodes of 1 Gbps on an 80 Gbps primary; the 2 Gbps secondary already carries 40 × 20 Mbps = 0.8 Gbps of chatter.
    private static ClusterNetwork Network() => new(primaryCapacityBps: 80e9, secondaryCapacityBps: 2e9, nodeTrafficBps: 1e9, chatterBps: 20e6, nodes: 40);

    private static List<int> Isolated(ClusterNetwork net) => Enumerable.Range(0, 40).Where(net.IsIsolated).ToList();

    [Test]
    public void MovingMoreTrafficThanTheSecondaryCarriesCongestsItAndIsolatesTheMovedNodesOnly()
    {
        var net = Network();
        net.Route(5, NetworkKind.Secondary);
        Assert.That(net.SecondaryCongested, Is.False, "0.8 + 1 Gbps fits in 2 Gbps");
        Assert.That(Isolated(net), Is.Empty);

        net.Route(9, NetworkKind.Secondary);
        Assert.That(net.SecondaryCongested, Is.True, "0.8 + 2 Gbps does not");
        Assert.That(net.PrimaryCongested, Is.False);
        Assert.That(Isolated(net), Is.EqualTo(new[] { 5, 9 }));
        Assert.That(net.SecondaryUtilizationPct, Is.EqualTo(140).Within(1e-9));
    }

    [Test]
    public void MovingTheTrafficBackHealsTheIsolatedNodes()
    {
        var net = Network();
        foreach (int n in new[] { 5, 9, 12 }) net.Route(n, NetworkKind.Secondary);
        Assert.That(Isolated(net), Has.Count.EqualTo(3));

        foreach (int n in new[] { 5, 9, 12 }) net.Route(n, NetworkKind.Primary);
        Assert.That(net.SecondaryCongested, Is.False);
        Assert.That(Isolated(net), Is.Empty);
        Assert.That(net.SecondaryUtilizationPct, Is.EqualTo(40).Within(1e-9));
    }

    [Test]
    public void CopyTrafficShowsInTheUtilisationButDoesNotCongest()
    {
        var net = Network();
        net.CopyTrafficBps = 100e9; // elastic: re-mirroring copies back off
        Assert.That(net.PrimaryUtilizationPct, Is.EqualTo(100.0 * (40e9 + 100e9) / 80e9).Within(1e-9));
        Assert.That(net.PrimaryCongested, Is.False);
        Assert.That(Isolated(net), Is.Empty);
    }

    [Test]
    public void ARoutingChangeIsolatesItsPortionOfTheClusterUntilItIsRolledBack()
    {
        var run = Run(Small(freeCapacityPct: 50, horizonH: 1, faults: [RoutingChange(portionPct: 10, atH: 0.1, rollbackAfterH: 0.4)]));

        Assert.That(Series.At(run, ClusterScope, "nodes_isolated", 0.05), Is.Zero);
        Assert.That(Series.Between(run, ClusterScope, "nodes_isolated", 0.15, 0.45), Is.All.EqualTo(4), "10 % of 40 nodes");
        Assert.That(Series.At(run, ClusterScope, "nodes_isolated", 0.55), Is.Zero);
        // Volumes with both replicas isolated are blocked only while the change lasts.
        Assert.That(Series.At(run, ZoneAScope, "volumes_unavailable_pct", 0.3), Is.GreaterThan(0));
        Assert.That(Series.At(run, ZoneAScope, "volumes_unavailable_pct", 0.55), Is.Zero);
    }
}
