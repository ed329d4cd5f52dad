using System.ComponentModel;
using Simulator.Engine;

namespace Simulator.Scenarios.Model;

/// <summary>When a replicated volume's remote copy is promoted.</summary>
public sealed record FailoverSpec
{
    [Description("Promote automatically when the volume has not served at home for detect_after; false: only on an operator's fail_over.")]
    public bool Automatic { get; init; } = true;
    [Description("How long a volume must have stopped serving at home before its failover starts.")]
    [NonNegative]
    public Duration DetectAfter { get; init; } = Duration.FromMinutes(5);
    [Description("Time from the decision to the remote copy serving.")]
    [NonNegative]
    public Duration Promotion { get; init; } = Duration.FromMinutes(2);
}
