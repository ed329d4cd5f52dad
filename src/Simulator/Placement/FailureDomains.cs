namespace Simulator.Placement;

/// <summary>
/// Where each node of a cluster sits: its zone, power domain and rack, all dense indices (0, 1, 2…) over the cluster.
/// The levels nest: every node of a rack is in the same power domain, every node of a power domain in the same zone,
/// so a domain of any level is a set of whole racks.
/// <para>
/// <see cref="Uniform"/> spreads nodes round-robin, largest level first: node <c>n</c> goes to zone <c>n mod Z</c>,
/// to power domain <c>(n / Z) mod P</c> of that zone and to rack <c>(n / (Z·P)) mod K</c> of that power domain.
/// Consecutive nodes are in distinct zones, and at every level the node counts of two domains differ by at most one.
/// Power domain <c>z·P + p</c> is the p-th of zone z; rack <c>(z·P + p)·K + k</c> the k-th of that power domain.
/// </para>
/// <para>
/// Nodes added later (<see cref="AddNode()"/>, operators adding capacity) go to the zone with the fewest nodes, in it to
/// the power domain with the fewest, in it to the rack with the fewest, lowest index on every tie. On a
/// <see cref="Uniform"/> layout this continues the round-robin exactly (the layout of n nodes plus one added equals
/// the layout of n + 1). <see cref="AddNode(int)"/> puts a node in a given rack, and <see cref="AddRack"/>,
/// <see cref="AddPowerDomain"/>, <see cref="AddZone"/> create empty domains for it (a new rack of new nodes).
/// </para>
/// </summary>
public sealed class FailureDomains
{
    private int[] _rackOf, _powerOf, _zoneOf;   // by node
    private int[] _powerOfRack, _zoneOfPower;   // the nesting
    private int[] _nodesInRack, _nodesInPower, _nodesInZone;

    private FailureDomains(int zones, int powerDomains, int racks, int capacity)
    {
        _rackOf = new int[capacity];
        _powerOf = new int[capacity];
        _zoneOf = new int[capacity];
        _powerOfRack = new int[racks];
        _zoneOfPower = new int[powerDomains];
        _nodesInRack = new int[racks];
        _nodesInPower = new int[powerDomains];
        _nodesInZone = new int[zones];
        ZoneCount = zones;
        PowerDomainCount = powerDomains;
        RackCount = racks;
    }

    /// <summary>Nodes so far, added ones included.</summary>
    public int NodeCount { get; private set; }
    /// <summary>Zones, empty ones included.</summary>
    public int ZoneCount { get; private set; }
    /// <summary>Power domains, empty ones included.</summary>
    public int PowerDomainCount { get; private set; }
    /// <summary>Racks, empty ones included.</summary>
    public int RackCount { get; private set; }
    /// <summary>Grows by one at every change, so that structures built over the layout know to rebuild.</summary>
    public int Version { get; private set; }

    /// <summary>
    /// <paramref name="nodes"/> nodes over <paramref name="zones"/> zones × <paramref name="powerDomainsPerZone"/>
    /// power domains per zone × <paramref name="racksPerPowerDomain"/> racks per power domain, round-robin (see the class).
    /// </summary>
    public static FailureDomains Uniform(int nodes, int zones = 1, int powerDomainsPerZone = 1, int racksPerPowerDomain = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodes);
        ArgumentOutOfRangeException.ThrowIfLessThan(zones, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(powerDomainsPerZone, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(racksPerPowerDomain, 1);
        int powers = zones * powerDomainsPerZone, racks = powers * racksPerPowerDomain;
        var d = new FailureDomains(zones, powers, racks, Math.Max(nodes, 4));
        for (int p = 0; p < powers; p++) d._zoneOfPower[p] = p / powerDomainsPerZone;
        for (int r = 0; r < racks; r++) d._powerOfRack[r] = r / racksPerPowerDomain;
        for (int n = 0; n < nodes; n++)
        {
            int i = n % racks;
            int zone = i % zones, power = i / zones % powerDomainsPerZone, rack = i / powers % racksPerPowerDomain;
            d.Append((zone * powerDomainsPerZone + power) * racksPerPowerDomain + rack);
        }
        d.Version = 0;
        return d;
    }

    /// <summary>
    /// Nodes placed explicitly: node n is in zone <paramref name="zoneOf"/>[n], power domain
    /// <paramref name="powerDomainOf"/>[n] and rack <paramref name="rackOf"/>[n]. Indices must be dense (every index
    /// from 0 to the largest used) and nested (a rack in one power domain, a power domain in one zone).
    /// </summary>
    public static FailureDomains FromArrays(ReadOnlySpan<int> zoneOf, ReadOnlySpan<int> powerDomainOf, ReadOnlySpan<int> rackOf)
    {
        if (zoneOf.Length != powerDomainOf.Length || zoneOf.Length != rackOf.Length)
            throw new ArgumentException($"zone, power-domain and rack arrays differ in length ({zoneOf.Length}, {powerDomainOf.Length}, {rackOf.Length})");
        int zones = DenseCount(zoneOf, "zone"), powers = DenseCount(powerDomainOf, "power domain"), racks = DenseCount(rackOf, "rack");
        var d = new FailureDomains(zones, powers, racks, Math.Max(zoneOf.Length, 4));
        Array.Fill(d._powerOfRack, -1);
        Array.Fill(d._zoneOfPower, -1);
        for (int n = 0; n < rackOf.Length; n++)
        {
            int r = rackOf[n], p = powerDomainOf[n], z = zoneOf[n];
            if (d._powerOfRack[r] >= 0 && d._powerOfRack[r] != p)
                throw new ArgumentException($"rack {r} spans power domains {d._powerOfRack[r]} and {p} (node {n}); racks must nest in power domains");
            if (d._zoneOfPower[p] >= 0 && d._zoneOfPower[p] != z)
                throw new ArgumentException($"power domain {p} spans zones {d._zoneOfPower[p]} and {z} (node {n}); power domains must nest in zones");
            d._powerOfRack[r] = p;
            d._zoneOfPower[p] = z;
            d.Append(r);
        }
        d.Version = 0;
        return d;
    }

    public int RackOf(int node) => _rackOf[node];
    public int PowerDomainOf(int node) => _powerOf[node];
    public int ZoneOf(int node) => _zoneOf[node];

    /// <summary>The node's domain at a level (the node itself at <see cref="DomainLevel.Node"/>).</summary>
    public int DomainOf(int node, DomainLevel level) => level switch
    {
        DomainLevel.Node => node,
        DomainLevel.Rack => _rackOf[node],
        DomainLevel.PowerDomain => _powerOf[node],
        _ => _zoneOf[node],
    };

    /// <summary>Domains of a level, empty ones included.</summary>
    public int DomainCount(DomainLevel level) => level switch
    {
        DomainLevel.Node => NodeCount,
        DomainLevel.Rack => RackCount,
        DomainLevel.PowerDomain => PowerDomainCount,
        _ => ZoneCount,
    };

    /// <summary>Nodes in a domain of a level.</summary>
    public int NodesIn(DomainLevel level, int domain) => level switch
    {
        DomainLevel.Node => domain < NodeCount ? 1 : 0,
        DomainLevel.Rack => _nodesInRack[domain],
        DomainLevel.PowerDomain => _nodesInPower[domain],
        _ => _nodesInZone[domain],
    };

    /// <summary>Domains of a level that hold at least one node: the most replicas that can be spread over it.</summary>
    public int OccupiedDomains(DomainLevel level)
    {
        int count = 0;
        for (int d = 0; d < DomainCount(level); d++) if (NodesIn(level, d) > 0) count++;
        return count;
    }

    /// <summary>The power domain a rack belongs to; the zone a power domain belongs to.</summary>
    public int PowerDomainOfRack(int rack) => _powerOfRack[rack];
    public int ZoneOfPowerDomain(int powerDomain) => _zoneOfPower[powerDomain];

    /// <summary>Adds a node where it evens the counts out (see the class); returns its index.</summary>
    public int AddNode()
    {
        int zone = Fewest(_nodesInZone, ZoneCount, z => HasRack(z, DomainLevel.Zone));
        if (zone < 0) throw new InvalidOperationException("no rack to add a node to");
        int power = Fewest(_nodesInPower, PowerDomainCount, p => _zoneOfPower[p] == zone && HasRack(p, DomainLevel.PowerDomain));
        int rack = Fewest(_nodesInRack, RackCount, r => _powerOfRack[r] == power);
        return AddNode(rack);
    }

    /// <summary>Adds a node to a given rack; returns its index.</summary>
    public int AddNode(int rack)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rack);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rack, RackCount);
        Append(rack);
        return NodeCount - 1;
    }

    /// <summary>Adds an empty rack to a power domain; returns its index.</summary>
    public int AddRack(int powerDomain)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(powerDomain);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(powerDomain, PowerDomainCount);
        Grow(ref _powerOfRack, RackCount + 1);
        Grow(ref _nodesInRack, RackCount + 1);
        _powerOfRack[RackCount] = powerDomain;
        Version++;
        return RackCount++;
    }

    /// <summary>Adds an empty power domain to a zone; returns its index.</summary>
    public int AddPowerDomain(int zone)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(zone);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(zone, ZoneCount);
        Grow(ref _zoneOfPower, PowerDomainCount + 1);
        Grow(ref _nodesInPower, PowerDomainCount + 1);
        _zoneOfPower[PowerDomainCount] = zone;
        Version++;
        return PowerDomainCount++;
    }

    /// <summary>Adds an empty zone; returns its index.</summary>
    public int AddZone()
    {
        Grow(ref _nodesInZone, ZoneCount + 1);
        Version++;
        return ZoneCount++;
    }

    private void Append(int rack)
    {
        int n = NodeCount;
        if (n == _rackOf.Length)
        {
            Array.Resize(ref _rackOf, 2 * n);
            Array.Resize(ref _powerOf, 2 * n);
            Array.Resize(ref _zoneOf, 2 * n);
        }
        int power = _powerOfRack[rack], zone = _zoneOfPower[power];
        _rackOf[n] = rack;
        _powerOf[n] = power;
        _zoneOf[n] = zone;
        _nodesInRack[rack]++;
        _nodesInPower[power]++;
        _nodesInZone[zone]++;
        NodeCount++;
        Version++;
    }

    private bool HasRack(int domain, DomainLevel level)
    {
        for (int r = 0; r < RackCount; r++)
        {
            int p = _powerOfRack[r];
            if (level == DomainLevel.PowerDomain ? p == domain : _zoneOfPower[p] == domain) return true;
        }
        return false;
    }

    private static int Fewest(int[] counts, int length, Func<int, bool> allowed)
    {
        int best = -1;
        for (int i = 0; i < length; i++)
            if ((best < 0 || counts[i] < counts[best]) && allowed(i)) best = i;
        return best;
    }

    private static void Grow(ref int[] array, int length)
    {
        if (array.Length < length) Array.Resize(ref array, Math.Max(length, 2 * array.Length));
    }

    private static int DenseCount(ReadOnlySpan<int> ids, string what)
    {
        int max = -1;
        foreach (int id in ids)
        {
            if (id < 0) throw new ArgumentException($"{what} index {id} is negative");
            max = Math.Max(max, id);
        }
        var seen = new bool[max + 1];
        foreach (int id in ids) seen[id] = true;
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0) throw new ArgumentException($"{what} indices must be dense: {what} {missing} has no node but {what} {max} has");
        return max + 1;
    }
}
