using Simulator.Scenarios.Model;

namespace Simulator.Network;

/// <summary>
/// The networks of one storage cluster. Each node's traffic is routed on the primary or the secondary network; a
/// routing change moves a set of nodes. A network offered more inelastic traffic (node traffic and chatter) than its
/// capacity is congested, and the nodes routed on a congested network are isolated.
/// <para>
/// Re-mirroring copies are flows on a <see cref="FlowNetwork"/>: each crosses the primary network and, when the
/// cluster models them, the network interfaces of its source and target nodes (<see cref="CopyPath"/>). Copies are
/// elastic: they share what the nodes' own traffic leaves on each link (at most the repair share of it), max-min
/// fairly, each at most the copy bandwidth; so they count in the utilisation but never congest.
/// </para>
/// </summary>
public sealed class ClusterNetwork
{
    private readonly double _primaryCapacityBps, _secondaryCapacityBps, _nodeTrafficBps, _chatterBps;
    private readonly double _nodeLinkBps, _repairShare;
    private readonly List<bool> _onSecondary = [];
    private readonly List<int> _nodeLinks = [];
    private readonly FlowNetwork _flows;
    private readonly Func<int, int, int>? _betweenZones;
    private readonly int _primaryLink;
    private int _movedNodes;
    private int _activeNodes;

    /// <param name="primaryCapacityBps">Capacity of the primary network.</param>
    /// <param name="secondaryCapacityBps">Capacity of the secondary network.</param>
    /// <param name="nodeTrafficBps">Inelastic traffic each active node offers to the network it is routed on.</param>
    /// <param name="chatterBps">Traffic each node keeps on the secondary network.</param>
    /// <param name="nodes">Nodes, all on the primary network.</param>
    /// <param name="flows">Where copies run.</param>
    /// <param name="nodeLinkBps">Capacity of each node's network interface; 0 when interfaces are not modelled.</param>
    /// <param name="repairShare">The most of a link's capacity copies may use.</param>
    public ClusterNetwork(double primaryCapacityBps, double secondaryCapacityBps, double nodeTrafficBps, double chatterBps, int nodes,
        FlowNetwork flows, double nodeLinkBps = 0, double repairShare = 1, Func<int, int, int>? betweenZones = null)
    {
        _betweenZones = betweenZones;
        _primaryCapacityBps = primaryCapacityBps;
        _secondaryCapacityBps = secondaryCapacityBps;
        _nodeTrafficBps = nodeTrafficBps;
        _chatterBps = chatterBps;
        _nodeLinkBps = nodeLinkBps;
        _repairShare = repairShare;
        _flows = flows;
        _activeNodes = nodes;
        _primaryLink = flows.AddLink(primaryCapacityBps, PrimaryInelasticBps, repairShare);
        for (int i = 0; i < nodes; i++) AddNodeLinks();
    }

    /// <summary>Where copies run.</summary>
    public FlowNetwork Flows => _flows;

    /// <summary>The primary network's link on <see cref="Flows"/>.</summary>
    public int PrimaryLink => _primaryLink;

    /// <summary>Whether each node's network interface is a link copies share.</summary>
    public bool ModelsNodeLinks => _nodeLinkBps > 0;

    /// <summary>Traffic of re-mirroring copies in flight, bits per second.</summary>
    public double CopyTrafficBps => _flows.LinkFlowRateBps(_primaryLink);

    /// <summary>Adds a node routed on the primary network.</summary>
    public void AddNode()
    {
        AddNodeLinks();
        _activeNodes++;
        PrimaryChanged();
    }

    /// <summary>A node stops offering traffic (crashed).</summary>
    public void RemoveActiveNode()
    {
        _activeNodes--;
        PrimaryChanged();
    }

    /// <summary>A node offers traffic again (back in service after a restart).</summary>
    public void AddActiveNode()
    {
        _activeNodes++;
        PrimaryChanged();
    }

    public bool IsOnSecondary(int node) => _onSecondary[node];

    /// <summary>Routes a node's traffic on <paramref name="to"/>.</summary>
    public void Route(int node, NetworkKind to)
    {
        bool secondary = to == NetworkKind.Secondary;
        if (_onSecondary[node] == secondary) return;
        _onSecondary[node] = secondary;
        _movedNodes += secondary ? 1 : -1;
        PrimaryChanged();
    }

    /// <summary>
    /// The links a copy from <paramref name="source"/> to <paramref name="target"/> crosses: the primary network,
    /// both nodes' interfaces when they are modelled, and the link between their zones when they are in two zones
    /// joined by one (<c>topology.links</c>; the copy then shares it with cross-region traffic).
    /// </summary>
    /// <returns>How many links were written to <paramref name="links"/> (room for 3).</returns>
    public int CopyPath(int source, int target, Span<int> links)
    {
        links[0] = _primaryLink;
        int n = 1;
        if (ModelsNodeLinks)
        {
            links[1] = _nodeLinks[source];
            links[2] = _nodeLinks[target];
            n = 3;
        }
        if (_betweenZones?.Invoke(source, target) is int link and >= 0) links[n++] = link;
        return n;
    }

    private double PrimaryInelasticBps => Math.Max(0, _activeNodes - _movedNodes) * _nodeTrafficBps;

    private void PrimaryChanged() => _flows.SetLinkBackground(_primaryLink, PrimaryInelasticBps);

    private void AddNodeLinks()
    {
        _onSecondary.Add(false);
        // A node's interface carries its own traffic (replication and client I/O) before any copy.
        if (ModelsNodeLinks) _nodeLinks.Add(_flows.AddLink(_nodeLinkBps, Math.Min(_nodeTrafficBps, _nodeLinkBps), _repairShare));
    }

    public double PrimaryOfferedBps => PrimaryInelasticBps + CopyTrafficBps;
    public double SecondaryOfferedBps => _onSecondary.Count * _chatterBps + _movedNodes * _nodeTrafficBps;

    public bool PrimaryCongested => PrimaryInelasticBps > _primaryCapacityBps;
    public bool SecondaryCongested => SecondaryOfferedBps > _secondaryCapacityBps;

    /// <summary>Whether a node can reach its partners: the network its traffic is on is not congested.</summary>
    public bool IsIsolated(int node) => _onSecondary[node] ? SecondaryCongested : PrimaryCongested;

    public double PrimaryUtilizationPct => _primaryCapacityBps <= 0 ? 0 : 100 * PrimaryOfferedBps / _primaryCapacityBps;
    public double SecondaryUtilizationPct => _secondaryCapacityBps <= 0 ? 0 : 100 * SecondaryOfferedBps / _secondaryCapacityBps;
}
