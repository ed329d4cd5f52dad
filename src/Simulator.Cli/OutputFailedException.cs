namespace Simulator.Cli;

/// <summary>The results could not be written (<see cref="ExitCodes.OutputFailed"/>): the message says where and why.</summary>
internal sealed class OutputFailedException(string message, Exception inner) : Exception(message, inner);
