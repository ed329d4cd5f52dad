namespace Simulator.Scenarios;

/// <summary>
/// Reads a scenario file and the chain of files it <c>extends</c>, and merges them into one document:
/// mappings merge key by key, while scalars and sequences in the extending file replace the base's.
/// </summary>
internal static class ScenarioSources
{
    public const string ExtendsKey = "extends";
    public const string SchemaKey = "$schema";

    /// <summary>The merged top-level mapping, or null (with errors added) when a file cannot be read or parsed.</summary>
    public static SourceNode? Load(string path, List<ScenarioError> errors)
    {
        int before = errors.Count;
        var root = LoadFile(path, path, [], errors, referrer: null);
        return errors.Count > before ? null : root;
    }

    private static SourceNode? LoadFile(string displayPath, string path, List<string> chain, List<ScenarioError> errors, SourceEntry? referrer)
    {
        string fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            string reason = ex switch
            {
                FileNotFoundException or DirectoryNotFoundException => "file not found",
                UnauthorizedAccessException => "permission denied",
                _ => ex.Message,
            };
            errors.Add(referrer is null
                ? new ScenarioError(displayPath, 0, 0, FieldPath.File, $"cannot read the scenario file: {reason}")
                : new ScenarioError(referrer.Value.File, referrer.Value.Line, referrer.Value.Column, ExtendsKey,
                    $"cannot read \"{referrer.Value.Text}\" ({displayPath}): {reason}"));
            return null;
        }

        var root = YamlSourceReader.Read(text, displayPath, errors);
        if (root is null) return null;
        if (!root.IsMapping)
        {
            errors.Add(new ScenarioError(displayPath, root.Line, root.Column, FieldPath.Root,
                $"expected a mapping of scenario fields at the top level, found {root.Describe()}"));
            return null;
        }
        root.Remove(SchemaKey);
        var extends = root.Remove(ExtendsKey);
        if (extends is null) return root;

        var value = extends.Value;
        if (!value.IsScalar || value.IsNull || value.Text.Trim().Length == 0)
        {
            errors.Add(new ScenarioError(displayPath, value.Line, value.Column, ExtendsKey,
                $"expected the path of a base scenario file, found {value.Describe()}"));
            return null;
        }
        string basePath = Path.Combine(Path.GetDirectoryName(fullPath) ?? "", value.Text.Trim());
        string baseFull = Path.GetFullPath(basePath);
        var nextChain = new List<string>(chain) { fullPath };
        if (nextChain.Contains(baseFull, StringComparer.Ordinal))
        {
            var cycle = nextChain.SkipWhile(p => p != baseFull).Append(baseFull).Select(Path.GetFileName);
            errors.Add(new ScenarioError(displayPath, value.Line, value.Column, ExtendsKey,
                $"extends cycle: {string.Join(" → ", cycle)}"));
            return null;
        }
        string baseDisplay = Path.IsPathRooted(displayPath) ? baseFull : Path.GetRelativePath(Environment.CurrentDirectory, baseFull);
        var baseRoot = LoadFile(baseDisplay, baseFull, nextChain, errors, extends);
        return baseRoot is null ? null : Merge(baseRoot, root);
    }

    /// <summary>
    /// Deep merge: where both are mappings, keys merge one by one (base order first, new keys after);
    /// anything else in <paramref name="child"/> replaces the base. The merged mapping takes the child's position.
    /// </summary>
    public static SourceNode Merge(SourceNode baseNode, SourceNode child)
    {
        if (!baseNode.IsMapping || !child.IsMapping) return child;
        var merged = SourceNode.Mapping(child.File, child.Line, child.Column);
        foreach (var entry in baseNode.Entries)
        {
            var over = child.Find(entry.Key);
            merged.Entries.Add(over is null ? entry : new SourceEntry(entry.Key, over.KeyNode, Merge(entry.Value, over.Value)));
        }
        foreach (var entry in child.Entries)
            if (baseNode.Find(entry.Key) is null)
                merged.Entries.Add(entry);
        return merged;
    }
}
