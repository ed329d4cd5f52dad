namespace Simulator.Experiments;

/// <summary>Runs one unit: one replication of a scenario, the one <see cref="RunOptions.Replication"/> names.</summary>
public delegate RunResult UnitRunner(LoadedScenario scenario, RunOptions options, IProgress<RunProgress> progress);
