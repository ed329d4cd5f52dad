using Simulator.Engine;
using Simulator.Placement;
using Simulator.Scenarios.Model;
using Simulator.Storage;

namespace Simulator.Faults;

/// <summary>
/// One failure of a failure domain of a cluster, from its start (<see cref="Begin"/>) to its repair
/// (<see cref="End"/>), shared by the kinds <c>domain_failure</c> and <c>domain_failures</c>. At the start, each node
/// of the domain that is up loses its data with probability <c>dataLost</c> (drawn in node order from the stream it
/// is given): those fail for good (<see cref="StorageCluster.Fail(int, string?)"/>); the others are cut off with their data
/// (<see cref="StorageCluster.BeginOutage"/>), like nodes without power but with no doubt about their last writes.
/// The nodes are cut off first, so that a volume that loses a replica for good does not start a copy from a node
/// about to go dark. At the repair the failed nodes come back empty (<see cref="StorageCluster.Replace"/>) and the
/// others with their data. A node that crashed or failed again meanwhile (by another fault) is left to that fault.
/// </summary>
public sealed class DomainOutage
{
    private readonly StorageCluster _cluster;
    private readonly List<(int Node, int Crashes)> _cutOff = [];
    private readonly List<(int Node, int Crashes)> _failed = [];

    private DomainOutage(StorageCluster cluster) => _cluster = cluster;

    /// <summary>Nodes cut off with their data at the start.</summary>
    public IEnumerable<int> CutOffNodes => _cutOff.Select(c => c.Node);
    /// <summary>Nodes that lost their data at the start.</summary>
    public IEnumerable<int> FailedNodes => _failed.Select(f => f.Node);

    /// <summary>The placement level of a fault's level.</summary>
    public static DomainLevel LevelOf(FailureDomainLevel level) => level switch
    {
        FailureDomainLevel.Rack => DomainLevel.Rack,
        FailureDomainLevel.PowerDomain => DomainLevel.PowerDomain,
        _ => DomainLevel.Zone,
    };

    /// <summary>Takes the domain down now: its up nodes lose their data with probability <paramref name="dataLost"/>, the others are cut off.</summary>
    public static DomainOutage Begin(StorageCluster cluster, DomainLevel level, int domain, double dataLost, RandomStream wipe, string? source = null)
    {
        var outage = new DomainOutage(cluster);
        var darkened = new List<int>();
        var lost = new List<int>();
        for (int n = 0; n < cluster.NodeCount; n++)
        {
            if (cluster.Domains.DomainOf(n, level) != domain || cluster.NodeStatusOf(n) != NodeStatus.Up) continue;
            (wipe.NextDouble() < dataLost ? lost : darkened).Add(n);
        }
        cluster.BeginOutage(darkened, source);
        foreach (int n in darkened) outage._cutOff.Add((n, cluster.NodeCrashesOf(n)));
        lost.RemoveAll(n => cluster.NodeStatusOf(n) != NodeStatus.Up); // crashed by the outage's reactions
        cluster.Fail(lost, source);
        foreach (int n in lost) outage._failed.Add((n, cluster.NodeCrashesOf(n)));
        return outage;
    }

    /// <summary>The domain is repaired: its nodes come back, empty if they lost their data.</summary>
    public void End()
    {
        var back = _cutOff.Where(c => _cluster.NodeCrashesOf(c.Node) == c.Crashes).Select(c => c.Node).ToList();
        _cluster.EndOutage(back);
        foreach (var (n, crashes) in _failed)
            if (_cluster.NodeCrashesOf(n) == crashes && _cluster.NodeStatusOf(n) == NodeStatus.Crashed) _cluster.Replace(n);
    }

}
