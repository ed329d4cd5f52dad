namespace Simulator.Storage;

/// <summary>How a failure event ended by the horizon (the <c>outcome</c> column of <c>failures.csv</c>).</summary>
public enum FailureOutcome : byte
{
    /// <summary>Every volume it made short has its replicas back and is healthy again.</summary>
    Replicated,
    /// <summary>Every volume it made short is settled, but some were given up: lost, of unknown consistency, or restored by hand outside the cluster.</summary>
    GaveUp,
    /// <summary>Some volume it made short is still short of replicas (or unavailable) at the horizon.</summary>
    Open,
}
