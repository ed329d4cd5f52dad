using ScottPlot;
using Simulator.Experiments;

namespace Simulator.Reporting.Plots;

/// <summary>Renders every plot a run has data for, as PNG and SVG of the same size.</summary>
public static class RunPlots
{
    /// <summary>The plots the run has data for, by file name without extension, in a fixed order.</summary>
    public static IReadOnlyList<(string Name, Plot Plot)> Build(RunResult result)
    {
        var builders = new (string Name, Func<RunResult, Plot?> Build)[]
        {
            (OutageCurvePlot.Name, OutageCurvePlot.Build),
            (ApiErrorsPlot.Name, ApiErrorsPlot.Build),
            (CapacityPlot.Name, CapacityPlot.Build),
            (NetworkPlot.Name, NetworkPlot.Build),
        };
        var plots = new List<(string, Plot)>();
        foreach (var (name, build) in builders)
            if (build(result) is { } plot) plots.Add((name, plot));
        return plots;
    }

    /// <summary>
    /// Writes <c>NAME.png</c> and <c>NAME.svg</c> into <paramref name="directory"/> (created if needed) for every
    /// plot the run has data for; returns the paths written, PNG before SVG.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, RunResult result,
        int widthPx = PlotStyle.WidthPx, int heightPx = PlotStyle.HeightPx) =>
        Save(directory, Build(result), widthPx, heightPx);

    /// <summary>Writes each plot as <c>NAME.png</c> and <c>NAME.svg</c> into <paramref name="directory"/> (created if needed); returns the paths, PNG before SVG.</summary>
    public static IReadOnlyList<string> Save(string directory, IReadOnlyList<(string Name, Plot Plot)> plots,
        int widthPx = PlotStyle.WidthPx, int heightPx = PlotStyle.HeightPx)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (name, plot) in plots)
        {
            string png = Path.Combine(directory, name + ".png");
            string svg = Path.Combine(directory, name + ".svg");
            // A first render lays the legend out at the final size; an edge legend measured before it can come out
            // shorter than it renders and be cut off at the bottom.
            plot.GetImage(widthPx, heightPx).Dispose();
            plot.SavePng(png, widthPx, heightPx);
            plot.SaveSvg(svg, widthPx, heightPx);
            written.Add(png);
            written.Add(svg);
        }
        return written;
    }
}
