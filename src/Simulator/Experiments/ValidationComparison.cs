namespace Simulator.Experiments;

/// <summary>How a simulated figure is held against a published one.</summary>
public enum ValidationComparison
{
    /// <summary>|simulated − expected| ≤ tolerance.</summary>
    Within,
    /// <summary>simulated ≥ expected (the published fact is "it happened").</summary>
    AtLeast,
    /// <summary>simulated ≤ expected (the published fact is "it did not happen").</summary>
    AtMost,
}
