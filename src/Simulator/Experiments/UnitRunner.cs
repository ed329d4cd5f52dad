namespace Simulator.Experiments;

/// <summary>
/// Runs one unit: one replication of a scenario, the one <see cref="RunOptions.Replication"/> names. A stop request
/// (<paramref name="cancellation"/>) abandons it, building the model or running it, with an <see cref="OperationCanceledException"/>.
/// </summary>
public delegate RunResult UnitRunner(LoadedScenario scenario, RunOptions options, IProgress<RunProgress> progress,
    CancellationToken cancellation);
