namespace Simulator.Storage;

/// <summary>
/// The state of a volume. <see cref="Stuck"/> means no I/O: searching for space or negotiating, or with no
/// reachable up-to-date copy at all (then the volume is also flagged unavailable). <see cref="Lost"/> is final.
/// </summary>
public enum VolumeState : byte
{
    Healthy,
    /// <summary>Re-mirroring: copying to a new replica, still serving I/O.</summary>
    Degraded,
    /// <summary>I/O blocked.</summary>
    Stuck,
    /// <summary>No consistent copy exists anywhere; never leaves this state.</summary>
    Lost,
    /// <summary>
    /// Every replica lost power during writes: whether the last writes are on them cannot be verified, so the volume
    /// does not serve again but waits to be handed over as a recovery snapshot (I/O blocked).
    /// </summary>
    ConsistencyUnknown,
}
