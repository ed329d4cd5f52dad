using Simulator.Engine;
using Simulator.Network;
using Simulator.Scenarios.Model;

namespace Simulator.CrossRegion;

/// <summary>
/// The links between regions and zones (<see cref="LinkSpec"/>), each full duplex: a direction per way, each with the
/// link's whole capacity. Two kinds of traffic cross a direction:
/// <list type="bullet">
/// <item>continuous replication streams (<see cref="ContinuousStream"/>), served first: they share the direction's
/// capacity max-min fairly, each asking its write rate, or all it can get while it has a backlog;</item>
/// <item>bulk copies — snapshots and re-syncs — as flows of the fluid model (<see cref="FlowNetwork"/>), sharing
/// max-min fairly what the streams leave (the streams are the link's background traffic).</item>
/// </list>
/// A direction's capacity is 0 while its link is cut (<see cref="Cut"/>, counted: two cuts need two heals) or either
/// end's region is down (<see cref="SetRegionDown"/>), and the degraded capacity while it is degraded. Every change
/// re-allocates the direction: O(streams on it), a handful, plus the flow network's own re-rating.
/// </summary>
public sealed class WanNetwork
{
    private readonly FlowNetwork _flows;
    private readonly LinkSpec[] _links;
    private readonly string[][] _endRegions; // [link][end]: the region of each end
    private readonly int[] _cuts;
    private readonly double[] _degradedBps;  // NaN: not degraded
    private readonly HashSet<string> _downRegions = [];
    private readonly int[] _downEnds;        // [link]: ends whose region is down (0, 1 or 2)
    private readonly double[] _background;   // [direction]: what the streams take, as last given to the flow network
    private readonly int[] _flowLink;        // [direction]
    private readonly List<ContinuousStream>[] _streams; // [direction]
    private double[] _scratchDemand = new double[4];
    private int[] _scratchOrder = new int[4];

    /// <param name="regionOf">The region of a place: a region's name is its own region; a zone's is the region it is in.</param>
    /// <param name="flows">The flow network the links are added to: the run's one, shared with the clusters' networks,
    /// so that a re-mirroring copy between two zones crosses the link that joins them (<see cref="BetweenZones"/>).</param>
    public WanNetwork(FlowNetwork flows, IReadOnlyList<LinkSpec> links, Func<string, string> regionOf)
    {
        _flows = flows;
        _links = [.. links];
        _endRegions = [.. _links.Select(l => l.Between.Select(regionOf).ToArray())];
        _cuts = new int[_links.Length];
        _downEnds = new int[_links.Length];
        _background = new double[2 * _links.Length];
        _degradedBps = [.. _links.Select(_ => double.NaN)];
        _flowLink = new int[2 * _links.Length];
        _streams = new List<ContinuousStream>[2 * _links.Length];
        for (int d = 0; d < _flowLink.Length; d++)
        {
            _flowLink[d] = _flows.AddLink(_links[d / 2].Bandwidth.BitsPerSecond);
            _streams[d] = [];
        }
    }

    /// <summary>The flow network the bulk copies run on.</summary>
    public FlowNetwork Flows => _flows;

    public int LinkCount => _links.Length;
    public string LinkName(int link) => _links[link].Name;
    public int LinkIndex(string name) => Array.FindIndex(_links, l => l.Name == name);

    /// <summary>The flow-network link of a direction (for bulk copies).</summary>
    public int FlowLink(int direction) => _flowLink[direction];

    /// <summary>One-way latency of a direction's link, seconds.</summary>
    public double LatencySeconds(int direction) => _links[direction / 2].Latency.TotalSeconds;

    /// <summary>The direction the other way along the same link.</summary>
    public static int Reverse(int direction) => direction ^ 1;

    /// <summary>
    /// The direction from a place (a zone and its region) to a region: the first link, in the scenario's order, with
    /// one end at the zone or its region and the other at the target region or one of its zones; −1 when none joins them.
    /// </summary>
    public int Route(string fromZone, string fromRegion, string toRegion)
    {
        for (int l = 0; l < _links.Length; l++)
            for (int end = 0; end < 2; end++)
            {
                string here = _links[l].Between[end];
                if ((here == fromZone || here == fromRegion) && _endRegions[l][1 - end] == toRegion && _endRegions[l][end] != toRegion)
                    return 2 * l + end;
            }
        return -1;
    }

    /// <summary>
    /// The flow-network link of the direction from zone <paramref name="from"/> to zone <paramref name="to"/> of a link
    /// that joins exactly these two zones (the first in the scenario's order), or −1 when none does.
    /// </summary>
    public int BetweenZones(string from, string to)
    {
        for (int l = 0; l < _links.Length; l++)
            for (int end = 0; end < 2; end++)
                if (_links[l].Between[end] == from && _links[l].Between[1 - end] == to) return _flowLink[2 * l + end];
        return -1;
    }

    /// <summary>The places a link joins.</summary>
    public IReadOnlyList<string> Ends(int link) => _links[link].Between;

    /// <summary>The region of each end of a link.</summary>
    public IReadOnlyList<string> EndRegions(int link) => _endRegions[link];

    /// <summary>Cuts a link (both directions); cuts are counted, each heals with one <see cref="Heal"/>.</summary>
    public void Cut(int link)
    {
        _cuts[link]++;
        Apply(link);
    }

    /// <summary>Heals one cut of a link (no effect when it has none).</summary>
    public void Heal(int link)
    {
        if (_cuts[link] == 0) return;
        _cuts[link]--;
        Apply(link);
    }

    /// <summary>Repairs a link: every cut healed and its full capacity back.</summary>
    public void Repair(int link)
    {
        _cuts[link] = 0;
        _degradedBps[link] = double.NaN;
        Apply(link);
    }

    /// <summary>Degrades a link to <paramref name="bitsPerSecond"/> each way, or restores it (null).</summary>
    public void Degrade(int link, double? bitsPerSecond)
    {
        _degradedBps[link] = bitsPerSecond ?? double.NaN;
        Apply(link);
    }

    /// <summary>A region goes down (or comes back): the links that end in it carry nothing meanwhile.</summary>
    public void SetRegionDown(string region, bool down)
    {
        if (down ? !_downRegions.Add(region) : !_downRegions.Remove(region)) return;
        for (int l = 0; l < _links.Length; l++)
        {
            int ends = _endRegions[l].Count(r => r == region);
            if (ends == 0) continue;
            _downEnds[l] += down ? ends : -ends;
            Apply(l);
        }
    }

    public bool IsRegionDown(string region) => _downRegions.Contains(region);

    /// <summary>True while the link carries nothing (cut, or an end's region down).</summary>
    public bool IsCut(int link) => CapacityBps(link) <= 0;

    /// <summary>What each direction of the link carries at most now, bits per second.</summary>
    public double CapacityBps(int link)
    {
        if (_cuts[link] > 0 || _downEnds[link] > 0) return 0;
        return double.IsNaN(_degradedBps[link]) ? _links[link].Bandwidth.BitsPerSecond : _degradedBps[link];
    }

    /// <summary>Traffic on the busier direction over its capacity now (0 when it carries nothing), in percent.</summary>
    public double UtilizationPct(int link)
    {
        double capacity = CapacityBps(link);
        if (capacity <= 0) return 0;
        return 100 * Math.Max(DirectionLoadBps(2 * link), DirectionLoadBps(2 * link + 1)) / capacity;
    }

    /// <summary>Traffic on both directions now, bits per second.</summary>
    public double ThroughputBps(int link) => DirectionLoadBps(2 * link) + DirectionLoadBps(2 * link + 1);

    private double DirectionLoadBps(int direction)
    {
        double streams = 0;
        foreach (var s in _streams[direction]) streams += s.Rate * 8;
        return streams + _flows.LinkFlowRateBps(_flowLink[direction]);
    }

    /// <summary>Puts a stream on a direction (from its constructor).</summary>
    internal void Attach(int direction, ContinuousStream stream) => _streams[direction].Add(stream);

    private void Apply(int link)
    {
        double capacity = CapacityBps(link);
        for (int d = 2 * link; d <= 2 * link + 1; d++)
        {
            _flows.SetLinkCapacity(_flowLink[d], capacity);
            Reallocate(d);
        }
    }

    /// <summary>
    /// Shares a direction among its streams max-min fairly (progressive filling over their demands, in the order they
    /// were attached for equal demands), and leaves the rest to bulk copies.
    /// </summary>
    internal void Reallocate(int direction)
    {
        var streams = _streams[direction];
        int n = streams.Count;
        double left = CapacityBps(direction / 2) / 8; // bytes per second
        if (_scratchDemand.Length < n) { _scratchDemand = new double[2 * n]; _scratchOrder = new int[2 * n]; }
        for (int i = 0; i < n; i++) { _scratchDemand[i] = streams[i].Demand; _scratchOrder[i] = i; }
        Array.Sort(_scratchDemand, _scratchOrder, 0, n); // stable enough: ties keep an order fixed by the demands' values alone
        double used = 0;
        for (int k = 0; k < n; k++)
        {
            double fair = left / (n - k);
            double rate = Math.Min(_scratchDemand[k], fair);
            left -= rate;
            used += rate;
            streams[_scratchOrder[k]].SetRate(rate);
        }
        // The flow network re-rates the link's flows only when what the streams leave them changes.
        double background = Math.Min(used * 8, _flows.LinkCapacityBps(_flowLink[direction]));
        if (background == _background[direction]) return;
        _background[direction] = background;
        _flows.SetLinkBackground(_flowLink[direction], background);
    }
}
