namespace Simulator.Experiments;

/// <summary>An experiment that cannot start, resume or merge; the message is the one line shown to the user.</summary>
public sealed class ExperimentException(string message) : Exception(message);
