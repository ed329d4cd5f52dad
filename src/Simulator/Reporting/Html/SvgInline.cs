using System.Text.RegularExpressions;

namespace Simulator.Reporting.Html;

/// <summary>
/// Prepares an SVG file written by the tool's plots for inlining into an HTML page: drops the XML declaration, gives
/// its ids a prefix of their own (ScottPlot names its clip paths <c>clip0</c>, <c>clip1</c>… in every file, which would
/// collide on one page) and makes it scale to the page's width.
/// </summary>
public static partial class SvgInline
{
    /// <summary>The SVG text ready to inline, or null when <paramref name="svg"/> is not an SVG document or holds a script.</summary>
    /// <param name="svg">The file's text.</param>
    /// <param name="prefix">Prefix for its ids, unique within the page (letters, digits and '-').</param>
    public static string? Prepare(string svg, string prefix)
    {
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0 || svg.Contains("<script", StringComparison.OrdinalIgnoreCase)
                      || svg.Contains("<foreignObject", StringComparison.OrdinalIgnoreCase)) return null;
        string body = svg[start..];
        body = IdAttribute().Replace(body, m => $"id=\"{prefix}-{m.Groups[1].Value}\"");
        body = IdReference().Replace(body, m => $"{m.Groups[1].Value}#{prefix}-{m.Groups[2].Value}");
        var root = RootSize().Match(body);
        if (root.Success && !root.Value.Contains("viewBox", StringComparison.Ordinal))
        {
            string attributes = root.Groups[1].Value, w = root.Groups[2].Value, h = root.Groups[3].Value;
            body = string.Concat(body.AsSpan(0, root.Index),
                $"<svg{attributes}viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" class=\"plot\"",
                body.AsSpan(root.Index + root.Length));
        }
        return body;
    }

    [GeneratedRegex("id=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("(url\\(|href=\")#([^)\"]+)")]
    private static partial Regex IdReference();

    [GeneratedRegex("^<svg([^>]*?\\s)width=\"([0-9.]+)\"\\s+height=\"([0-9.]+)\"")]
    private static partial Regex RootSize();
}
