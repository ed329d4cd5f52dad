using System.ComponentModel;
using Simulator.Scenarios;

namespace Simulator.Durability;

/// <summary>
/// The root of a durability scenario file: a name, a seed, and a <c>durability:</c> block. <c>replsim run</c>,
/// <c>compare</c> and <c>sweep</c> recognise such a file by that block and run the durability analysis on it; like any
/// scenario it may <c>extends:</c> another and take <c>set:</c> and <c>--set</c> overrides.
/// </summary>
public sealed record DurabilityScenario
{
    /// <summary>The top-level key that makes a scenario file a durability one.</summary>
    public const string BlockKey = "durability";

    [Description("Short name; names the results folder.")]
    [NotEmpty]
    public required string Name { get; init; }
    [Description("What the scenario is and where its numbers come from.")]
    public string? Description { get; init; }
    [Description("Default run seed (the command line's --seed wins).")]
    public long Seed { get; init; } = 1;
    [Description("The analysis: kind simultaneous or mttdl, and its parameters.")]
    public required DurabilitySpec Durability { get; init; }
}
