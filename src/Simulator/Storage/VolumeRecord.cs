using Simulator.Engine;

namespace Simulator.Storage;

/// <summary>
/// One volume that is not healthy at one instant, as <c>volumes.csv</c> prints it: what state it is in, why, since
/// when, and where its replicas are (<see cref="VolumeSnapshot"/>).
/// </summary>
/// <param name="At">The instant of the snapshot.</param>
/// <param name="Zone">The cluster's home zone.</param>
/// <param name="Cluster">The cluster.</param>
/// <param name="Volume">The volume's index in its cluster, from 0.</param>
/// <param name="SizeMiB">Its size.</param>
/// <param name="State">Degraded, stuck, lost or of unknown consistency (healthy volumes are left out).</param>
/// <param name="Cause">Why it is in that state now (<see cref="VolumeSnapshot.CauseOf"/>).</param>
/// <param name="Recoverable">For a volume whose only copy is on a crashed node: whether that copy can be read again; null otherwise.</param>
/// <param name="Since">When it entered <paramref name="State"/>.</param>
/// <param name="Replicas">Replicas it has now.</param>
/// <param name="ReplicasWanted">Replicas a healthy volume of its cluster has.</param>
/// <param name="ReplicaNodes">The nodes of its replicas, the serving one first.</param>
/// <param name="ReplicaNodeStates">Each of those nodes' condition: up, isolated, dark, crashed or restarted.</param>
/// <param name="ReplicaRacks">Each of those nodes' rack (cluster-wide index).</param>
/// <param name="ReplicaZones">Each of those nodes' zone.</param>
/// <param name="TargetNode">The node it negotiates or copies a new replica to; −1 when none.</param>
/// <param name="FailedAttempts">Failed search attempts since it last started searching.</param>
/// <param name="LocalEvent">The cluster's failure event it is the damage of (<see cref="FailureLog.EventOf"/>); −1 when none.</param>
public sealed record VolumeRecord(Duration At, string Zone, string Cluster, int Volume, long SizeMiB, VolumeState State, string Cause,
    bool? Recoverable, Duration Since, int Replicas, int ReplicasWanted, int[] ReplicaNodes, string[] ReplicaNodeStates, int[] ReplicaRacks,
    string[] ReplicaZones, int TargetNode, int FailedAttempts, int LocalEvent)
{
    /// <summary>The event's number in the replication's <c>failures.csv</c>; −1 when none (set once the run is over).</summary>
    public int FailureEvent { get; init; } = -1;
}
