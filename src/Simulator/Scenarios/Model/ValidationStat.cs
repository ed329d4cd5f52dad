namespace Simulator.Scenarios.Model;

/// <summary>Which value of a metric's series a figure is compared with.</summary>
public enum ValidationStat
{
    /// <summary>The sample at (or just before) `at`.</summary>
    At,
    /// <summary>The largest sample.</summary>
    Peak,
    /// <summary>The last sample.</summary>
    Final,
    /// <summary>The largest sample in [from, to].</summary>
    MaxBetween,
    /// <summary>The smallest sample in [from, to].</summary>
    MinBetween,
    /// <summary>The time, in hours, of the first sample in [from, to] at or above `threshold`; `to` when none is
    /// (a window that never opens counts as opening at the end: censored, never missing).</summary>
    Onset,
}
