using Simulator.Scenarios;

namespace Simulator.Tests.Scenarios;

/// <summary>A union one of whose kinds has a field named like the union's key: a programming error.</summary>
[ScenarioUnion("kind")]
public abstract record TestClashingUnion;
