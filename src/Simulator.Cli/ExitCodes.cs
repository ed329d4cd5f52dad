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
    /// <summary>
    /// The results could not be written: the disk is full, the output folder is read-only, or it was removed while the
    /// experiment ran. The message names the cause; no half-written results folder is left (a folder being resumed is
    /// left as it was, to <c>--resume</c> again).
    /// </summary>
    public const int OutputFailed = 4;
    /// <summary>
    /// Stopped by Ctrl-C or SIGTERM (128 + SIGINT), at whatever stage: the units in flight are abandoned; the folder is kept,
    /// marked incomplete, to <c>--resume</c> when at least one unit was done, and nothing is written otherwise.
    /// </summary>
    public const int Interrupted = 130;
}
