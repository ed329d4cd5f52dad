using System.Text;
using System.Text.RegularExpressions;
using Simulator.Metrics;
using Simulator.Reporting;
using Simulator.Tests.Replay;

namespace Simulator.Tests.Reporting;

/// <summary>
/// docs/outputs.md read as data: the files it lists, the columns of each file's table, the manifest's fields, and the
/// generated sections (scopes, metrics, figures), which are made here from the code that defines them.
/// </summary>
internal sealed partial class DataDictionary
{
    public static readonly string Path = System.IO.Path.Combine(RepositoryPaths.Root, "docs", "outputs.md");

    private readonly string _text;

    public DataDictionary(string text) => _text = text;

    public static DataDictionary Load() => new(File.ReadAllText(Path));

    /// <summary>The first cells (without backticks) of every table row under the heading <c>### `name`</c>.</summary>
    public IReadOnlyList<string> Column0Under(string heading)
    {
        int at = _text.IndexOf(heading + "\n", StringComparison.Ordinal);
        if (at < 0) return [];
        int end = _text.IndexOf("\n#", at + heading.Length, StringComparison.Ordinal);
        string section = end < 0 ? _text[at..] : _text[at..end];
        return [.. section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|')[1].Trim().Trim('`'))];
    }

    /// <summary>The column names (or patterns) documented for <paramref name="file"/>.</summary>
    public IReadOnlyList<string> Columns(string file) => Column0Under($"### `{file}`");

    /// <summary>The files of the folder table.</summary>
    public IReadOnlyList<string> Files => Column0Under("## Files of a folder");

    /// <summary>The manifest's documented top-level fields.</summary>
    public IReadOnlyList<string> ManifestFields => Columns("manifest.json");

    /// <summary>The first cells of the rows of a generated section.</summary>
    public IReadOnlyList<string> Generated(string name) =>
        [.. Section(name).Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split('|')[1].Trim().Trim('`'))];

    /// <summary>The durability quantities' table (the second table of the durability.csv section).</summary>
    public IReadOnlyList<string> DurabilityQuantities => Columns("durability.csv");

    /// <summary>Whether <paramref name="column"/> matches one of <paramref name="documented"/>, whose <c>&lt;…&gt;</c> parts are placeholders.</summary>
    public static bool Matches(IReadOnlyList<string> documented, string column, IReadOnlyList<string> figureIds) =>
        documented.Any(d => d == column || (d.Contains('<') && Pattern(d, figureIds).IsMatch(column)));

    private static Regex Pattern(string documented, IReadOnlyList<string> figureIds)
    {
        var pattern = new StringBuilder("^");
        foreach (var part in PlaceholderRegex().Split(documented))
            pattern.Append(part switch
            {
                "<parameter>" => @"[a-z_]+(\[\d+\])?([.][a-z_]+(\[\d+\])?)+",
                "<unit>" => "(s|ratio|bytes|bps|per_s|number)",
                "<i>" => @"\d+",
                "<figure>" => "(" + string.Join("|", figureIds.Select(Regex.Escape)) + ")",
                _ => Regex.Escape(part),
            });
        return new Regex(pattern.Append('$').ToString());
    }

    [GeneratedRegex("(<[a-z]+>)")]
    private static partial Regex PlaceholderRegex();

    /// <summary>The text between <c>&lt;!-- generated: name --&gt;</c> and the next end marker.</summary>
    public string Section(string name)
    {
        string start = $"<!-- generated: {name} -->\n";
        int a = _text.IndexOf(start, StringComparison.Ordinal);
        int b = _text.IndexOf(EndMarker, a + 1, StringComparison.Ordinal);
        return a < 0 || b < 0 ? "" : _text[(a + start.Length)..b];
    }

    public const string EndMarker = "<!-- end generated -->";

    /// <summary>The document with each generated section replaced by what the code gives.</summary>
    public string WithGenerated()
    {
        string text = _text;
        foreach (var (name, content) in Sections())
        {
            string start = $"<!-- generated: {name} -->\n";
            int a = text.IndexOf(start, StringComparison.Ordinal);
            int b = text.IndexOf(EndMarker, a + 1, StringComparison.Ordinal);
            text = text[..(a + start.Length)] + content + text[b..];
        }
        return text;
    }

    /// <summary>Each generated section's content, from the code.</summary>
    public static IEnumerable<(string Name, string Content)> Sections()
    {
        var scopes = new StringBuilder("| kind | written | definition |\n|---|---|---|\n");
        foreach (var k in MetricCatalog.ScopeKinds) scopes.Append($"| `{k.Name}` | `{k.Pattern}` | {Cell(k.Definition)} |\n");
        yield return ("scopes", scopes.ToString());

        var metrics = new StringBuilder();
        foreach (var (title, list) in new[]
                 {
                     ("Sampled over time (`timeseries.csv`, and summarised in `summary.csv`)", MetricCatalog.All),
                     ("Figures of a replication's outage, read off its volumes_stuck_pct series (`summary.csv`, `replications.csv`: not sampled over time)", MetricCatalog.OutageFigures),
                     ("Figures of a replication's failure events (`summary.csv`, `replications.csv`: not sampled over time)", MetricCatalog.FailureFigures),
                     ("Figures of how long a replication's outage lasted, read off its `volumes_stuck_pct` (`summary.csv`, `replications.csv`: not sampled over time)", MetricCatalog.OutageFigures),
                     ("Figures of a replication's cross-region interruptions (`summary.csv`, `replications.csv`: not sampled over time)", CrossRegionMetrics.Figures),
                 })
        {
            metrics.Append($"\n{title}:\n\n| metric | unit | scopes | definition |\n|---|---|---|---|\n");
            foreach (var m in list)
                metrics.Append($"| `{m.Name}` | {Cell(m.Unit)} | {string.Join(", ", m.Scopes.Select(s => s.Name))} | {Cell(m.Definition)} |\n");
        }
        yield return ("metrics", metrics.ToString().TrimStart('\n'));

        var figures = new StringBuilder("| figure | unit | label | definition |\n|---|---|---|---|\n");
        foreach (var f in ExperimentFigures.All) figures.Append($"| `{f.Id}` | {Cell(f.Unit)} | {Cell(f.Label)} | {Cell(f.Description)} |\n");
        yield return ("figures", figures.ToString());
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
