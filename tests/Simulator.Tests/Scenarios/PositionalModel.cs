namespace Simulator.Tests.Scenarios;

/// <summary>Breaks the model conventions: a positional record has no parameterless constructor.</summary>
public sealed record PositionalModel(string Name);
