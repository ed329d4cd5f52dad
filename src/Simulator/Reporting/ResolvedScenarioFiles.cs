using Simulator.Experiments;

namespace Simulator.Reporting;

/// <summary>
/// The resolved scenarios a folder keeps: <c>scenario.yaml</c> for a run or a sweep (the sweep's values are applied on
/// top, as <c>points.csv</c> lists them), <c>scenarios/&lt;label&gt;.yaml</c> for each variant of a compare.
/// </summary>
public static class ResolvedScenarioFiles
{
    public const string SingleFileName = "scenario.yaml";
    public const string FolderName = "scenarios";

    /// <summary>The file of variant <paramref name="variant"/>, relative to the folder, with <c>/</c> separators.</summary>
    public static string RelativePath(ExperimentPlan plan, int variant) =>
        plan.Variants.Count == 1 ? SingleFileName : $"{FolderName}/{RunFolder.SafeName(plan.Variants[variant].Label)}.yaml";

    /// <summary>Writes each variant's resolved text into <paramref name="dir"/> (none for a scenario made without a file).</summary>
    public static void Write(string dir, ExperimentPlan plan, IReadOnlyList<string?> texts)
    {
        for (int v = 0; v < plan.Variants.Count; v++)
        {
            if (texts[v] is null) continue;
            string path = Path.Combine(dir, RelativePath(plan, v));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, texts[v], CsvText.Utf8NoBom);
        }
    }

    /// <summary>Copies the resolved files of <paramref name="from"/> into <paramref name="to"/> (a merge's shard to its folder).</summary>
    public static void Copy(string from, string to, ExperimentPlan plan)
    {
        for (int v = 0; v < plan.Variants.Count; v++)
        {
            string source = Path.Combine(from, RelativePath(plan, v));
            if (!File.Exists(source)) continue;
            string target = Path.Combine(to, RelativePath(plan, v));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    /// <summary>The full paths of the resolved files present in <paramref name="dir"/>, in variant order.</summary>
    public static IReadOnlyList<string> Present(string dir, ExperimentPlan plan) =>
        [.. Enumerable.Range(0, plan.Variants.Count).Select(v => Path.Combine(dir, RelativePath(plan, v))).Where(File.Exists)];
}
