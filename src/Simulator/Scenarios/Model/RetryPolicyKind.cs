namespace Simulator.Scenarios.Model;

/// <summary>Retry policies (the jitter variants as in the AWS Architecture Blog "Exponential Backoff and Jitter", 2015).</summary>
public enum RetryPolicyKind
{
    /// <summary>Always the same interval (the 2011 behaviour).</summary>
    Fixed,
    /// <summary>interval × multiplier^attempt, capped.</summary>
    Exponential,
    /// <summary>uniform(0, capped exponential).</summary>
    FullJitter,
    /// <summary>half the capped exponential + uniform(0, half).</summary>
    EqualJitter,
    /// <summary>min(cap, uniform(base, previous × 3)).</summary>
    DecorrelatedJitter,
}
