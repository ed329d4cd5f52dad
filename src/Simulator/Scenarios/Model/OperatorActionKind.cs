namespace Simulator.Scenarios.Model;

/// <summary>What operators can do.</summary>
public enum OperatorActionKind
{
    /// <summary>Refuse an API's requests from a zone at the front door.</summary>
    DisableApi,
    /// <summary>Accept them again.</summary>
    EnableApi,
    /// <summary>Cut a cluster's communication with the control plane, gradually over `over`.</summary>
    CutControlPlane,
    /// <summary>Stop the cluster's nodes from searching for space; waiting volumes stay stuck without load.</summary>
    StopFutileSearch,
    /// <summary>Add `nodes` empty nodes, `batches` times, every `every`.</summary>
    AddCapacity,
    /// <summary>Let stuck volumes negotiate again, at most `rate` per unit of time.</summary>
    EnableNegotiation,
    /// <summary>Restore stuck volumes whose copy sits on a crashed node by hand, at `rate`.</summary>
    ManualRestore,
}
