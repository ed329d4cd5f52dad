using Simulator.Scenarios;
using System.ComponentModel;
using Simulator.Engine;

namespace Simulator.Scenarios.Model;

/// <summary>When a failed search for space is tried again.</summary>
public sealed record RetryPolicySpec
{
    public RetryPolicyKind Policy { get; init; } = RetryPolicyKind.Fixed;
    [Description("The interval (fixed) or the first interval (the backoff policies).")]
    [Positive]
    public required Duration Interval { get; init; }
    [Description("Cap of the backoff interval.")]
    [Positive]
    public Duration MaxInterval { get; init; } = Duration.FromMinutes(5);
    [Description("Growth of the interval per failed attempt (backoff policies).")]
    [Range(1, 100)]
    public double Multiplier { get; init; } = 2;
    [Description("Failed attempts after which a volume stops retrying and waits to be woken when space appears; none = never.")]
    [Positive]
    [Unscaled("per volume")]
    public int? Budget { get; init; }
}
