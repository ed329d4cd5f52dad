namespace Simulator.ControlPlane;

/// <summary>API requests from one zone since the last sample.</summary>
public readonly record struct ApiWindowStats(double Requests, double Errors, double LatencyP99Ms);
