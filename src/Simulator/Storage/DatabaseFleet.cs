using Simulator.Engine;
using Simulator.Scenarios.Model;

namespace Simulator.Storage;

/// <summary>
/// Databases on the volumes of one zone. A single-zone database is striped over k volumes and is impacted
/// while any of them is stuck (or lost). A multi-zone database has its primary on one volume of the zone and
/// a synchronous standby in another zone: when the primary's volume gets stuck it fails over, and the failover
/// fails with some probability when the stuck I/O follows a network interruption (the 2011 bug).
/// </summary>
public sealed class DatabaseFleet : IVolumeObserver
{
    private readonly int[][] _volumeDb; // per cluster, per volume: −1 none, ≥ 0 single-zone db, ≤ −2 multi-zone db (−2 − id)
    private readonly int[] _singleBlocked;
    private readonly bool[] _multiFailedOver;
    private readonly double _bugProbability;
    /// <summary>Whether a database's failover hits the bug: keyed by the database (each fails over once).</summary>
    private readonly KeyedStream _failoverDraws;

    public DatabaseFleet(DatabasesSpec spec, IReadOnlyList<StorageCluster> zoneClusters, RandomStreams streams)
    {
        int single = spec.SingleZone?.Count ?? 0;
        int stripe = spec.SingleZone?.StripeVolumes ?? 1;
        int multi = spec.MultiZone?.Count ?? 0;
        _bugProbability = spec.MultiZone?.FailoverBugProbability.Value ?? 0;
        _failoverDraws = streams.Keyed("db-failover");
        _singleBlocked = new int[single];
        _multiFailedOver = new bool[multi];
        SingleZoneCount = single;
        MultiZoneCount = multi;

        int maxIndex = zoneClusters.Count == 0 ? 0 : zoneClusters.Max(c => c.Index);
        _volumeDb = new int[maxIndex + 1][];
        long total = 0;
        foreach (var c in zoneClusters)
        {
            _volumeDb[c.Index] = new int[c.VolumeCount];
            Array.Fill(_volumeDb[c.Index], -1);
            total += c.VolumeCount;
        }
        long needed = (long)single * stripe + multi;
        if (needed > total)
            throw new InvalidOperationException($"databases need {needed} volumes but the zone has {total}");

        // Distinct volumes drawn uniformly from the zone (partial Fisher–Yates over the zone's volume indices).
        var order = new int[total];
        for (int i = 0; i < total; i++) order[i] = i;
        streams.Get("db-placement").ShuffleFirst(order.AsSpan(), (int)needed);
        for (int i = 0; i < needed; i++)
        {
            int db = i < (long)single * stripe ? i / stripe : -2 - (i - single * stripe);
            var (cluster, v) = Locate(zoneClusters, order[i]);
            _volumeDb[cluster][v] = db;
        }
    }

    public int SingleZoneCount { get; }
    public int MultiZoneCount { get; }
    public int SingleZoneImpacted { get; private set; }
    public int MultiZoneFailoversFailed { get; private set; }

    public double SingleZoneImpactedPct => SingleZoneCount == 0 ? 0 : 100.0 * SingleZoneImpacted / SingleZoneCount;
    public double MultiZoneFailoverFailedPct => MultiZoneCount == 0 ? 0 : 100.0 * MultiZoneFailoversFailed / MultiZoneCount;

    private static (int Cluster, int Volume) Locate(IReadOnlyList<StorageCluster> clusters, int index)
    {
        foreach (var c in clusters)
        {
            if (index < c.VolumeCount) return (c.Index, index);
            index -= c.VolumeCount;
        }
        throw new ArgumentOutOfRangeException(nameof(index));
    }

    public void OnBlockedChanged(int cluster, int volume, bool blocked, bool byNetwork)
    {
        if (cluster >= _volumeDb.Length || _volumeDb[cluster] is not { } map) return;
        int db = map[volume];
        if (db >= 0)
        {
            if (blocked) { if (_singleBlocked[db]++ == 0) SingleZoneImpacted++; }
            else if (--_singleBlocked[db] == 0) SingleZoneImpacted--;
        }
        else if (db <= -2 && blocked)
        {
            int id = -2 - db;
            if (_multiFailedOver[id]) return;
            _multiFailedOver[id] = true;
            if (byNetwork && _failoverDraws.At(id, 0).NextDouble() < _bugProbability) MultiZoneFailoversFailed++;
        }
    }
}
