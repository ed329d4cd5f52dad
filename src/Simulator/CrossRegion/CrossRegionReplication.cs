using Simulator.Engine;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Topology;

namespace Simulator.CrossRegion;

/// <summary>
/// Everything that crosses regions: the links (<see cref="WanNetwork"/>) and the replication classes
/// (<see cref="ReplicationClass"/>), with the outcomes of every interruption of a replicated volume. It hears the
/// clusters' volumes stop and resume serving (<see cref="IVolumeObserver"/>) and passes each to the volume's class.
/// <para>
/// Members: each cluster draws one uniform number per volume (stream <c>cross-region-members:&lt;cluster&gt;</c>); its
/// classes take consecutive intervals of it, each as wide as its share, so a volume is in one class at most and a
/// class's members do not depend on the other classes' shares. Write rates are drawn per member
/// (<c>cross-region-writes:&lt;class&gt;</c>).
/// </para>
/// </summary>
public sealed class CrossRegionReplication : IVolumeObserver
{
    private readonly List<ReplicationClass> _classes = [];
    private readonly int[][] _classOf, _memberOf; // [cluster][volume]: −1 when the volume is not replicated
    private readonly List<FailoverOutcome> _outcomes = [];

    public CrossRegionReplication(Simulation sim, RandomStreams streams, Scenario scenario, IReadOnlyList<StorageCluster> clusters,
        IReadOnlyList<ZoneInfo> zones, WanNetwork wan)
    {
        Wan = wan;
        _classOf = new int[clusters.Count][];
        _memberOf = new int[clusters.Count][];
        var drawn = new double[clusters.Count][];
        var taken = new double[clusters.Count];
        foreach (var spec in scenario.ReplicationClasses)
        {
            var cluster = clusters.First(c => c.Name == spec.Cluster);
            int ci = cluster.Index;
            if (drawn[ci] is null)
            {
                var u = streams.Get("cross-region-members:" + cluster.Name);
                drawn[ci] = new double[cluster.VolumeCount];
                for (int v = 0; v < drawn[ci].Length; v++) drawn[ci][v] = u.NextDouble();
                _classOf[ci] = Enumerable.Repeat(-1, cluster.VolumeCount).ToArray();
                _memberOf[ci] = Enumerable.Repeat(-1, cluster.VolumeCount).ToArray();
            }
            var members = Members(drawn[ci], ref taken[ci], spec);
            var writes = streams.Get("cross-region-writes:" + spec.Name);
            double median = spec.WriteRate.Median.BytesPerSecond, sigma = spec.WriteRate.Sigma;
            var rates = members.Select(_ => sigma > 0
                ? MathNet.Numerics.Distributions.LogNormal.Sample(writes, Math.Log(median), sigma) : median).ToList();
            var zone = zones[cluster.ZoneIndex];
            int direction = Wan.Route(zone.Name, zone.Region, spec.To);
            if (direction < 0) throw new InvalidOperationException($"cross_region {spec.Name}: no link from {zone.Name} to {spec.To}");
            int index = _classes.Count;
            for (int k = 0; k < members.Count; k++) { _classOf[ci][members[k]] = index; _memberOf[ci][members[k]] = k; }
            _classes.Add(new ReplicationClass(index, spec, zone.Region, sim, Wan, direction, members, rates, _outcomes));
        }
    }

    public WanNetwork Wan { get; }

    /// <summary>
    /// A class's members among a cluster's volumes, by the number each drew: those in [taken, taken + share), or, for a
    /// class of <c>count</c> volumes, the <c>count</c> with the smallest numbers from <paramref name="taken"/> on;
    /// <paramref name="taken"/> moves past them. In volume order.
    /// </summary>
    private static List<int> Members(double[] drawn, ref double taken, CrossRegionSpec spec)
    {
        double from = taken;
        if (spec.Count is int count)
        {
            var next = Enumerable.Range(0, drawn.Length).Where(v => drawn[v] >= from).OrderBy(v => drawn[v]).ThenBy(v => v).Take(count).ToList();
            if (next.Count < count)
                throw new InvalidOperationException($"cross_region {spec.Name}: {count} volumes asked, {next.Count} left in cluster {spec.Cluster}");
            taken = next.Count == 0 ? from : Math.BitIncrement(drawn[next[^1]]);
            next.Sort();
            return next;
        }
        double to = Math.Min(1, from + spec.Share.Value);
        taken = to;
        var members = new List<int>();
        for (int v = 0; v < drawn.Length; v++)
            if (drawn[v] >= from && drawn[v] < to) members.Add(v);
        return members;
    }

    /// <summary>The links of <paramref name="scenario"/> on <paramref name="flows"/>, places resolved to their regions by <paramref name="zones"/>.</summary>
    public static WanNetwork Links(Network.FlowNetwork flows, Scenario scenario, IReadOnlyList<ZoneInfo> zones)
    {
        var regionOfPlace = new Dictionary<string, string>();
        foreach (var z in zones) { regionOfPlace[z.Name] = z.Region; regionOfPlace[z.Region] = z.Region; }
        return new WanNetwork(flows, scenario.Topology.Links, p => regionOfPlace.TryGetValue(p, out var r) ? r : p);
    }
    public IReadOnlyList<ReplicationClass> Classes => _classes;

    /// <summary>Every interruption of a replicated volume that has ended (served again), in the order they ended.</summary>
    public IReadOnlyList<FailoverOutcome> Outcomes => _outcomes;

    public void OnBlockedChanged(int cluster, int volume, bool blocked, bool byNetwork)
    {
        var classOf = _classOf[cluster];
        if (classOf is null || classOf[volume] < 0) return;
        _classes[classOf[volume]].OnHomeBlocked(_memberOf[cluster][volume], blocked);
    }

    /// <summary>A region goes down or comes back: its links carry nothing meanwhile, and remote copies in it do not serve.</summary>
    public void SetRegionDown(string region, bool down) => Wan.SetRegionDown(region, down);

    /// <summary>Operators fail over every class whose home is <paramref name="region"/>.</summary>
    public void ForceFailover(string region)
    {
        foreach (var c in _classes) if (c.HomeRegion == region) c.ForceFailover();
    }

    /// <summary>Operators let the classes whose home is <paramref name="region"/> fail back.</summary>
    public void AllowFailback(string region)
    {
        foreach (var c in _classes) if (c.HomeRegion == region) c.AllowFailback();
    }

    /// <summary>Checks every class's invariants (<see cref="ReplicationClass.CheckInvariants"/>).</summary>
    public void CheckInvariants()
    {
        foreach (var c in _classes) c.CheckInvariants();
    }
}
