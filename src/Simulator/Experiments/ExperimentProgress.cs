namespace Simulator.Experiments;

/// <summary>Where an experiment is, across all its units: for one overall progress bar.</summary>
/// <param name="UnitsDone">Units finished by this process.</param>
/// <param name="UnitsTotal">Units this process has to compute (its share, less those already done).</param>
/// <param name="UnitsRunning">Units in flight.</param>
/// <param name="Fraction">0…1: finished units plus the simulated share of those in flight, over the total.</param>
/// <param name="SimulatedHours">Simulated hours of the running unit when there is one unit in all (else the sum over units).</param>
/// <param name="HorizonHours">Its horizon (else the sum of the horizons of the units reported so far).</param>
/// <param name="EventsProcessed">Events fired so far by all units.</param>
public readonly record struct ExperimentProgress(int UnitsDone, int UnitsTotal, int UnitsRunning, double Fraction,
    double SimulatedHours, double HorizonHours, long EventsProcessed);
