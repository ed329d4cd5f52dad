namespace Simulator.Storage;

/// <summary>What a failure event was (the <c>kind</c> column of <c>failures.csv</c>).</summary>
public enum FailureKind : byte
{
    /// <summary>Nodes lost for good with their data (<c>node_failure</c>, <c>node_failures</c>); they never restart.</summary>
    NodeFailure,
    /// <summary>A node crashed and restarts later (the re-mirroring race condition, or a crash asked for directly).</summary>
    NodeCrash,
    /// <summary>Nodes lost power and their network gear: their replicas unreachable until power comes back.</summary>
    PowerLoss,
    /// <summary>A routing change isolated nodes: their replicas unreachable until the network heals.</summary>
    RoutingChange,
    /// <summary>A rack, power domain or zone failed (<c>domain_failure</c>, <c>domain_failures</c>): its nodes cut off
    /// with their data, until the repair (the nodes of the domain that lost their data are a <see cref="NodeFailure"/>).</summary>
    DomainFailure,
    /// <summary>A volume became short of replicas with no failure event in progress (a model path not attributed yet).</summary>
    Other,
}
