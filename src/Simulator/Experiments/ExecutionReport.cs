namespace Simulator.Experiments;

/// <summary>What <see cref="ExperimentExecutor.Run"/> did.</summary>
/// <param name="UnitsDone">Units finished (and handed to the sink).</param>
/// <param name="Stopped">True when a stop request left units unstarted.</param>
/// <param name="WallSeconds">Wall time of the whole execution.</param>
/// <param name="EventsProcessed">Events fired by the finished units.</param>
public sealed record ExecutionReport(int UnitsDone, bool Stopped, double WallSeconds, long EventsProcessed);
