namespace Simulator.Scenarios.Model;

/// <summary>How the delay before a volume short of a replica starts searching for one is drawn.</summary>
public enum RepairDelayKind
{
    /// <summary>Always the given delay (a grace period, as HDFS's and Ceph's before they re-replicate).</summary>
    Fixed,
    /// <summary>Exponential with the given delay as its mean: repair at a constant rate, as Markov models of durability assume.</summary>
    Exponential,
}
