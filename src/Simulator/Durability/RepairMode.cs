namespace Simulator.Durability;

/// <summary>How missing chunks of a stripe are rebuilt.</summary>
public enum RepairMode
{
    /// <summary>One repair at a time: rate μ while any chunk is missing.</summary>
    Serial,
    /// <summary>Every missing chunk is rebuilt at once: rate jμ with j chunks missing.</summary>
    Parallel,
}
