namespace Simulator.Experiments;

/// <summary>Whether a folder has every unit of its share.</summary>
public enum ExperimentStatus
{
    /// <summary>Every unit of its share is done (a whole plan: the final files are written).</summary>
    Complete,
    /// <summary>Stopped early (Ctrl-C): finish it with <c>--resume</c>.</summary>
    Incomplete,
}
