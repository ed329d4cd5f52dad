using Simulator.Experiments;

namespace Simulator.Reporting;

/// <summary>One headline figure at one sweep point, across its replications.</summary>
public sealed record PointFigure(PlanPoint Point, FigureDefinition Figure, SummaryStatistics Values);
