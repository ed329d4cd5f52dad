using Simulator.Scenarios;
using Simulator.Engine;

namespace Simulator.Scenarios.Model;

/// <summary>Service time and time-out of one kind of control-plane call.</summary>
public sealed record ApiCallSpec
{
    /// <summary>Time a worker is held serving the call.</summary>
    [Positive]
    public required Duration Service { get; init; }
    /// <summary>Time after which a waiting or hung call fails.</summary>
    [Positive]
    public required Duration Timeout { get; init; }
    /// <summary>Times a caller tries the call again, at once, after it timed out.</summary>
    [Range(0, 100)]
    [Unscaled("per call")]
    public int Retries { get; init; }
}
