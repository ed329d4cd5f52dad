using Simulator.Engine;
using Simulator.Experiments;
using Simulator.Tests.Replay;

namespace Simulator.Tests.ExperimentLayer;

/// <summary>The 2011 replay made tiny (scale 0.02, 6 h, 10-minute samples): a unit runs in a fraction of a second.</summary>
internal static class TinyExperiments
{
    public const double Scale = 0.02;
    public static readonly string Replay = RepositoryPaths.Scenario("aws-2011-us-east-1.yaml");
    public static readonly string RaceFixed = RepositoryPaths.Scenario("what-if/race-fixed.yaml");
    /// <summary>The replay with the reactive playbook: what the April what-ifs extend.</summary>
    public static readonly string ReactiveReplay = RepositoryPaths.Scenario("what-if/playbook-reactive.yaml");
    public const string FreeCapacityPath = "topology.regions[0].zones[0].clusters[0].free_capacity";

    /// <summary>The command-line flags of the same settings.</summary>
    public static readonly string[] Flags = ["--scale", "0.02", "--set", "horizon=6h", "--sample-interval", "10m"];

    public static ExperimentSettings Settings(int replications, ulong? seed = null) =>
        new(seed, Scale, Duration.FromMinutes(10), replications, ["horizon=6h"]);

    public static LoadedScenario Load(string path, IReadOnlyList<string> overrides) => ScenarioRunner.Load(path, overrides);

    public static RunResult Run(LoadedScenario scenario, RunOptions options, IProgress<RunProgress> progress, CancellationToken cancellation) =>
        ScenarioRunner.Run(scenario, options, progress, cancellation);
}
