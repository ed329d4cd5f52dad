using Simulator.Engine;

namespace Simulator.Storage;

/// <summary>
/// One failure event of a replication as it stands at the horizon: a node failure, a crash, a power loss or a routing
/// change that made at least one fully replicated volume short of replicas or unavailable, and what became of those
/// volumes. One row of <c>failures.csv</c>.
/// </summary>
/// <param name="Event">0-based index of the event in the replication, in time order (clusters in the scenario's order at one instant).</param>
/// <param name="At">Time of the event since time 0.</param>
/// <param name="Zone">Zone of the cluster.</param>
/// <param name="Cluster">The cluster hit.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Source">What caused it: the scenario entry (<c>faults[2]</c>), <c>race_condition</c> for crashes of the
/// re-mirroring race, empty when asked for directly.</param>
/// <param name="Nodes">Nodes the event took: failed, crashed, or made unreachable.</param>
/// <param name="VolumesMadeShort">Volumes that were fully replicated and healthy, and that the event made short of a
/// replica or unavailable; volumes already short when it hit are not counted (they stay with the event that made them short).</param>
/// <param name="VolumesUnavailable">Of those, the ones left with no reachable copy at once.</param>
/// <param name="VolumesReplicated">Of those, the ones with all their replicas back and healthy by the horizon.</param>
/// <param name="VolumesLost">Of those, the ones lost for good.</param>
/// <param name="VolumesConsistencyUnknown">Of those, the ones whose every replica lost power and that wait for a recovery snapshot.</param>
/// <param name="VolumesRestoredByHand">Of those, the ones operators restored by hand outside the cluster.</param>
/// <param name="VolumesShortAtHorizon">Of those, the ones still short of replicas or unavailable at the horizon.</param>
/// <param name="TimeToFullReplication">From the event until the last of its volumes that got all their replicas back
/// got them; null while any of its volumes is still short at the horizon, or when none got its replicas back.</param>
/// <param name="SettledAfter">From the event until the last of its volumes was fully replicated again or given up
/// (lost, consistency unknown, restored by hand); null while any is still short at the horizon.</param>
public sealed record FailureRecord(int Event, Duration At, string Zone, string Cluster, FailureKind Kind, string Source, int Nodes,
    int VolumesMadeShort, int VolumesUnavailable, int VolumesReplicated, int VolumesLost, int VolumesConsistencyUnknown,
    int VolumesRestoredByHand, int VolumesShortAtHorizon, Duration? TimeToFullReplication, Duration? SettledAfter)
{
    /// <summary>Replicated when every volume got its replicas back, gave up when some were given up, open while some are still short.</summary>
    public FailureOutcome Outcome =>
        VolumesShortAtHorizon > 0 ? FailureOutcome.Open
        : VolumesReplicated == VolumesMadeShort ? FailureOutcome.Replicated
        : FailureOutcome.GaveUp;
}
