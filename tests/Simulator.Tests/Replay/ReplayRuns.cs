using Simulator.Experiments;
using Simulator.Metrics;

namespace Simulator.Tests.Replay;

/// <summary>Runs of the shipped scenarios, cached so that several tests can read one run.</summary>
internal static class ReplayRuns
{
    private static readonly Dictionary<(string, double), (LoadedScenario, RunResult)> Cache = [];
    private static readonly Lock Gate = new();

    public static (LoadedScenario Scenario, RunResult Result) Get(string relativePath, double scale)
    {
        lock (Gate)
        {
            if (Cache.TryGetValue((relativePath, scale), out var hit)) return hit;
            var scenario = ScenarioRunner.Load(RepositoryPaths.Scenario(relativePath));
            var result = ScenarioRunner.Run(scenario, new RunOptions((ulong)scenario.Model.Seed, scale));
            Cache[(relativePath, scale)] = (scenario, result);
            return (scenario, result);
        }
    }

    public static IEnumerable<TimeSeriesRow> Series(this RunResult result, string scope, string metric) =>
        result.Series.Where(r => r.Scope == scope && r.Metric == metric);

    public static double Peak(this RunResult result, string scope, string metric) => result.Series(scope, metric).Max(r => r.Value);

    public static double Final(this RunResult result, string scope, string metric) => result.Series(scope, metric).Last().Value;

    public static double PeakBetween(this RunResult result, string scope, string metric, double fromH, double toH) =>
        result.Series(scope, metric).Where(r => r.TimeH >= fromH && r.TimeH <= toH).Max(r => r.Value);
}
