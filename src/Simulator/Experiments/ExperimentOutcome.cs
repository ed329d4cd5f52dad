using Simulator.Reporting;

namespace Simulator.Experiments;

/// <summary>What an experiment command left behind.</summary>
/// <param name="Folder">The folder written (or resumed).</param>
/// <param name="State">Its manifest's experiment block.</param>
/// <param name="Results">The final files and figures, when the folder is complete and whole; null for shards and interrupted folders.</param>
/// <param name="WallSeconds">Wall time of the units this process computed; null for a merge, which computes none.</param>
public sealed record ExperimentOutcome(string Folder, ExperimentState State, ExperimentResults? Results, double? WallSeconds);
