namespace Simulator.Scenarios.Model;

/// <summary>Kinds of faults.</summary>
public enum FaultKind
{
    /// <summary>A set of nodes' traffic is routed onto another network.</summary>
    RoutingChange,
}
