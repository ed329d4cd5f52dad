using Simulator.Experiments;

namespace Simulator.Cli;

/// <summary>What <c>run</c>, <c>validate</c>, <c>compare</c> or <c>sweep</c> was asked to do, parsed and checked.</summary>
/// <param name="ScenarioPaths">The scenario files as given (none with <c>--resume</c>).</param>
/// <param name="OutputRoot">Root folder of run folders (<c>--out</c>).</param>
/// <param name="Settings">Seed, scale, sampling interval, replications and <c>--set</c> overrides of a new experiment.</param>
internal sealed record ExperimentRequest(IReadOnlyList<string> ScenarioPaths, string OutputRoot, ExperimentSettings Settings)
{
    /// <summary>The first scenario file.</summary>
    public string ScenarioPath => ScenarioPaths[0];
    /// <summary>Units computed at once.</summary>
    public int Threads { get; init; } = 1;
    /// <summary>The share of the units to compute.</summary>
    public Shard Shard { get; init; } = Shard.All;
    /// <summary>Exact folder to write, or null for the default name under <see cref="OutputRoot"/>.</summary>
    public string? Folder { get; init; }
    /// <summary>Folder to finish, or null for a new experiment.</summary>
    public string? Resume { get; init; }
    /// <summary><c>--report</c>: write <c>report.html</c> into a complete folder at the end.</summary>
    public bool Report { get; init; }
    /// <summary><c>--vary</c> texts (sweep).</summary>
    public IReadOnlyList<string> Vary { get; init; } = [];
    /// <summary><c>--samples K</c> (sweep, Latin hypercube), or null for a grid.</summary>
    public int? Samples { get; init; }
}
