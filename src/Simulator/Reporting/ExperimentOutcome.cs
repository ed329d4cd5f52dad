using Simulator.Experiments;

namespace Simulator.Reporting;

/// <summary>What an experiment command left behind.</summary>
/// <param name="Folder">The folder written (or resumed).</param>
/// <param name="State">Its manifest's experiment block.</param>
/// <param name="Results">The final files and figures, when the folder is complete and whole; null for shards and interrupted folders.</param>
/// <param name="Execution">What this process computed; null for a merge.</param>
public sealed record ExperimentOutcome(string Folder, ExperimentState State, ExperimentResults? Results, ExecutionReport? Execution);
