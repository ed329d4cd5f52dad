namespace Simulator.Storage;

/// <summary>Per-volume facts beside the state.</summary>
[Flags]
public enum VolumeFlags : byte
{
    None = 0,
    /// <summary>Stuck with no reachable up-to-date copy (its copy is on a crashed node, or both replicas are isolated).</summary>
    Unavailable = 1,
    /// <summary>Has been stuck at least once.</summary>
    EverStuck = 2,
    /// <summary>Has been made stuck by a node crash at least once.</summary>
    StuckByCrash = 4,
    /// <summary>Has been made stuck by a network interruption at least once.</summary>
    StuckByNetwork = 8,
    /// <summary>Its copy on a crashed node can be recovered when the node restarts.</summary>
    Recoverable = 16,
    /// <summary>Both replicas are on isolated nodes: unreachable until the network heals, nothing to re-mirror.</summary>
    IsolationBlocked = 32,
    /// <summary>A copy to a new replica is in flight (negotiated, not finished).</summary>
    Copying = 64,
    /// <summary>Every replica lost power at once: the consistency of its last writes is unknown.</summary>
    PowerLost = 128,
}
