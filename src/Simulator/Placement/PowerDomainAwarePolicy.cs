namespace Simulator.Placement;

/// <summary>
/// No two replicas of an item in one power domain: a power domain going dark costs an item at most one replica.
/// How it chooses: see <see cref="DomainSpreadPolicy"/> (level <see cref="DomainLevel.PowerDomain"/>).
/// </summary>
public sealed class PowerDomainAwarePolicy(FailureDomains domains, int replicas) : DomainSpreadPolicy(domains, replicas, DomainLevel.PowerDomain)
{
    public const string KindName = "power_domain_aware";

    public override string Kind => KindName;
}
