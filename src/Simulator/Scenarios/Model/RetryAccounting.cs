namespace Simulator.Scenarios.Model;

/// <summary>How the retries of volumes that cannot find space are simulated.</summary>
public enum RetryAccounting
{
    /// <summary>Futile retries cost no event: their load is a rate, and waiters wake when space appears.</summary>
    Aggregated,
    /// <summary>Every retry attempt is an event (slow; the reference the aggregated mode is tested against).</summary>
    Exact,
}
