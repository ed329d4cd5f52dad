using Simulator.Scenarios.Model;

namespace Simulator.Network;

/// <summary>
/// The primary and secondary networks of one storage cluster. Each node's traffic is routed on one of them;
/// a routing change moves a set of nodes. A network offered more inelastic traffic (node traffic and
/// chatter) than its capacity is congested, and the nodes routed on a congested network are isolated.
/// Re-mirroring copies are elastic (they use spare capacity and back off), so they count in the utilisation
/// but do not congest.
/// </summary>
public sealed class ClusterNetwork
{
    private readonly double _primaryCapacityBps, _secondaryCapacityBps, _nodeTrafficBps, _chatterBps;
    private readonly List<bool> _onSecondary = [];
    private int _movedNodes;
    private int _activeNodes;

    public ClusterNetwork(double primaryCapacityBps, double secondaryCapacityBps, double nodeTrafficBps, double chatterBps, int nodes)
    {
        _primaryCapacityBps = primaryCapacityBps;
        _secondaryCapacityBps = secondaryCapacityBps;
        _nodeTrafficBps = nodeTrafficBps;
        _chatterBps = chatterBps;
        for (int i = 0; i < nodes; i++) _onSecondary.Add(false);
        _activeNodes = nodes;
    }

    /// <summary>Traffic of re-mirroring copies in flight, bits per second (set by the cluster).</summary>
    public double CopyTrafficBps { get; set; }

    /// <summary>Adds a node routed on the primary network.</summary>
    public void AddNode() { _onSecondary.Add(false); _activeNodes++; }

    /// <summary>A node stops offering traffic (crashed).</summary>
    public void RemoveActiveNode() => _activeNodes--;

    /// <summary>A node offers traffic again (back in service after a restart).</summary>
    public void AddActiveNode() => _activeNodes++;

    public bool IsOnSecondary(int node) => _onSecondary[node];

    /// <summary>Routes a node's traffic on <paramref name="to"/>.</summary>
    public void Route(int node, NetworkKind to)
    {
        bool secondary = to == NetworkKind.Secondary;
        if (_onSecondary[node] == secondary) return;
        _onSecondary[node] = secondary;
        _movedNodes += secondary ? 1 : -1;
    }

    public double PrimaryOfferedBps => (_activeNodes - _movedNodes) * _nodeTrafficBps + CopyTrafficBps;
    public double SecondaryOfferedBps => _onSecondary.Count * _chatterBps + _movedNodes * _nodeTrafficBps;

    public bool PrimaryCongested => (_activeNodes - _movedNodes) * _nodeTrafficBps > _primaryCapacityBps;
    public bool SecondaryCongested => SecondaryOfferedBps > _secondaryCapacityBps;

    /// <summary>Whether a node can reach its partners: the network its traffic is on is not congested.</summary>
    public bool IsIsolated(int node) => _onSecondary[node] ? SecondaryCongested : PrimaryCongested;

    public double PrimaryUtilizationPct => _primaryCapacityBps <= 0 ? 0 : 100 * PrimaryOfferedBps / _primaryCapacityBps;
    public double SecondaryUtilizationPct => _secondaryCapacityBps <= 0 ? 0 : 100 * SecondaryOfferedBps / _secondaryCapacityBps;
}
