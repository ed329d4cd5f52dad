using System.ComponentModel;
using Simulator.Scenarios;

namespace Simulator.Faults;

/// <summary>A fault that hits one storage cluster.</summary>
public abstract record ClusterFaultSpec : FaultSpec
{
    [Description("The cluster the fault hits.")]
    [NotEmpty]
    public required string Cluster { get; init; }

    public override IEnumerable<(string Field, string Message)> CheckNames(ScenarioNames names)
    {
        if (names.UnknownCluster(Cluster) is { } problem) yield return ("cluster", problem);
    }
}
