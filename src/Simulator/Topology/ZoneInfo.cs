namespace Simulator.Topology;

/// <summary>A zone of the simulated topology, with its region.</summary>
/// <param name="Index">Position among all zones of the scenario.</param>
public sealed record ZoneInfo(int Index, string Name, string Region);
