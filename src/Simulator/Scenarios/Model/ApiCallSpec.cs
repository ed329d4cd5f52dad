using Simulator.Engine;

namespace Simulator.Scenarios.Model;

/// <summary>Service time and time-out of one kind of control-plane call.</summary>
public sealed record ApiCallSpec
{
    /// <summary>Time a worker is held serving the call.</summary>
    public required Duration Service { get; init; }
    /// <summary>Time after which a waiting or hung call fails.</summary>
    public required Duration Timeout { get; init; }
    /// <summary>Times a caller tries the call again, at once, after it timed out.</summary>
    public int Retries { get; init; }
}
