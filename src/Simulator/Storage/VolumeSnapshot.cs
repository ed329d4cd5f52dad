using Simulator.Engine;

namespace Simulator.Storage;

/// <summary>
/// The volumes of a cluster that are not healthy now — degraded, stuck, lost, of unknown consistency — one
/// <see cref="VolumeRecord"/> each, in volume order: what <c>volumes.csv</c> prints to show why a volume is still
/// stuck. O(volumes) per snapshot; the run takes one only at the times asked for.
/// </summary>
internal static class VolumeSnapshot
{
    /// <summary>The cluster's volumes that are not healthy at <paramref name="at"/>.</summary>
    public static IEnumerable<VolumeRecord> Of(StorageCluster cluster, Duration at)
    {
        var volumes = cluster.Volumes;
        for (int v = 0; v < volumes.Count; v++)
        {
            var state = volumes.State(v);
            if (state == VolumeState.Healthy) continue;
            yield return Record(cluster, v, at);
        }
    }

    private static VolumeRecord Record(StorageCluster cluster, int v, Duration at)
    {
        var volumes = cluster.Volumes;
        var nodes = cluster.Nodes;
        var replicas = volumes.Replicas(v).ToArray();
        bool unavailable = volumes.Has(v, VolumeFlags.Unavailable) && !volumes.Has(v, VolumeFlags.IsolationBlocked);
        return new VolumeRecord(at, cluster.ZoneName, cluster.Name, v, volumes.SizeMiB[v], volumes.State(v), CauseOf(cluster, v),
            unavailable ? volumes.Has(v, VolumeFlags.Recoverable) : null, new Duration(volumes.SinceTicks[v]), replicas.Length, volumes.R,
            replicas, [.. replicas.Select(n => NodeCondition(nodes, n))], [.. replicas.Select(n => cluster.Domains.RackOf(n))],
            [.. replicas.Select(n => cluster.SpannedZoneNames[cluster.Domains.ZoneOf(n)])], volumes.Target[v], volumes.Failed[v],
            cluster.Failures.EventOf(v));
    }

    /// <summary>
    /// Why the volume is not healthy now, the first that applies: <c>lost</c>; <c>awaiting_recovery_snapshot</c> (every
    /// replica lost power during its writes); <c>replicas_unreachable</c> (every replica cut off: isolated or dark);
    /// <c>copy_on_crashed_node</c> (its only up-to-date copy is on a crashed node); <c>copying</c> (a new replica is being
    /// copied); <c>negotiating</c> (with the control plane, space reserved on the target); <c>waiting_for_space</c> (its
    /// searches found no node with room; it waits to be woken when space appears); <c>retry_budget_spent</c>;
    /// <c>searches_stopped</c> (parked by operators, released by the negotiation throttle); <c>searching</c> (between two
    /// attempts, or waiting for the repair delay).
    /// </summary>
    public static string CauseOf(StorageCluster cluster, int v)
    {
        var volumes = cluster.Volumes;
        var state = volumes.State(v);
        if (state == VolumeState.Lost) return "lost";
        if (state == VolumeState.ConsistencyUnknown) return "awaiting_recovery_snapshot";
        if (volumes.Has(v, VolumeFlags.IsolationBlocked)) return "replicas_unreachable";
        if (volumes.Has(v, VolumeFlags.Unavailable)) return "copy_on_crashed_node";
        if (volumes.Has(v, VolumeFlags.Copying)) return "copying";
        if (volumes.Target[v] >= 0) return "negotiating";
        return cluster.Lists.ListOf(v) switch
        {
            WaitList.Waiting when cluster.Retry.Budget is int b && volumes.Failed[v] >= b => "retry_budget_spent",
            WaitList.Waiting => "waiting_for_space",
            WaitList.Parked => "searches_stopped",
            _ => "searching",
        };
    }

    private static string NodeCondition(NodeTable nodes, int n) => nodes.Status(n) switch
    {
        NodeStatus.Crashed => "crashed",
        NodeStatus.Restarted => "restarted",
        _ => nodes.IsIsolated(n) ? "isolated" : nodes.IsDark(n) ? "dark" : "up",
    };
}
