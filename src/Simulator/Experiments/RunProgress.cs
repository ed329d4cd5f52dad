namespace Simulator.Experiments;

/// <summary>Where a running replication is: for progress bars.</summary>
public readonly record struct RunProgress(double SimulatedHours, double HorizonHours, long EventsProcessed);
