using ScottPlot;
using SkiaSharp;

namespace Simulator.Reporting.Plots;

/// <summary>A picture to write as <c>NAME.png</c> and <c>NAME.svg</c>: one plot, or several panels (<see cref="PanelFigure"/>).</summary>
public abstract class Figure(string name)
{
    /// <summary>File name without extension.</summary>
    public string Name { get; } = name;

    /// <summary>The figure's height for a given width: panels may need more room than one plot.</summary>
    public virtual int HeightFor(int widthPx, int defaultHeightPx) => defaultHeightPx;

    /// <summary>Draws the figure on <paramref name="canvas"/>, filling <paramref name="widthPx"/> × <paramref name="heightPx"/>.</summary>
    public abstract void Render(SKCanvas canvas, int widthPx, int heightPx);

    /// <summary>One ScottPlot plot as a figure.</summary>
    public static Figure Of(string name, Plot plot) => new PlotFigure(name, plot);
}

/// <summary>A figure of one plot.</summary>
public sealed class PlotFigure(string name, Plot plot) : Figure(name)
{
    public Plot Plot { get; } = plot;

    public override void Render(SKCanvas canvas, int widthPx, int heightPx)
    {
        // A first render lays the legend out at the final size; an edge legend measured before it can come out
        // shorter than it renders and be cut off at the bottom.
        Plot.GetImage(widthPx, heightPx).Dispose();
        Plot.Render(canvas, widthPx, heightPx);
    }
}

/// <summary>Writes figures as PNG and SVG of the same size.</summary>
public static partial class FigureFiles
{
    /// <summary>Writes each figure as <c>NAME.png</c> and <c>NAME.svg</c> into <paramref name="directory"/> (created if needed); returns the paths, PNG before SVG.</summary>
    public static IReadOnlyList<string> Save(string directory, IEnumerable<Figure> figures,
        int widthPx = PlotStyle.WidthPx, int heightPx = PlotStyle.HeightPx)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var figure in figures)
        {
            int height = figure.HeightFor(widthPx, heightPx);
            string png = Path.Combine(directory, figure.Name + ".png");
            string svg = Path.Combine(directory, figure.Name + ".svg");
            File.WriteAllBytes(png, Png(figure, widthPx, height));
            File.WriteAllText(svg, Svg(figure, widthPx, height), new System.Text.UTF8Encoding(false));
            written.Add(png);
            written.Add(svg);
        }
        return written;
    }

    /// <summary>The figure as PNG bytes.</summary>
    public static byte[] Png(Figure figure, int widthPx, int heightPx)
    {
        var info = new SKImageInfo(widthPx, heightPx, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.White);
        figure.Render(surface.Canvas, widthPx, heightPx);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The figure as SVG text, its clip ids numbered by first appearance (<see cref="RenumberClipIds"/>).</summary>
    public static string Svg(Figure figure, int widthPx, int heightPx)
    {
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(widthPx, heightPx), stream))
            figure.Render(canvas, widthPx, heightPx);
        return RenumberClipIds(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
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
