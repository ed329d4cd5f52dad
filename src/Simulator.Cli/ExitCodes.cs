namespace Simulator.Cli;

/// <summary>What <c>replsim</c> returns to the shell.</summary>
public static class ExitCodes
{
    /// <summary>Done; for <c>validate</c>, every figure within tolerance.</summary>
    public const int Ok = 0;
    /// <summary><c>validate</c> ran, and at least one figure is outside its tolerance.</summary>
    public const int ValidationFailed = 1;
    /// <summary><c>swarm</c> (or <c>swarm --replay</c>): a run broke an invariant; its scenario and the command that reproduces it are printed.</summary>
    public const int ViolationFound = 1;
    /// <summary>The input is wrong: an option value, a missing or invalid scenario. Nothing was written.</summary>
    public const int BadInput = 2;
    /// <summary>A bug: an unexpected exception, printed with its stack.</summary>
    public const int InternalError = 3;
    /// <summary>Stopped by Ctrl-C after the units in flight: the folder is kept, marked incomplete, to <c>--resume</c> (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
