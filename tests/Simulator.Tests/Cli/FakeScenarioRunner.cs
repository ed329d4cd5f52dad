using System.Runtime.CompilerServices;
using Simulator.Cli;
using Simulator.Experiments;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;
using Simulator.Tests.Reporting;

namespace Simulator.Tests.Cli;

/// <summary>Stands in for the simulator so the commands can be driven end to end; records what it was given.</summary>
internal sealed class FakeScenarioRunner : IScenarioRunner
{
    public IReadOnlyList<ScenarioError>? LoadErrors { get; init; }
    public Exception? RunFailure { get; init; }
    public IReadOnlyList<ValidationRow> ValidationRows { get; init; } = [];
    public RunOptions? OptionsSeen { get; private set; }
    public IReadOnlyList<string>? OverridesSeen { get; private set; }

    public LoadedScenario Load(string path, IReadOnlyList<string> overrides)
    {
        if (LoadErrors is { } errors) throw new ScenarioException(errors);
        OverridesSeen = overrides;
        return new LoadedScenario(NamedScenario("aws-2011-us-east-1"), path, new string('0', 64), overrides);
    }

    public RunResult Run(LoadedScenario scenario, RunOptions options, IProgress<RunProgress> progress)
    {
        OptionsSeen = options;
        if (RunFailure is { } failure) throw failure;
        for (int h = 0; h <= 96; h += 12) progress.Report(new RunProgress(h, 96, h * 10));
        return SyntheticRuns.Storm2011();
    }

    public IReadOnlyList<ValidationRow> Validate(LoadedScenario scenario, RunResult result) => ValidationRows;

    /// <summary>
    /// A scenario model with only its name set: the commands read nothing else, and a fake must not have to build
    /// a whole topology. A record's <c>with</c> copies without demanding its required members.
    /// </summary>
    private static Scenario NamedScenario(string name) =>
        ((Scenario)RuntimeHelpers.GetUninitializedObject(typeof(Scenario))) with { Name = name };
}
