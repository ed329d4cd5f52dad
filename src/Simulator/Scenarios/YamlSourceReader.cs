using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Simulator.Scenarios;

/// <summary>
/// Reads YAML text into <see cref="SourceNode"/>s with YamlDotNet's parser events, keeping every position. A scenario
/// may come from anywhere, so reading is bounded: nesting (<see cref="MaxDepth"/>), values in all, aliases expanded
/// included (<see cref="MaxValues"/>: a "billion laughs" of nested aliases stops there, not in the machine's memory),
/// items of one list (<see cref="MaxListItems"/>), length of one value (<see cref="MaxScalarLength"/>); and tags other
/// than YAML's own are refused (<c>!System.Diagnostics.Process</c> is not a value).
/// </summary>
internal static partial class YamlSourceReader
{
    public const int MaxDepth = YamlLimits.MaxDepth, MaxValues = YamlLimits.MaxValues, MaxListItems = YamlLimits.MaxListItems,
        MaxScalarLength = YamlLimits.MaxScalarLength;

    /// <summary>YAML's own tags: a value may say what it is, not what to make of it.</summary>
    private static readonly HashSet<string> StandardTags = new(StringComparer.Ordinal)
    {
        "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map",
    };
    /// <summary>
    /// Reads one YAML document. Returns null (with an error added) for a syntax error or an empty text.
    /// Duplicate keys and unknown aliases are reported and reading goes on.
    /// </summary>
    /// <param name="withPositions">False for command-line values, whose positions mean nothing to the user.</param>
    public static SourceNode? Read(string text, string file, List<ScenarioError> errors, bool withPositions = true)
    {
        var parser = new Parser(new StringReader(text));
        var reader = new Reader(parser, file, errors, withPositions);
        try
        {
            return reader.ReadDocument();
        }
        catch (LimitException ex)
        {
            errors.Add(new ScenarioError(file, withPositions ? (int)ex.At.Line : 0, withPositions ? (int)ex.At.Column : 0, ex.Path, ex.Message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18 throws this (without a position) on some malformed flow collections, e.g. "[1, 2" then a new key.
            var at = parser.Current?.Start;
            errors.Add(new ScenarioError(file, withPositions && at is { } m ? (int)m.Line : 0, withPositions && at is { } n ? (int)n.Column : 0,
                FieldPath.File, "invalid YAML: the parser could not go on after this point (an unclosed [ or { ?)"));
            return null;
        }
        catch (YamlException ex)
        {
            errors.Add(new ScenarioError(file, withPositions ? (int)ex.Start.Line : 0, withPositions ? (int)ex.Start.Column : 0,
                FieldPath.File, $"invalid YAML: {CleanMessage(ex)}"));
            return null;
        }
    }

    /// <summary>YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (…): "; the error carries the position already.</summary>
    private static string CleanMessage(YamlException ex)
    {
        string message = MarkPrefix().Replace(ex.Message, "").Trim();
        if (message.Length > 0) message = char.ToLowerInvariant(message[0]) + message[1..];
        return message.TrimEnd('.');
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();

    /// <summary>A bound of the reader was passed: reading stops there.</summary>
    private sealed class LimitException(Mark at, string path, string message) : Exception(message)
    {
        public Mark At { get; } = at;
        public string Path { get; } = path;
    }

    private sealed class Reader(IParser parser, string file, List<ScenarioError> errors, bool withPositions)
    {
        private readonly Dictionary<string, (SourceNode Node, long Values)> anchors = new(StringComparer.Ordinal);
        private long values;
        private int depth;

        public SourceNode? ReadDocument()
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                errors.Add(new ScenarioError(file, withPositions ? 1 : 0, withPositions ? 1 : 0, FieldPath.File, "the file is empty"));
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = ReadNode("");
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                errors.Add(new ScenarioError(file, Line(second.Start), Column(second.Start), FieldPath.File,
                    "expected one YAML document, found a second one (remove the \"---\")"));
                return null;
            }
            return root;
        }

        private int Line(Mark mark) => withPositions ? (int)mark.Line : 0;
        private int Column(Mark mark) => withPositions ? (int)mark.Column : 0;

        private void Count(Mark at, string path, long more)
        {
            values += more;
            if (values > MaxValues)
                throw new LimitException(at, FieldPath.OrRoot(path),
                    $"the document holds more than {MaxValues:N0} values, aliases expanded (a scenario holds a few hundred): refused");
        }

        private void CheckTag(NodeEvent e, string path)
        {
            if (e.Tag.IsEmpty || StandardTags.Contains(e.Tag.Value)) return;
            throw new LimitException(e.Start, FieldPath.OrRoot(path),
                $"unknown YAML tag \"{Excerpt.Of(e.Tag.Value, 40)}\": a scenario's values are plain text, lists and mappings");
        }

        private SourceNode ReadNode(string path)
        {
            if (++depth > MaxDepth)
                throw new LimitException(parser.Current?.Start ?? Mark.Empty, FieldPath.OrRoot(path),
                    $"values nested deeper than {MaxDepth} levels (a scenario needs fewer than 10): refused");
            try
            {
                return ReadValue(path);
            }
            finally
            {
                depth--;
            }
        }

        private SourceNode ReadValue(string path)
        {
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                CheckTag(scalar, path);
                Count(scalar.Start, path, 1);
                if (scalar.Value.Length > MaxScalarLength)
                    throw new LimitException(scalar.Start, FieldPath.OrRoot(path), $"a value of {scalar.Value.Length:N0} characters, more than {MaxScalarLength:N0}: refused");
                bool plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && scalar.Tag.IsEmpty;
                var node = SourceNode.Scalar(file, Line(scalar.Start), Column(scalar.Start), scalar.Value, plain);
                return Anchor(scalar, node, 1);
            }
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    Count(alias.Start, path, target.Values);
                    return target.Node.DeepClone();
                }
                errors.Add(new ScenarioError(file, Line(alias.Start), Column(alias.Start), FieldPath.OrRoot(path), $"unknown anchor \"*{alias.Value.Value}\""));
                return SourceNode.Scalar(file, Line(alias.Start), Column(alias.Start), "", isPlain: true);
            }
            if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                CheckTag(sequenceStart, path);
                long before = values;
                Count(sequenceStart.Start, path, 1);
                var node = SourceNode.Sequence(file, Line(sequenceStart.Start), Column(sequenceStart.Start));
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    if (node.Items.Count == MaxListItems)
                        throw new LimitException(sequenceStart.Start, FieldPath.OrRoot(path), $"a list of more than {MaxListItems:N0} items: refused");
                    node.Items.Add(ReadNode(FieldPath.Index(path, node.Items.Count)));
                }
                return Anchor(sequenceStart, node, values - before);
            }
            var mappingStart = parser.Consume<MappingStart>();
            CheckTag(mappingStart, path);
            long start = values;
            Count(mappingStart.Start, path, 1);
            var mapping = SourceNode.Mapping(file, Line(mappingStart.Start), Column(mappingStart.Start));
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(path);
                var value = ReadNode(key.IsScalar ? FieldPath.Key(path, key.Text) : path);
                if (!key.IsScalar)
                {
                    errors.Add(new ScenarioError(file, key.Line, key.Column, FieldPath.OrRoot(path), $"expected a field name, found {key.Describe()}"));
                    continue;
                }
                var first = mapping.Find(key.Text);
                if (first is not null)
                {
                    string where = first.KeyNode.Line > 0 ? $" (first given at line {first.KeyNode.Line})" : "";
                    errors.Add(new ScenarioError(file, key.Line, key.Column, FieldPath.Key(path, key.Text), $"duplicate key \"{key.Text}\"{where}"));
                    continue;
                }
                mapping.Entries.Add(new SourceEntry(key.Text, key, value));
            }
            return Anchor(mappingStart, mapping, values - start);
        }

        private SourceNode Anchor(NodeEvent e, SourceNode node, long size)
        {
            if (!e.Anchor.IsEmpty) anchors[e.Anchor.Value] = (node, size);
            return node;
        }
    }
}
