namespace Simulator.Experiments;

/// <summary>Reads a scenario with overrides (<see cref="ScenarioRunner.Load"/>, or a stand-in in tests); throws <see cref="Scenarios.ScenarioException"/>.</summary>
public delegate LoadedScenario ScenarioLoader(string path, IReadOnlyList<string> overrides);
