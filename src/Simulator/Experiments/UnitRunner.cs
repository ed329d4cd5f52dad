namespace Simulator.Experiments;

/// <summary>Runs one unit: a scenario with options whose <see cref="RunOptions.OnlyReplications"/> names its replication.</summary>
public delegate RunResult UnitRunner(LoadedScenario scenario, RunOptions options, IProgress<RunProgress> progress);
