namespace Simulator.Experiments;

/// <summary>What an experiment folder holds; each kind has its own final files.</summary>
public enum ExperimentKind
{
    /// <summary>One scenario, N replications: <c>timeseries.csv</c>, <c>summary.csv</c>, plots.</summary>
    Run,
    /// <summary>Several variants of a scenario on the same seeds: headline figures and paired differences.</summary>
    Compare,
    /// <summary>One scenario at several points of its parameters: per-point summaries and figure-vs-parameter plots.</summary>
    Sweep,
}
