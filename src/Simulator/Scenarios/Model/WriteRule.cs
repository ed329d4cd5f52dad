namespace Simulator.Scenarios.Model;

/// <summary>When a volume serves writes.</summary>
public enum WriteRule
{
    /// <summary>Every replica acknowledges a write; a volume that lost one stops I/O while it searches for a replacement and serves again once the copy starts (EBS in 2011: blocking re-mirroring).</summary>
    All,
    /// <summary>A majority of replicas acknowledges a write; a volume serves while a majority is reachable and re-replicates in the background.</summary>
    Majority,
}
