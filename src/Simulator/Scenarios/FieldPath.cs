using System.Globalization;
using System.Text.RegularExpressions;

namespace Simulator.Scenarios;

/// <summary>
/// Field paths as users write them in <c>--set</c> and read them in errors:
/// <c>topology.regions[0].zones[1].nodes</c>. Mapping keys that are not simple names are written <c>["a key"]</c>.
/// </summary>
internal static partial class FieldPath
{
    /// <summary>Path of errors that concern a whole file rather than a field.</summary>
    public const string File = "(file)";

    /// <summary>Path of the top-level mapping itself.</summary>
    public const string Root = "(root)";

    public static string Key(string parent, string key)
    {
        if (!SimpleKey().IsMatch(key)) return $"{parent}[\"{key}\"]";
        return parent.Length == 0 ? key : $"{parent}.{key}";
    }

    public static string Index(string parent, int index) =>
        $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>Appends a path relative to <paramref name="parent"/> ("", "nodes", "zones[1].nodes", "[2]").</summary>
    public static string Append(string parent, string relative)
    {
        if (relative.Length == 0) return parent.Length == 0 ? Root : parent;
        if (parent.Length == 0 || relative.StartsWith('[')) return parent + relative;
        return $"{parent}.{relative}";
    }

    public static string OrRoot(string path) => path.Length == 0 ? Root : path;

    /// <summary>Splits a path into names and indices; null when it is not well formed.</summary>
    /// <param name="path">The path.</param>
    /// <param name="allowWildcards">Whether <c>[*]</c> (any index or key) is accepted.</param>
    public static List<PathSegment>? Parse(string path, bool allowWildcards = false)
    {
        var segments = new List<PathSegment>();
        int i = 0;
        while (i < path.Length)
        {
            if (path[i] == '[')
            {
                int close = i + 1 < path.Length && path[i + 1] == '"'
                    ? path.IndexOf("\"]", i + 2, StringComparison.Ordinal) + 1
                    : path.IndexOf(']', i);
                if (close <= 0) return null;
                string inside = path[(i + 1)..close];
                if (allowWildcards && inside == "*")
                    segments.Add(PathSegment.Any);
                else if (inside.Length >= 2 && inside[0] == '"' && inside[^1] == '"')
                    segments.Add(PathSegment.Named(inside[1..^1]));
                else if (int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                    segments.Add(PathSegment.At(index));
                else
                    return null;
                i = close + 1;
                if (i < path.Length && path[i] == '.') { i++; if (i == path.Length) return null; }
                continue;
            }
            int end = i;
            while (end < path.Length && path[end] is not ('.' or '[')) end++;
            if (end == i) return null;
            segments.Add(PathSegment.Named(path[i..end]));
            i = end;
            if (i < path.Length && path[i] == '.') { i++; if (i == path.Length) return null; }
        }
        return segments.Count == 0 ? null : segments;
    }

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$-]*$")]
    private static partial Regex SimpleKey();
}
