using Simulator.Engine;
using Simulator.Scenarios.Model;

namespace Simulator.Storage;

/// <summary>
/// Nodes that crash, restart and return to service, and what that does to their volumes: a crash takes a replica
/// from every volume on the node (the serving one moves to the partner; a volume whose only up-to-date copy was
/// there becomes unavailable until the node restarts or operators restore it, and is lost if that copy cannot be
/// read); crashed nodes and the space of given-up replicas are reused only once re-mirroring is over.
/// </summary>
internal sealed class NodeLifeCycle(StorageCluster cluster) : IEventHandler
{
    /// <summary>
    /// Random picks of the crashing node before giving up: the pick is redrawn while it lands on a node that is
    /// down or isolated. With at least one node in 2 eligible, 64 misses in a row happen with probability below
    /// 2⁻⁶⁴; a cluster with almost every node down has no node to crash, and then none does.
    /// </summary>
    private const int CrashPickTries = 64;

    private readonly VolumeTable _v = cluster.Volumes;
    private readonly NodeTable _n = cluster.Nodes;
    private readonly Simulation _sim = cluster.Sim;
    private long _raceCrashes; // race-condition crashes so far: the key of the next pick
    private int[] _crashes = new int[cluster.Nodes.Count]; // crashes of each node so far: the key of its draws

    /// <summary>Counts a crash of node <paramref name="n"/> and returns how many it had before (nodes added later included).</summary>
    private int NextCrashOf(int n)
    {
        if (n >= _crashes.Length) Array.Resize(ref _crashes, Math.Max(n + 1, 2 * _crashes.Length));
        return _crashes[n]++;
    }

    /// <summary>Closures are spread evenly over the reachable live nodes: the crashing node is one of them at random.</summary>
    public void CrashRandomNode()
    {
        var pick = cluster.Draws.CrashNode.At(_raceCrashes++, 0);
        for (int tries = 0; tries < CrashPickTries; tries++)
        {
            int n = pick.Next(_n.Count);
            if (_n.Status(n) == NodeStatus.Up && !_n.IsUnreachable(n)) { Crash(n, source: FailureLog.RaceConditionSource); return; }
        }
    }

    /// <summary>
    /// A node crashes: every volume with a replica on it loses that replica. <paramref name="forGood"/>: the node
    /// never restarts and nothing on it can be read again (a disk or host lost), so a volume whose only up-to-date
    /// copy was there is lost at once; otherwise it restarts after the restart delay and each such copy is
    /// recoverable with the scenario's probability. The crash is a failure event of <paramref name="source"/>, or part of
    /// the event in progress of a fault that takes several nodes.
    /// </summary>
    public void Crash(int n, bool forGood = false, string? source = null)
    {
        if (_n.Status(n) != NodeStatus.Up) return;
        using var failure = cluster.Failures.ForCrash(forGood, source);
        var remirror = cluster.ReMirror;
        cluster.Retries.Accrue();
        _n.MarkCrashed(n);
        cluster.Network.RemoveActiveNode();
        int crashNo = NextCrashOf(n);
        long recoverKey = ((long)n << 32) | (uint)crashNo;
        double unrecoverable = cluster.Spec.Crash.Unrecoverable.Value;
        // Copying (or negotiating) towards this node: back to searching.
        foreach (int v in _n.IncomingTo(n).ToArray())
        {
            if (_v.Target[v] != n) continue;
            if (_v.Has(v, VolumeFlags.Copying)) remirror.StopCopy(v);
            remirror.ClearTarget(v);
            remirror.CancelPending(v);
            var searching = remirror.SearchingState(v);
            if (_v.State(v) != searching) remirror.Become(v, searching);
            remirror.Attempt(v);
        }
        var list = _n.VolumesOn(n);
        for (int i = 0; i < list.Count; i++)
        {
            int v = list[i];
            if (_v.State(v) == VolumeState.Lost || !_v.HoldsReplica(v, n)) continue;
            bool blocked = _v.Has(v, VolumeFlags.IsolationBlocked);
            // Already unavailable with its only copy here: the node crashed again while its restart was recovering its
            // volumes (an attempt of one of them closed requests and crashed it) before reaching this one. It stays
            // unavailable, in its list, until the next restart.
            if (!blocked && _v.Has(v, VolumeFlags.Unavailable) && _v.Primary(v) == n) continue;
            if (_v.ReplicaCount(v) > 1)
            {
                // Another replica remains: it serves (the next in order, if the serving one was here).
                bool serving = _v.Primary(v) == n;
                _v.RemoveReplica(v, n);
                // Blocked: it waits for its replicas to come back. Of unknown consistency: the replicas left are no more
                // certain than this one, so it neither serves nor re-mirrors from them; it still waits for its recovery snapshot.
                if (blocked || _v.State(v) == VolumeState.ConsistencyUnknown) { _v.Check(v); continue; }
                if (!serving && _v.State(v) != VolumeState.Healthy)
                {
                    // Already re-mirroring, and a partner is gone too: under the majority rule it may lose its quorum.
                    var next = _v.Rule == WriteRule.All ? _v.State(v) : remirror.SearchingState(v);
                    if (next == VolumeState.Stuck && _v.State(v) != VolumeState.Stuck) _v.MarkStuckCause(v, byNetwork: false);
                    remirror.Become(v, next);
                    continue;
                }
                remirror.CancelPending(v);
                if (_v.Target[v] >= 0)
                {
                    // The copy in flight loses its source: it starts again from the new serving replica.
                    if (_v.Has(v, VolumeFlags.Copying)) remirror.StopCopy(v);
                    remirror.ReleaseTarget(v);
                }
                remirror.NeedReplica(v, byNetwork: false);
                continue;
            }
            // The only up-to-date copy is here: unavailable until the node restarts or operators restore it.
            remirror.CancelPending(v);
            if (blocked) _v.ClearIsolationBlocked(v, reachable: false);
            if (_v.Has(v, VolumeFlags.Copying)) remirror.StopCopy(v);
            remirror.ReleaseTarget(v);
            if (forGood) { remirror.Become(v, VolumeState.Lost); continue; }
            _v.MarkUnavailable(v, recoverable: cluster.Draws.Recoverable.At(v, recoverKey).NextDouble() >= unrecoverable);
            if (_v.State(v) != VolumeState.Stuck) remirror.Become(v, VolumeState.Stuck);
            else _v.Check(v);
            cluster.Lists.Append(WaitList.Unavailable, v);
        }
        _n.EndCrash(n);
        if (forGood) { cluster.Retries.Changed(); return; }
        _sim.ScheduleAfter(cluster.Spec.Crash.RestartDelay.Sample(cluster.Draws.Restart.At(n, crashNo)), this, 0, n);
        cluster.Retries.Changed();
    }

    private void Restart(int n)
    {
        if (_n.Status(n) != NodeStatus.Crashed) return;
        _n.MarkRestarted(n);
        if (!cluster.Spec.HoldGivenUpSpace) ReturnToService(n);
        var list = _n.VolumesOn(n);
        for (int i = 0; i < list.Count && _n.Status(n) != NodeStatus.Crashed; i++) // a recovered volume's attempt may crash it again: the rest wait for the next restart
        {
            int v = list[i];
            if (_v.Primary(v) != n || !_v.Has(v, VolumeFlags.Unavailable) || cluster.Lists.ListOf(v) != WaitList.Unavailable) continue;
            Recover(v, byHand: false);
        }
        cluster.Retries.WakeWaiters();
    }

    /// <summary>
    /// An unavailable volume's copy is read again: recoverable → it searches for a partner (or is healthy, by hand), or,
    /// if its every replica had lost power (it was of unknown consistency when its last copy crashed), waits for its
    /// recovery snapshot again; not → lost.
    /// </summary>
    public void Recover(int v, bool byHand)
    {
        var remirror = cluster.ReMirror;
        cluster.Lists.Remove(v);
        _v.ClearUnavailable(v);
        if (!_v.Has(v, VolumeFlags.Recoverable))
        {
            remirror.Become(v, VolumeState.Lost);
            return;
        }
        if (byHand)
        {
            // Restored by hand onto a new volume (from the node's disks or a snapshot), outside the cluster's accounting.
            _v.ClearReplicas(v);
            remirror.Become(v, VolumeState.Healthy);
            return;
        }
        if (_v.Has(v, VolumeFlags.PowerLost))
        {
            // The crash did not make its last writes any more certain: nothing is re-mirrored from this copy.
            remirror.Become(v, VolumeState.ConsistencyUnknown);
            cluster.Lists.Append(WaitList.ConsistencyUnknown, v);
            return;
        }
        _v.Failed[v] = 0;
        remirror.Attempt(v);
    }

    /// <summary>A replica on a live node is given up: its space is held until re-mirroring is over, or freed now.</summary>
    public void GiveUp(int node, long miB)
    {
        if (_n.IsCrashed(node)) return;
        if (cluster.Spec.HoldGivenUpSpace) _n.Hold(node, miB);
        else { _n.Vacate(node, miB); cluster.Retries.WakeWaiters(); }
    }

    /// <summary>Re-mirroring is over: the space of given-up replicas is freed and restarted nodes are reused.</summary>
    public void MaybeReleaseHeldSpace()
    {
        if (_v.Stuck > 0 || _v.Degraded > 0) return;
        if (_n.HeldTotalMiB == 0 && _n.RestartedDown == 0) return;
        for (int n = 0; n < _n.Count; n++)
        {
            if (_n.Status(n) == NodeStatus.Restarted) { ReturnToService(n); continue; }
            _n.ReleaseHeld(n);
        }
        cluster.Retries.WakeWaiters();
    }

    /// <summary>
    /// A restarted node takes new replicas again. Its used space is recounted from the replicas it still holds:
    /// those it lost in the crash were re-mirrored elsewhere and their space is free. The node's list is pruned lazily,
    /// so a volume that left the node and came back is listed twice: it is counted, and kept, once.
    /// </summary>
    public void ReturnToService(int n)
    {
        var list = _n.VolumesOn(n);
        var seen = new HashSet<int>();
        long used = 0;
        int kept = 0;
        for (int i = 0; i < list.Count; i++)
        {
            int v = list[i];
            bool holds = _v.State(v) != VolumeState.Lost && (_v.HoldsReplica(v, n) || _v.Target[v] == n);
            if (!holds || !seen.Add(v)) continue;
            used += _v.SizeMiB[v];
            list[kept++] = v;
        }
        list.RemoveRange(kept, list.Count - kept);
        cluster.Network.AddActiveNode();
        _n.ReturnToService(n, used, cluster.Network.IsIsolated(n));
    }

    /// <summary>The restart delay of a crashed node has passed.</summary>
    void IEventHandler.OnEvent(int kind, long arg) => Restart((int)arg);
}
