using System.ComponentModel;
using Simulator.Scenarios;

namespace Simulator.Faults;

/// <summary>An operator action on one storage cluster.</summary>
public abstract record ClusterActionSpec : OperatorActionSpec
{
    [Description("The cluster acted on.")]
    [NotEmpty]
    public required string Cluster { get; init; }

    public override IEnumerable<(string Field, string Message)> CheckNames(ScenarioNames names)
    {
        if (names.UnknownCluster(Cluster) is { } problem) yield return ("cluster", problem);
    }
}
