using NUnit.Framework;
using Simulator.Network;
using Simulator.Scenarios.Model;
using Simulator.Tests.Support;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Network;

public sealed class ClusterNetworkTests
{
    // 40 nodes of 1 Gbps on an 80 Gbps primary; the 2 Gbps secondary already carries 40 × 20 Mbps = 0.8 Gbps of chatter.
    private static ClusterNetwork Network(Simulator.Engine.Simulation? sim = null, double nodeLinkBps = 0) =>
        new(primaryCapacityBps: 80e9, secondaryCapacityBps: 2e9, nodeTrafficBps: 1e9, chatterBps: 20e6, nodes: 40,
            new FlowNetwork(sim ?? new Simulator.Engine.Simulation()), nodeLinkBps);

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
    public void CopiesShareWhatTheNodesLeaveOnThePrimaryAndNeverCongestIt()
    {
        var sim = new Simulator.Engine.Simulation();
        var net = Network(sim);
        var rec = new FlowRecorder(sim);
        Span<int> path = stackalloc int[3];
        var copies = new List<FlowId>();
        for (int i = 0; i < 100; i++)
        {
            int links = net.CopyPath(i % 40, (i + 1) % 40, path);
            copies.Add(net.Flows.Start(rec, i, 1e9, path[..links], 1e9));
        }
        // 100 copies of at most 1 Gbps want 100 Gbps; the 40 nodes' own 40 Gbps leave 40: 0.4 Gbps each.
        Assert.That(net.CopyTrafficBps, Is.EqualTo(40e9).Within(1));
        Assert.That(net.Flows.RateBps(copies[7]), Is.EqualTo(0.4e9).Within(1e-3));
        Assert.That(net.PrimaryUtilizationPct, Is.EqualTo(100).Within(1e-9));
        Assert.That(net.PrimaryCongested, Is.False);
        Assert.That(Isolated(net), Is.Empty);
        // Ten nodes move to the secondary: their traffic leaves the primary, and the copies get it.
        for (int n = 0; n < 10; n++) net.Route(n, NetworkKind.Secondary);
        Assert.That(net.Flows.RateBps(copies[7]), Is.EqualTo(0.5e9).Within(1e-3));
    }

    [Test]
    public void WithNodeInterfacesACopyIsLimitedByTheBusierEnd()
    {
        // Interfaces of 3 Gbps carry their node's 1 Gbps first: 2 Gbps left at each end.
        var sim = new Simulator.Engine.Simulation();
        var net = Network(sim, nodeLinkBps: 3e9);
        var rec = new FlowRecorder(sim);
        var path = new int[3];
        // Four copies out of node 0 (to 1…4), one more into node 4 from node 5; no cap.
        var fromZero = Enumerable.Range(1, 4).Select(t => net.Flows.Start(rec, t, 1e9, path.AsSpan(0, net.CopyPath(0, t, path)))).ToList();
        var intoFour = net.Flows.Start(rec, 9, 1e9, path.AsSpan(0, net.CopyPath(5, 4, path)));
        // Node 0's interface: 2 Gbps over 4 copies, 0.5 each; node 4's: 2 − 0.5 = 1.5 left for the other copy.
        Assert.That(fromZero.Select(net.Flows.RateBps), Is.All.EqualTo(0.5e9).Within(1e-3));
        Assert.That(net.Flows.RateBps(intoFour), Is.EqualTo(1.5e9).Within(1e-3));
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
