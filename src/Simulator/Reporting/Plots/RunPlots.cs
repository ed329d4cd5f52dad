using ScottPlot;
using Simulator.Experiments;

namespace Simulator.Reporting.Plots;

/// <summary>Renders every plot a run has data for, as PNG and SVG of the same size.</summary>
public static partial class RunPlots
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
            (ReplicationPlots.LagName, ReplicationPlots.BuildLag),
            (ReplicationPlots.FailoverName, ReplicationPlots.BuildFailover),
        };
        // Each plot's data are computed on its own core; the list keeps the fixed order.
        return [.. builders.AsParallel().AsOrdered().Select(b => (b.Name, Plot: b.Build(result)))
            .Where(p => p.Plot is not null).Select(p => (p.Name, p.Plot!))];
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
            File.WriteAllText(svg, RenumberClipIds(plot.GetSvgXml(widthPx, heightPx)), new System.Text.UTF8Encoding(false));
            written.Add(png);
            written.Add(svg);
        }
        return written;
    }

    /// <summary>
    /// The renderer names clip paths from a counter shared by the whole process (<c>cl_4</c>, <c>cl_1a</c>…), so the
    /// same plot would get other names after other plots were drawn; numbering them by first appearance in each file
    /// makes an SVG's bytes a function of the plot alone.
    /// </summary>
    internal static string RenumberClipIds(string svg)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!names.TryGetValue(m.Value, out var name))
            {
                name = "clip" + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                names.Add(m.Value, name);
            }
            return name;
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bcl_[0-9a-f]+\b")]
    private static partial System.Text.RegularExpressions.Regex ClipId();
}
