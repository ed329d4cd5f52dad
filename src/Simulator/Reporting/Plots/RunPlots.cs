using ScottPlot;
using Simulator.Experiments;

namespace Simulator.Reporting.Plots;

/// <summary>Renders every plot a run has data for, as PNG and SVG of the same size.</summary>
public static class RunPlots
{
    /// <summary>The figures the run has data for, in a fixed order.</summary>
    public static IReadOnlyList<Figure> Build(RunResult result)
    {
        var builders = new Func<RunResult, Figure?>[]
        {
            OutageCurvePlot.Build,
            MechanismPlot.Build,
            ApiErrorsPlot.Build,
            CapacityPlot.Build,
            NetworkPlot.Build,
            ReplicationPlots.BuildLag,
            ReplicationPlots.BuildFailover,
        };
        // Each figure's data are computed on its own core; the list keeps the fixed order.
        return [.. builders.AsParallel().AsOrdered().Select(build => build(result)).Where(f => f is not null).Select(f => f!)];
    }

    /// <summary>
    /// Writes <c>NAME.png</c> and <c>NAME.svg</c> into <paramref name="directory"/> (created if needed) for every
    /// figure the run has data for; returns the paths written, PNG before SVG.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, RunResult result,
        int widthPx = PlotStyle.WidthPx, int heightPx = PlotStyle.HeightPx) =>
        FigureFiles.Save(directory, Build(result), widthPx, heightPx);

    /// <summary>Writes each plot as <c>NAME.png</c> and <c>NAME.svg</c> into <paramref name="directory"/> (created if needed); returns the paths, PNG before SVG.</summary>
    public static IReadOnlyList<string> Save(string directory, IReadOnlyList<(string Name, Plot Plot)> plots,
        int widthPx = PlotStyle.WidthPx, int heightPx = PlotStyle.HeightPx) =>
        FigureFiles.Save(directory, plots.Select(p => Figure.Of(p.Name, p.Plot)), widthPx, heightPx);
}
