namespace Simulator.Experiments;

/// <summary>How a plan's points were chosen.</summary>
public enum SweepDesignKind
{
    /// <summary>One point, nothing varied (<c>run</c>, <c>compare</c>).</summary>
    None,
    /// <summary>Every combination of the varied values, the first <c>--vary</c> slowest.</summary>
    Grid,
    /// <summary><c>--samples K</c> points, each parameter's range cut into K strata with one sample in each.</summary>
    LatinHypercube,
}
