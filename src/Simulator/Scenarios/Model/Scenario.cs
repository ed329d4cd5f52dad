using System.ComponentModel;
using Simulator.Engine;

namespace Simulator.Scenarios.Model;

/// <summary>The root of a scenario file.</summary>
public sealed record Scenario
{
    [Description("Short name; names the results folder.")]
    public required string Name { get; init; }
    [Description("What the scenario is and where its numbers come from.")]
    public string? Description { get; init; }
    [Description("The real instant time 0 stands for (ISO 8601), used only to label plots.")]
    public DateTimeOffset? Start { get; init; }
    [Description("Simulated time to run, e.g. 96h.")]
    public required Duration Horizon { get; init; }
    [Description("Time between two samples of the time series.")]
    public Duration SampleInterval { get; init; } = Duration.FromMinutes(1);
    [Description("Default run seed (the command line's --seed wins).")]
    public long Seed { get; init; } = 1;
    [Description("exact: every retry is an event; aggregated: futile retries are accounted as rates (see README).")]
    public RetryAccounting RetryAccounting { get; init; } = RetryAccounting.Aggregated;
    public required TopologySpec Topology { get; init; }
    public required ReplicationSpec Replication { get; init; }
    public required ControlPlaneSpec ControlPlane { get; init; }
    public DatabasesSpec? Databases { get; init; }
    [Description("Faults that hit the system (the misapplied routing change).")]
    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];
    [Description("Operator actions, in any order.")]
    public IReadOnlyList<OperatorActionSpec> Operators { get; init; } = [];
    [Description("Published figures the run is checked against by `replsim validate`.")]
    public IReadOnlyList<ValidationFigureSpec> Validation { get; init; } = [];
}
