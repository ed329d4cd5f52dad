using System.Runtime.CompilerServices;
using Simulator.Cli;
using Simulator.Experiments;
using Simulator.Metrics;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;
using Simulator.Tests.Reporting;

namespace Simulator.Tests.Cli;

/// <summary>Stands in for the simulator so the commands can be driven end to end; records what it was given.</summary>
internal sealed class FakeScenarioRunner : IScenarioRunner
{
    public IReadOnlyList<ScenarioError>? LoadErrors { get; init; }
    public Exception? RunFailure { get; init; }
    /// <summary>Called as each unit starts, with its options and stop token (to stop, or break the output folder, mid-run).</summary>
    public Action<RunOptions, CancellationToken>? DuringRun { get; init; }
    /// <summary>The scenario's <c>validation:</c> figures, read off <see cref="SyntheticRuns.Storm2011"/>.</summary>
    public IReadOnlyList<ValidationFigureSpec> Figures { get; init; } = [];
    public RunOptions? OptionsSeen { get; private set; }
    public IReadOnlyList<string>? OverridesSeen { get; private set; }

    public LoadedScenario Load(string path, IReadOnlyList<string> overrides)
    {
        if (LoadErrors is { } errors) throw new ScenarioException(errors);
        OverridesSeen = overrides;
        return new LoadedScenario(NamedScenario("aws-2011-us-east-1") with { Validation = Figures }, path, new string('0', 64), overrides);
    }

    public RunResult Run(LoadedScenario scenario, RunOptions options, IProgress<RunProgress> progress, CancellationToken cancellation)
    {
        OptionsSeen = options;
        DuringRun?.Invoke(options, cancellation);
        cancellation.ThrowIfCancellationRequested();
        if (RunFailure is { } failure) throw failure;
        for (int h = 0; h <= 96; h += 12) progress.Report(new RunProgress(h, 96, h * 10));
        return SyntheticRuns.Storm2011(first: options.Replication);
    }

    /// <summary>The peak of the synthetic stuck curve in <c>zone:us-east-1a</c>: 13.6 % in replication 0, then +0.65 each.</summary>
    public static ValidationFigureSpec StuckPeak(double expected, double tolerance) => new()
    {
        Figure = "stuck volumes, peak",
        Source = "AWS summary",
        Metric = MetricCatalog.VolumesStuckPct.Name,
        Scope = SyntheticRuns.Zone,
        Stat = ValidationStat.Peak,
        Expected = expected,
        Tolerance = tolerance,
    };

    /// <summary>The final lost share of the synthetic run: 0.0694 % in every replication.</summary>
    public static ValidationFigureSpec LostFinal(double expected, double tolerance) => new()
    {
        Figure = "lost volumes",
        Source = "AWS summary",
        Metric = MetricCatalog.VolumesLostPct.Name,
        Scope = SyntheticRuns.Zone,
        Stat = ValidationStat.Final,
        Expected = expected,
        Tolerance = tolerance,
    };

    /// <summary>
    /// A scenario model with only its name set: the commands read nothing else, and a fake must not have to build
    /// a whole topology. A record's <c>with</c> copies without demanding its required members.
    /// </summary>
    private static Scenario NamedScenario(string name) =>
        ((Scenario)RuntimeHelpers.GetUninitializedObject(typeof(Scenario))) with { Name = name };
}
