using Simulator.Scenarios;
using System.ComponentModel;
using Simulator.Engine;
using Simulator.Units;

namespace Simulator.Scenarios.Model;

/// <summary>The replication protocol of the storage nodes: failure detection, re-mirroring, software faults.</summary>
public sealed record ReplicationSpec
{
    [Description("How long a write waits for its partner before the partner is declared lost.")]
    [Positive]
    public required Duration DetectTimeout { get; init; }
    public required RetryPolicySpec Retry { get; init; }
    [Description("Keep the space of replicas given up until re-mirroring is over (2011: true).")]
    public bool HoldGivenUpSpace { get; init; } = true;
    [Description("Most speed of one re-mirror copy; copies share the links they cross (the primary network, and node interfaces " +
        "when modelled) max-min fairly, so a copy is slower when they are full.")]
    [Positive]
    [Unscaled("per copy")]
    public required Bandwidth CopyBandwidth { get; init; }
    [Description("The most of a link's capacity re-mirroring copies may use together, after the nodes' own traffic.")]
    [Range("1%", "100%")]
    public Fraction RepairShare { get; init; } = new(1);
    [Description("Time a volume short of a replica waits before it searches for one, each time it starts a search (a grace " +
        "period before re-replicating); 0, the default: at once, as EBS in 2011.")]
    [NonNegative]
    public Duration RepairDelay { get; init; }
    [Description("How repair_delay is drawn: fixed, or exponential with repair_delay as its mean.")]
    public RepairDelayKind RepairDelayDistribution { get; init; } = RepairDelayKind.Fixed;
    [Description("Replication requests a search attempt opens and closes on other nodes.")]
    [NonNegative]
    [Unscaled("per search attempt")]
    public int SearchContacts { get; init; } = 1;
    [Description("Every search attempt also sends a negotiation request to the control plane (2011 protocol).")]
    public bool NegotiatePerAttempt { get; init; } = true;
    public required CrashSpec Crash { get; init; }
}
