namespace Simulator.Storage;

/// <summary>Life of a storage node.</summary>
public enum NodeStatus : byte
{
    Up,
    /// <summary>Crashed by the software fault: its replicas are out of reach.</summary>
    Crashed,
    /// <summary>Back after a crash: its recoverable copies can be read, but it takes no new replicas while failed nodes are not reused.</summary>
    Restarted,
}
