namespace Simulator.CrossRegion;

/// <summary>
/// What one interruption of a replicated volume cost: from the moment it stopped serving at home (<see cref="AtS"/>)
/// to the moment it served again (<see cref="RtoS"/> later), by promotion of its remote copy
/// (<see cref="FailedOver"/>) or by its recovery at home, whichever came first. A failover loses the writes the remote
/// copy lacked when the volume stopped: <see cref="RpoS"/> seconds of them, <see cref="RpoBytes"/> bytes; a recovery at
/// home loses none (both 0).
/// </summary>
public readonly record struct FailoverOutcome(int Class, int Volume, double AtS, double RtoS, bool FailedOver, double RpoS, double RpoBytes);
