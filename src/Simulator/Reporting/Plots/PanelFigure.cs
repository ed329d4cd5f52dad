using ScottPlot;
using SkiaSharp;

namespace Simulator.Reporting.Plots;

/// <summary>
/// Panels stacked over one time axis: a title and a subtitle above, the panels (each a ScottPlot plot, its data area
/// aligned with the others'), and a key of the numbered timeline markers below in as many columns as fit.
/// </summary>
public sealed class PanelFigure : Figure
{
    /// <summary>One panel and its share of the height.</summary>
    public sealed record Panel(Plot Plot, double Weight);

    /// <summary>One line of the key: the marker's number (its badge) and the text after it.</summary>
    public sealed record KeyItem(string Badge, string Text, Color BadgeColor);

    private const float TitleSize = 20, SubtitleSize = 14, KeySize = 13, Margin = 12;
    private const float LeftPad = 90, RightPad = 90, TopPad = 8, InnerBottomPad = 12, BottomPad = 60;

    /// <summary>Height of one panel beyond the first, pixels, at the default width.</summary>
    private const int ExtraPanelPx = 170;

    public string Title { get; }
    public string? Subtitle { get; }
    public IReadOnlyList<Panel> Panels { get; }
    public IReadOnlyList<KeyItem> Key { get; }

    public PanelFigure(string name, string title, string? subtitle, IReadOnlyList<Panel> panels, IReadOnlyList<KeyItem> key)
        : base(name)
    {
        if (panels.Count == 0) throw new ArgumentException("a figure needs a panel", nameof(panels));
        (Title, Subtitle, Panels, Key) = (title, subtitle, panels, key);
        // The panels' data areas line up: the same padding on the left and right; tick labels of the time axis only
        // under the bottom panel. One panel keeps ScottPlot's own layout (room for a legend below it).
        for (int i = 0; i < panels.Count; i++)
        {
            var plot = panels[i].Plot;
            plot.RenderManager.ClearCanvasBeforeEachRender = false;
            if (panels.Count == 1) break;
            bool bottom = i == panels.Count - 1;
            plot.Layout.Fixed(new PixelPadding(LeftPad, RightPad, bottom ? BottomPad : InnerBottomPad, TopPad));
            if (!bottom)
            {
                plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
                plot.Axes.Bottom.Label.Text = "";
            }
        }
    }

    /// <summary>The panels of the figure, top first.</summary>
    public IReadOnlyList<Plot> Plots => [.. Panels.Select(p => p.Plot)];

    public override int HeightFor(int widthPx, int defaultHeightPx)
    {
        using var font = Font(KeySize);
        return defaultHeightPx + ExtraPanelPx * (Panels.Count - 1) + (int)Math.Ceiling(KeyHeight(font, widthPx));
    }

    public override void Render(SKCanvas canvas, int widthPx, int heightPx)
    {
        canvas.Clear(SKColors.White);
        float y = Margin;
        using (var font = Font(TitleSize))
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            y += TitleSize;
            canvas.DrawText(Title, widthPx / 2f, y, SKTextAlign.Center, font, paint);
        }
        if (!string.IsNullOrEmpty(Subtitle))
        {
            using var font = Font(SubtitleSize);
            using var paint = new SKPaint { Color = new SKColor(0x44, 0x44, 0x44), IsAntialias = true };
            y += SubtitleSize + 8;
            canvas.DrawText(Subtitle, widthPx / 2f, y, SKTextAlign.Center, font, paint);
        }
        y += 6;

        using var keyFont = Font(KeySize);
        float keyHeight = KeyHeight(keyFont, widthPx);
        float panelsHeight = heightPx - y - keyHeight;
        double total = Panels.Sum(p => p.Weight);
        foreach (var panel in Panels)
        {
            float h = (float)(panelsHeight * panel.Weight / total);
            panel.Plot.Render(canvas, new PixelRect(0, widthPx, y + h, y));
            y += h;
        }
        DrawKey(canvas, keyFont, widthPx, y);
    }

    /// <summary>Items per row and the width of a column.</summary>
    private (int Columns, float Width) KeyColumns(SKFont font, int widthPx)
    {
        if (Key.Count == 0) return (1, widthPx);
        float widest = Key.Max(k => BadgeWidth(font, k.Badge) + 6 + font.MeasureText(k.Text)) + 24;
        int columns = Math.Clamp((int)((widthPx - LeftPad) / widest), 1, 3);
        return (columns, (widthPx - LeftPad) / columns);
    }

    private float KeyHeight(SKFont font, int widthPx)
    {
        if (Key.Count == 0) return 0;
        int rows = (Key.Count + KeyColumns(font, widthPx).Columns - 1) / KeyColumns(font, widthPx).Columns;
        return rows * LineHeight + 2 * Margin;
    }

    private const float LineHeight = KeySize + 9;

    private void DrawKey(SKCanvas canvas, SKFont font, int widthPx, float top)
    {
        if (Key.Count == 0) return;
        var (columns, columnWidth) = KeyColumns(font, widthPx);
        int rows = (Key.Count + columns - 1) / columns;
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        for (int i = 0; i < Key.Count; i++)
        {
            // Column-major: the key reads down, in time order, like a list.
            int column = i / rows, row = i % rows;
            float x = LeftPad / 2 + column * columnWidth;
            float baseline = top + Margin + row * LineHeight + KeySize;
            var item = Key[i];
            float badge = BadgeWidth(font, item.Badge);
            using (var fill = new SKPaint { Color = ToSk(item.BadgeColor), IsAntialias = true })
                canvas.DrawRect(SKRect.Create(x, baseline - KeySize - 1, badge, KeySize + 5), fill);
            using (var bold = Font(KeySize, bold: true))
                canvas.DrawText(item.Badge, x + badge / 2, baseline, SKTextAlign.Center, bold, white);
            canvas.DrawText(item.Text, x + badge + 6, baseline, SKTextAlign.Left, font, text);
        }
    }

    private static float BadgeWidth(SKFont font, string badge) => font.MeasureText(badge) + 10;

    private static SKColor ToSk(Color color) => new(color.R, color.G, color.B, color.A);

    /// <summary>The plots' font (<see cref="PlotStyle.FontFamily"/>) at a size.</summary>
    private static SKFont Font(float size, bool bold = false) =>
        new(SKTypeface.FromFamilyName(PlotStyle.FontFamily, bold ? SKFontStyle.Bold : SKFontStyle.Normal), size);
}
