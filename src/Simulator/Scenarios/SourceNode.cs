namespace Simulator.Scenarios;

/// <summary>
/// A YAML node with the file, line and column it came from. Scenario files are read into these (not into
/// YamlDotNet's representation model) so that files merged by <c>extends</c> and values from <c>--set</c>
/// each keep their own origin, and so that duplicate keys can be reported rather than thrown.
/// </summary>
internal sealed class SourceNode
{
    private SourceNode(SourceNodeKind kind, string file, int line, int column, string text, bool isPlain)
    {
        Kind = kind;
        File = file;
        Line = line;
        Column = column;
        Text = text;
        IsPlain = isPlain;
    }

    public SourceNodeKind Kind { get; }
    public string File { get; }

    /// <summary>1-based line, 0 for values given on the command line.</summary>
    public int Line { get; }
    public int Column { get; }

    /// <summary>The scalar's text (empty for sequences and mappings).</summary>
    public string Text { get; }

    /// <summary>A plain (unquoted, untagged) scalar, whose type is resolved by the YAML 1.2 core schema.</summary>
    public bool IsPlain { get; }

    public List<SourceNode> Items { get; } = [];
    public List<SourceEntry> Entries { get; } = [];

    public static SourceNode Scalar(string file, int line, int column, string text, bool isPlain) =>
        new(SourceNodeKind.Scalar, file, line, column, text, isPlain);

    public static SourceNode Sequence(string file, int line, int column) =>
        new(SourceNodeKind.Sequence, file, line, column, "", false);

    public static SourceNode Mapping(string file, int line, int column) =>
        new(SourceNodeKind.Mapping, file, line, column, "", false);

    public bool IsScalar => Kind == SourceNodeKind.Scalar;
    public bool IsSequence => Kind == SourceNodeKind.Sequence;
    public bool IsMapping => Kind == SourceNodeKind.Mapping;

    /// <summary>A plain scalar that YAML reads as null: empty, "~" or "null".</summary>
    public bool IsNull => IsScalar && IsPlain && Text is "" or "~" or "null" or "Null" or "NULL";

    public SourceEntry? Find(string key) => Entries.Find(e => e.Key == key);

    /// <summary>Removes <paramref name="key"/> and returns its entry, or null.</summary>
    public SourceEntry? Remove(string key)
    {
        var entry = Find(key);
        if (entry is not null) Entries.Remove(entry);
        return entry;
    }

    /// <summary>
    /// Follows <paramref name="steps"/> from this node as far as the document goes: the last node reached, and how
    /// many steps were taken (all of them when the path is in the document).
    /// </summary>
    public (SourceNode Node, int Depth) Follow(IReadOnlyList<PathSegment> steps)
    {
        var current = this;
        for (int depth = 0; depth < steps.Count; depth++)
        {
            var step = steps[depth];
            var next = step.IsIndex
                ? current.IsSequence && step.Index >= 0 && step.Index < current.Items.Count ? current.Items[step.Index] : null
                : current.IsMapping ? current.Find(step.Name!)?.Value : null;
            if (next is null) return (current, depth);
            current = next;
        }
        return (current, steps.Count);
    }

    public SourceNode DeepClone()
    {
        var copy = new SourceNode(Kind, File, Line, Column, Text, IsPlain);
        foreach (var item in Items) copy.Items.Add(item.DeepClone());
        foreach (var entry in Entries) copy.Entries.Add(new SourceEntry(entry.Key, entry.KeyNode, entry.Value.DeepClone()));
        return copy;
    }

    /// <summary>How the node reads in "found …" of an error message.</summary>
    public string Describe() => Kind switch
    {
        SourceNodeKind.Sequence => "a list",
        SourceNodeKind.Mapping => "a mapping",
        _ when IsPlain && Text.Length == 0 => "an empty value",
        _ when IsNull => "null",
        _ => $"\"{Text}\"",
    };
}
