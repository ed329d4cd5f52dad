using Simulator.Engine;

namespace Simulator.Storage;

/// <summary>
/// The random draws one cluster makes while it runs, each keyed by the entity it concerns and that entity's own
/// counter (<see cref="KeyedStream"/>), never by the order draws happen in. A volume's n-th search attempt draws its
/// crash, its replacement node, its cut-off and its retry jitter from keys (volume, n); a node's n-th crash draws its
/// restart delay from (node, n); the k-th node crash of the race condition picks its node from k. So a what-if
/// whose storm unfolds differently still gives every entity the same draws for the same step, and pairing across
/// variants (common random numbers) is lost only where the trajectories themselves differ, not by a shift of a shared
/// stream.
/// </summary>
internal sealed class ClusterDraws(RandomStreams streams, string cluster)
{
    /// <summary>Whether volume v's attempt n closes a replication request that crashes a node (the race condition).</summary>
    public readonly KeyedStream AttemptCrash = streams.Keyed("attempt-crash:" + cluster);

    /// <summary>The exponential targets of the aggregated crash hazard of futile retries: key (0, k) for the k-th.</summary>
    public readonly KeyedStream CrashHazard = streams.Keyed("crash-hazard:" + cluster);

    /// <summary>Which node the k-th race-condition crash takes: key (k, 0), redrawn within it while the pick is down.</summary>
    public readonly KeyedStream CrashNode = streams.Keyed("crash-node:" + cluster);

    /// <summary>The replacement node of volume v's attempt n (placement policies that draw).</summary>
    public readonly KeyedStream Replace = streams.Keyed("replace:" + cluster);

    /// <summary>Whether volume v's attempt n is refused by the cut-off from the control plane.</summary>
    public readonly KeyedStream Cut = streams.Keyed("cut:" + cluster);

    /// <summary>The retry jitter after volume v's attempt n.</summary>
    public readonly KeyedStream Retry = streams.Keyed("retry:" + cluster);

    /// <summary>When a waiting volume woken after its attempt n tries again (jittered policies).</summary>
    public readonly KeyedStream Wake = streams.Keyed("wake:" + cluster);

    /// <summary>
    /// The repair delay of a search volume v starts at time t: key (v, t). Not its attempt count: a search restarted
    /// before its first attempt (another replica lost meanwhile) must draw afresh, or an exponential delay would lose
    /// its memorylessness (the redraw would repeat a delay known to be longer than the time already waited).
    /// </summary>
    public readonly KeyedStream RepairDelay = streams.Keyed("repair-delay:" + cluster);

    /// <summary>When volume v notices a partner cut off at time t: key (v, t).</summary>
    public readonly KeyedStream Detect = streams.Keyed("detect:" + cluster);

    /// <summary>The restart delay of node n's c-th crash: key (n, c).</summary>
    public readonly KeyedStream Restart = streams.Keyed("restart:" + cluster);

    /// <summary>Whether volume v's only copy, on node n at its c-th crash, can be read again: key (v, n · 2³² + c).</summary>
    public readonly KeyedStream Recoverable = streams.Keyed("recoverable:" + cluster);
}
