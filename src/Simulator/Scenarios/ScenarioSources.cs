namespace Simulator.Scenarios;

/// <summary>
/// Reads a scenario file and the chain of files it <c>extends</c>, and merges them into one document:
/// mappings merge key by key, while scalars and sequences in the extending file replace the base's.
/// </summary>
internal static class ScenarioSources
{
    public const string ExtendsKey = "extends";
    public const string SchemaKey = "$schema";

    /// <summary>Largest scenario file read (a scenario is a few kilobytes).</summary>
    public const long MaxFileBytes = 1 << 20;

    /// <summary>
    /// Lets <c>extends</c> name a file outside the scenario's directory tree and the working directory's
    /// (<c>--allow-extends-outside</c>). Off by default: a downloaded scenario must not read other files.
    /// </summary>
    public static bool AllowExtendsOutside { get; set; }

    /// <summary>The merged top-level mapping, or null (with errors added) when a file cannot be read or parsed.</summary>
    public static SourceNode? Load(string path, List<ScenarioError> errors)
    {
        int before = errors.Count;
        var root = LoadFile(path, path, [], errors, referrer: null);
        return errors.Count > before ? null : root;
    }

    /// <summary>The file that marks a collection of scenarios (its folder's tree may extend each other): the schema.</summary>
    public const string CollectionMarker = "scenario.schema.json";

    /// <summary>
    /// Why the file <paramref name="baseFull"/> may not be extended by the chain that starts at
    /// <paramref name="firstScenario"/>, or null: it must be a YAML file inside the tree of the scenario's collection
    /// (the nearest folder above it holding <see cref="CollectionMarker"/>, as <c>scenarios/</c> does; else its own
    /// folder) or of the working directory, unless <see cref="AllowExtendsOutside"/>.
    /// </summary>
    private static string? Refusal(string baseFull, string firstScenario)
    {
        string ext = Path.GetExtension(baseFull);
        if (!ext.Equals(".yaml", StringComparison.OrdinalIgnoreCase) && !ext.Equals(".yml", StringComparison.OrdinalIgnoreCase))
            return "a scenario extends another scenario, a .yaml or .yml file";
        if (AllowExtendsOutside) return null;
        bool Inside(string dir) => baseFull.StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (Inside(CollectionOf(firstScenario)) || Inside(Environment.CurrentDirectory)) return null;
        return "outside the scenario's folder and the working directory (--allow-extends-outside allows it)";
    }

    private static string CollectionOf(string scenario)
    {
        string own = Path.GetDirectoryName(Path.GetFullPath(scenario)) ?? "/";
        for (var dir = new DirectoryInfo(own); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, CollectionMarker))) return dir.FullName;
        return own;
    }

    /// <summary>The line and column (1-based, in bytes) of byte <paramref name="offset"/> of a file, reading no further.</summary>
    private static (int Line, int Column) PositionOfByte(string path, long offset)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[64 * 1024];
        int line = 1;
        long read = 0, lineStart = 0;
        while (read < offset && stream.Read(buffer, 0, (int)Math.Min(buffer.Length, offset - read)) is var n && n > 0)
        {
            for (int i = 0; i < n; i++)
                if (buffer[i] == (byte)'\n')
                {
                    line++;
                    lineStart = read + i + 1;
                }
            read += n;
        }
        return (line, (int)Math.Min(int.MaxValue, read - lineStart + 1));
    }

    private static SourceNode? LoadFile(string displayPath, string path, List<string> chain, List<ScenarioError> errors, SourceEntry? referrer)
    {
        string fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Exists && info.Length > MaxFileBytes)
            {
                string what = $"{info.Length:N0} bytes, more than {MaxFileBytes:N0} (a scenario is a few kilobytes): refused";
                var (line, column) = PositionOfByte(fullPath, MaxFileBytes);
                errors.Add(referrer is null
                    ? new ScenarioError(displayPath, line, column, FieldPath.File, $"the scenario file has {what} (its first {MaxFileBytes:N0} bytes end here)")
                    : new ScenarioError(referrer.Value.File, referrer.Value.Line, referrer.Value.Column, ExtendsKey, $"the file it extends has {what}"));
                return null;
            }
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
        if (Refusal(baseFull, chain.Count == 0 ? fullPath : chain[0]) is { } refusal)
        {
            errors.Add(new ScenarioError(displayPath, value.Line, value.Column, ExtendsKey, $"cannot extend \"{value.Text.Trim()}\": {refusal}"));
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
