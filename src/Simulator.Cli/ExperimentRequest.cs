using Simulator.Experiments;

namespace Simulator.Cli;

/// <summary>The options of <c>run</c>, <c>compare</c> and <c>sweep</c> about replications, threads, shards and folders.</summary>
/// <param name="Replications">Replications per variant and point.</param>
/// <param name="Threads">Units computed at once.</param>
/// <param name="Shard">The share of the units to compute.</param>
/// <param name="Folder">Exact folder to write, or null for the default name under <c>--out</c>.</param>
/// <param name="Resume">Folder to finish, or null for a new experiment.</param>
/// <param name="Vary"><c>--vary</c> texts (sweep).</param>
/// <param name="Samples"><c>--samples K</c> (sweep, Latin hypercube), or null for a grid.</param>
internal sealed record ExperimentRequest(int Replications, int Threads, Shard Shard, string? Folder, string? Resume,
    IReadOnlyList<string> Vary, int? Samples);
