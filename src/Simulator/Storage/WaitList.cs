namespace Simulator.Storage;

/// <summary>The lists (<see cref="VolumeLists"/>) a stuck volume can wait in, without a pending event.</summary>
internal static class WaitList
{
    /// <summary>Searching in vain for space (rate-accounted) or past its retry budget; woken when space appears.</summary>
    public const byte Waiting = 1;
    /// <summary>Searches stopped by operators; released one at a time by the negotiation throttle.</summary>
    public const byte Parked = 2;
    /// <summary>Its only copy is on a crashed node; recovered when the node restarts or by hand.</summary>
    public const byte Unavailable = 3;
    /// <summary>Consistency unknown; handed over as a recovery snapshot by operators.</summary>
    public const byte ConsistencyUnknown = 4;
    /// <summary>How many lists there are.</summary>
    public const int Count = 4;
}
