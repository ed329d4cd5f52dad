using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Simulator.Scenarios;

namespace Simulator.Reporting.Html;

/// <summary>
/// <c>report.html</c>: one self-contained page about a run folder (run, compare or sweep) that opens by double-click with
/// no network: the headline figures with their 95 % CIs, the comparison or sweep table, the validation table, the
/// folder's plots inlined as SVG, the scenario files as they are now (or a note that one is missing or has changed since
/// the run) and the manifest. Every text taken from the folder or a scenario file is HTML-encoded; no script.
/// </summary>
public static class HtmlReport
{
    /// <summary>The file written beside the results.</summary>
    public const string FileName = "report.html";

    /// <summary>True when <paramref name="folder"/> is a results folder (it has a <c>manifest.json</c>).</summary>
    public static bool IsRunFolder(string folder) => File.Exists(Path.Combine(folder, RunFolder.ManifestFileName));

    /// <summary>
    /// Writes <c>report.html</c> into <paramref name="folder"/> (replacing an earlier one) and returns its path. The page is
    /// built before anything is written, so a folder that cannot be read leaves no file.
    /// </summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>manifest.json</c>.</exception>
    /// <exception cref="JsonException">The manifest is not JSON.</exception>
    public static string Write(string folder)
    {
        string html = Build(folder);
        string path = Path.Combine(folder, FileName);
        string temp = path + ".tmp";
        File.WriteAllText(temp, html, CsvText.Utf8NoBom);
        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>The page for <paramref name="folder"/>; scenario paths relative to the manifest are tried from the current
    /// directory, then from the folder and each folder above it.</summary>
    public static string Build(string folder)
    {
        string manifestPath = Path.Combine(folder, RunFolder.ManifestFileName);
        if (!File.Exists(manifestPath))
            throw new FileNotFoundException($"{folder} is not a results folder: it has no {RunFolder.ManifestFileName}", manifestPath);
        string manifestText = File.ReadAllText(manifestPath);
        using var manifest = JsonDocument.Parse(manifestText);
        var root = manifest.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException($"{manifestPath} is not a JSON object");

        var plan = root.TryGetProperty("experiment", out var experiment) && experiment.TryGetProperty("plan", out var p) ? p : (JsonElement?)null;
        string kind = plan is { } pl && pl.TryGetProperty("kind", out var k) ? k.GetString() ?? "run" : Text(root, "kind") ?? "run";
        var scenarios = Scenarios(root, plan);
        string name = Text(root, "name") ?? (scenarios.Count > 0 ? scenarios[0].Name : null) ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        string title = $"replsim {kind}: {name}";

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(Encode(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        html.Append("<p class=\"facts\">").Append(Encode(Facts(root, plan, kind))).Append("</p>\n");
        html.Append("<nav>").Append(string.Join(" · ", Sections(folder).Select(s => $"<a href=\"#{s.Id}\">{Encode(s.Title)}</a>"))).Append("</nav>\n");

        var comparison = CsvTable.ReadIfExists(Path.Combine(folder, ComparisonCsv.FileName));
        var pointFigures = CsvTable.ReadIfExists(Path.Combine(folder, SweepCsv.PointFiguresFileName));
        var summary = CsvTable.ReadIfExists(Path.Combine(folder, RunFolder.SummaryFileName));
        var validation = CsvTable.ReadIfExists(Path.Combine(folder, ValidationCsv.FileName));
        var durability = CsvTable.ReadIfExists(Path.Combine(folder, Durability.DurabilityCsv.FileName));

        html.Append("<section id=\"headline\">\n<h2>Headline figures</h2>\n");
        if (comparison is not null)
            html.Append("<p>Each figure per variant: its mean over the replications with a 95 % CI; the difference from the baseline (the first variant) is paired on the same seeds.</p>\n")
                .Append(HtmlTables.Figures(comparison));
        else if (pointFigures is not null)
        {
            html.Append("<p>Each figure per sweep point: its mean over the replications with a 95 % CI.</p>\n").Append(HtmlTables.Figures(pointFigures));
            if (CsvTable.ReadIfExists(Path.Combine(folder, SweepCsv.PointsFileName)) is { } points)
                html.Append("<h3>Sweep points</h3>\n").Append(HtmlTables.RenderAll(points));
        }
        else if (durability is not null)
            html.Append("<p>Each quantity by each method, with its 95 % CI where the method gives one.</p>\n").Append(HtmlTables.Durability(durability));
        else if (summary is not null)
            html.Append("<p>Peak and final of the figures <code>replsim run</code> prints")
                .Append(summary.Has("replications") ? ", each the mean over the replications with a 95 % CI" : "")
                .Append("; every metric follows below.</p>\n")
                .Append(HtmlTables.Summary(summary, HtmlTables.Headline(summary, Text(root, "affected_zone_scope"))));
        else
            html.Append("<p class=\"missing\">This folder has no summary.csv (an incomplete or shard folder?).</p>\n");
        html.Append("</section>\n");

        if (validation is not null)
            html.Append("<section id=\"validation\">\n<h2>Validation against the published figures</h2>\n")
                .Append(HtmlTables.Validation(validation)).Append("</section>\n");
        AppendPlots(html, folder);
        if (summary is not null)
            html.Append("<section id=\"summary\">\n<h2>All metrics, peak and final</h2>\n").Append(HtmlTables.Summary(summary)).Append("</section>\n");

        AppendScenarios(html, folder, scenarios);
        html.Append("<section id=\"manifest\">\n<h2>Manifest</h2>\n<pre>").Append(Encode(manifestText)).Append("</pre>\n</section>\n");
        html.Append("<footer>Written by replsim report from ").Append(Encode(Path.GetFullPath(folder))).Append("</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>A scenario file the folder was run from, as the manifest records it.</summary>
    /// <param name="File">The resolved scenario saved in the folder, relative to it, whose bytes <paramref name="Sha256"/> hashes; null in older folders.</param>
    /// <param name="Overrides">The run's <c>--set</c> overrides and <paramref name="Seed"/> its seed: what resolves the file again.</param>
    private sealed record ScenarioRef(string Name, string Path, string? FullPath, string? Sha256, string? File = null,
        IReadOnlyList<string>? Overrides = null, ulong? Seed = null);

    private static List<ScenarioRef> Scenarios(JsonElement root, JsonElement? plan)
    {
        var list = new List<ScenarioRef>();
        if (root.TryGetProperty("scenarios", out var saved) && saved.ValueKind == JsonValueKind.Array)
            foreach (var f in saved.EnumerateArray())
                if (Text(f, "path") is { } path && Text(f, "file") is { } file)
                    list.Add(new ScenarioRef(Text(f, "name") ?? path, path, Text(f, "full_path"), Text(f, "sha256"), file,
                        root.TryGetProperty("overrides", out var o) && o.ValueKind == JsonValueKind.Array
                            ? [.. o.EnumerateArray().Select(x => x.GetString() ?? "")] : [],
                        root.TryGetProperty("seed", out var seed) && seed.TryGetUInt64(out ulong value) ? value : null));
        if (list.Count == 0 && plan is { } pl && pl.TryGetProperty("variants", out var variants) && variants.ValueKind == JsonValueKind.Array)
            foreach (var v in variants.EnumerateArray())
                if (Text(v, "path") is { } path)
                    list.Add(new ScenarioRef(Text(v, "name") ?? path, path, Text(v, "full_path"), Text(v, "sha256")));
        if (list.Count == 0 && root.TryGetProperty("scenarios", out var files) && files.ValueKind == JsonValueKind.Array)
            foreach (var f in files.EnumerateArray())
                if (Text(f, "path") is { } path)
                    list.Add(new ScenarioRef(System.IO.Path.GetFileNameWithoutExtension(path), path, null, Text(f, "sha256")));
        if (list.Count == 0 && Text(root, "scenario_path") is { } single)
            list.Add(new ScenarioRef(Text(root, "scenario_name") ?? single, single, null, Text(root, "scenario_sha256")));
        return list;
    }

    private static string Facts(JsonElement root, JsonElement? plan, string kind)
    {
        var source = plan ?? root;
        var facts = new List<string> { kind };
        foreach (var (key, label) in new[] { ("seed", "seed"), ("scale", "scale"), ("replications", "replications") })
            if (source.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number)
                facts.Add($"{label} {value.GetRawText()}");
        if (source.TryGetProperty("overrides", out var overrides) && overrides.ValueKind == JsonValueKind.Array && overrides.GetArrayLength() > 0)
            facts.Add("--set " + string.Join(" ", overrides.EnumerateArray().Select(o => o.ToString())));
        if (Text(root, "tool_version") is { } version) facts.Add($"replsim {version}");
        if (Text(root, "created_utc") is { } created) facts.Add($"created {created}");
        return string.Join(", ", facts);
    }

    private static IEnumerable<(string Id, string Title)> Sections(string folder)
    {
        yield return ("headline", "Headline figures");
        if (File.Exists(Path.Combine(folder, ValidationCsv.FileName))) yield return ("validation", "Validation");
        if (PlotFiles(folder).Length > 0) yield return ("plots", "Plots");
        if (File.Exists(Path.Combine(folder, RunFolder.SummaryFileName))) yield return ("summary", "All metrics");
        yield return ("scenario", "Scenario");
        yield return ("manifest", "Manifest");
    }

    private static string[] PlotFiles(string folder)
    {
        string plots = Path.Combine(folder, RunFolder.PlotsFolderName);
        if (!Directory.Exists(plots)) return [];
        // The outage curves and the mechanism first, as the README tells them; the rest by name.
        string[] first = [Plots.OutageCurvePlot.Name, Plots.MechanismPlot.Name, Plots.ComparisonPlot.StuckName, Plots.ComparisonPlot.LostName];
        return [.. Directory.GetFiles(plots, "*.svg")
            .OrderBy(f => Array.IndexOf(first, Path.GetFileNameWithoutExtension(f)) is var k && k >= 0 ? k : first.Length)
            .ThenBy(f => f, StringComparer.Ordinal)];
    }

    private static void AppendPlots(StringBuilder html, string folder)
    {
        var files = PlotFiles(folder);
        if (files.Length == 0) return;
        html.Append("<section id=\"plots\">\n<h2>Plots</h2>\n");
        for (int i = 0; i < files.Length; i++)
        {
            string caption = Path.GetFileNameWithoutExtension(files[i]);
            string? svg = SvgInline.Prepare(File.ReadAllText(files[i]), $"plot{i}");
            html.Append("<figure>\n");
            if (svg is null) html.Append("<p class=\"missing\">").Append(Encode(Path.GetFileName(files[i]))).Append(" is not a plain SVG image; left out.</p>\n");
            else html.Append(svg).Append('\n');
            html.Append("<figcaption>").Append(Encode(caption)).Append("</figcaption>\n</figure>\n");
        }
        html.Append("</section>\n");
    }

    private static void AppendScenarios(StringBuilder html, string folder, List<ScenarioRef> scenarios)
    {
        html.Append("<section id=\"scenario\">\n<h2>").Append(scenarios.Count > 1 ? "Scenario files" : "Scenario file").Append("</h2>\n");
        if (scenarios.Count == 0) html.Append("<p class=\"missing\">The manifest records no scenario file.</p>\n");
        foreach (var scenario in scenarios)
        {
            html.Append("<h3>").Append(Encode(scenario.Path)).Append("</h3>\n");
            string? found = Locate(folder, scenario);
            if (found is null)
            {
                html.Append("<p class=\"missing\">The scenario file ").Append(Encode(scenario.Path))
                    .Append(" is missing: it is not where the manifest says, from here or from the results folder.</p>\n");
                if (scenario.File is { } saved && File.Exists(Path.Combine(folder, saved)))
                    html.Append("<p>The resolved scenario the run saved (").Append(Encode(saved)).Append("):</p>\n<pre class=\"scenario\">")
                        .Append(Encode(File.ReadAllText(Path.Combine(folder, saved)))).Append("</pre>\n");
                continue;
            }
            byte[] bytes = File.ReadAllBytes(found);
            if (scenario.Sha256 is { } expected && !string.Equals(CurrentSha256(found, bytes, scenario), expected, StringComparison.OrdinalIgnoreCase))
                html.Append("<p class=\"missing\">This file has changed since the run (its SHA-256 differs from the manifest's); it is shown as it is now.</p>\n");
            html.Append("<pre class=\"scenario\">").Append(Encode(Encoding.UTF8.GetString(bytes))).Append("</pre>\n");
        }
        html.Append("</section>\n");
    }

    /// <summary>
    /// The hash to compare with the manifest's: of the file resolved again with the run's overrides and seed when the
    /// manifest hashes the resolved scenario, else of the file's bytes (older folders).
    /// </summary>
    private static string CurrentSha256(string found, byte[] bytes, ScenarioRef scenario)
    {
        if (scenario.File is null) return Convert.ToHexStringLower(SHA256.HashData(bytes));
        try
        {
            return ResolvedScenario.Sha256(ResolvedScenario.Text(found, scenario.Overrides, scenario.Seed));
        }
        catch (ScenarioException)
        {
            return "";
        }
    }

    private static string? Locate(string folder, ScenarioRef scenario)
    {
        if (scenario.FullPath is { } full && File.Exists(full)) return full;
        if (Path.IsPathRooted(scenario.Path)) return File.Exists(scenario.Path) ? scenario.Path : null;
        if (File.Exists(scenario.Path)) return Path.GetFullPath(scenario.Path);
        for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, scenario.Path);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    private static string Encode(string text) => HtmlTables.Encode(text);

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; }
        .facts { color: #555; }
        nav { margin: 1em 0; }
        table.figures { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
        table.figures th, table.figures td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
        table.figures th { background: #f0f0f0; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        figure { margin: 1em 0 2em; }
        svg.plot { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #555; font-size: 0.9em; }
        pre { background: #f7f7f7; border: 1px solid #ddd; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
        .missing { color: #a33; }
        footer { color: #888; font-size: 0.8em; margin-top: 3em; }

        """;
}
