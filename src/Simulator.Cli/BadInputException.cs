namespace Simulator.Cli;

/// <summary>Input the command cannot use; its message is the one line shown to the user, and the exit code is 2.</summary>
internal sealed class BadInputException(string message) : Exception(message);
