namespace Simulator.Scenarios;

/// <summary>
/// Applies <c>--set path=value</c> overrides to a merged document before it is bound. The path is dotted
/// snake_case with <c>[i]</c> indices; the value is read as YAML (a scalar, or a flow list or mapping such as
/// <c>[1, 2]</c> or <c>{a: 1}</c>) and replaces what is there. Missing mappings along the path are created, so
/// a field absent from the file can be set; list indices must exist. With a model shape, every name on the
/// path is checked against the model (with a did-you-mean); inside a union (<see cref="ScenarioUnionAttribute"/>),
/// against the fields of the kind that the document names at that point.
/// </summary>
internal static class ScenarioOverrides
{
    public const string Origin = "--set";

    public static void Apply(SourceNode root, IReadOnlyList<string> overrides, ValueShape? shape, List<ScenarioError> errors)
    {
        foreach (string text in overrides)
        {
            int equals = text.IndexOf('=', StringComparison.Ordinal);
            string pathText = equals < 0 ? text.Trim() : text[..equals].Trim();
            var segments = equals <= 0 ? null : FieldPath.Parse(pathText);
            if (segments is null)
            {
                errors.Add(new ScenarioError(Origin, 0, 0, pathText.Length == 0 ? FieldPath.Root : pathText,
                    $"expected path=value such as \"topology.regions[0].zones[1].clusters[0].nodes=800\", found \"{text}\""));
                continue;
            }
            string valueText = text[(equals + 1)..];
            var valueErrors = new List<ScenarioError>();
            var value = string.IsNullOrWhiteSpace(valueText)
                ? SourceNode.Scalar(Origin, 0, 0, "", isPlain: true)
                : YamlSourceReader.Read(valueText, Origin, valueErrors, withPositions: false);
            if (value is null || valueErrors.Count > 0)
            {
                errors.AddRange(valueErrors.Select(e => e with { Path = pathText, Message = $"cannot read the value \"{valueText}\": {e.Message}" }));
                continue;
            }
            new Walk(segments, value, errors).Set(root, 0, shape, "");
        }
    }

    /// <summary>
    /// Applies a file's <c>set:</c> mapping (<c>path: value</c> entries, same paths as <c>--set</c>): how a
    /// variant changes one field inside a list of its base without repeating the list. Errors point at the entry.
    /// </summary>
    public static void ApplyMapping(SourceNode root, SourceNode set, ValueShape? shape, List<ScenarioError> errors)
    {
        if (!set.IsMapping)
        {
            errors.Add(new ScenarioError(set.File, set.Line, set.Column, "set",
                $"expected a mapping of field paths to values, found {set.Describe()}"));
            return;
        }
        foreach (var entry in set.Entries)
        {
            var segments = FieldPath.Parse(entry.Key);
            var at = entry.KeyNode;
            if (segments is null)
            {
                errors.Add(new ScenarioError(at.File, at.Line, at.Column, "set." + entry.Key,
                    $"expected a field path such as \"topology.regions[0].zones[0].clusters[0].nodes\", found \"{entry.Key}\""));
                continue;
            }
            new Walk(segments, entry.Value, errors, at).Set(root, 0, shape, "");
        }
    }

    private sealed class Walk(List<PathSegment> segments, SourceNode value, List<ScenarioError> errors, SourceNode? origin = null)
    {
        private SourceNode? Fail(string path, string message)
        {
            errors.Add(origin is null ? new ScenarioError(Origin, 0, 0, path, message)
                : new ScenarioError(origin.File, origin.Line, origin.Column, path, message));
            return null;
        }

        /// <summary>The node to put where <paramref name="node"/> was, or null after an error.</summary>
        public SourceNode? Set(SourceNode? node, int i, ValueShape? shape, string path)
        {
            if (i == segments.Count) return value;
            var segment = segments[i];
            string where = path.Length == 0 ? "the top level" : path;
            if (segment.IsIndex)
            {
                string indexPath = FieldPath.Index(path, segment.Index);
                if (shape is not null && shape.Kind != ValueKind.List)
                    return Fail(indexPath, $"cannot use [{segment.Index}]: {where} is {LeafValues.WithArticle(shape.Noun)}, not a list");
                if (node is null || node.IsNull)
                    return Fail(indexPath, $"index {segment.Index} is out of range: {where} is not in the scenario");
                if (!node.IsSequence)
                    return Fail(indexPath, $"cannot use [{segment.Index}]: {where} is {node.Describe()} in the scenario, not a list");
                if (segment.Index >= node.Items.Count)
                    return Fail(indexPath, $"index {segment.Index} is out of range: {where} has {node.Items.Count} item{(node.Items.Count == 1 ? "" : "s")}");
                var item = Set(node.Items[segment.Index], i + 1, shape?.Element, indexPath);
                if (item is null) return null;
                node.Items[segment.Index] = item;
                return node;
            }

            string name = segment.Name!;
            string fieldPath = FieldPath.Key(path, name);
            ValueShape? fieldShape = null;
            if (shape?.Kind == ValueKind.Record)
            {
                var property = shape.Record!.Find(name);
                if (property is null)
                    return Fail(fieldPath, $"unknown field \"{name}\"{DidYouMean.Hint(name, shape.Record.Names)}");
                fieldShape = property.Shape;
            }
            else if (shape?.Kind == ValueKind.Dictionary)
                fieldShape = shape.Element;
            else if (shape?.Kind == ValueKind.Union)
            {
                if (!KindField(shape.Union!, node, name, path, out fieldShape, out string problem)) return Fail(fieldPath, problem);
            }
            else if (shape is not null)
                return Fail(fieldPath, $"cannot set \"{name}\": {where} is {LeafValues.WithArticle(shape.Noun)}, not a mapping");

            if (node is null || node.IsNull)
                node = SourceNode.Mapping(Origin, 0, 0);
            else if (!node.IsMapping)
                return Fail(fieldPath, $"cannot set \"{name}\": {where} is {node.Describe()} in the scenario, not a mapping");
            var entry = node.Find(name);
            var child = Set(entry?.Value, i + 1, fieldShape, fieldPath);
            if (child is null) return null;
            if (entry is null)
                node.Entries.Add(new SourceEntry(name, SourceNode.Scalar(Origin, 0, 0, name, isPlain: true), child));
            else
                entry.Value = child;
            return node;
        }

        /// <summary>
        /// The shape of field <paramref name="name"/> of a union's value, by the kind the document names there; null
        /// for the key itself (its value is checked when bound) and for a value that is not a mapping (refused next).
        /// </summary>
        private static bool KindField(UnionShape union, SourceNode? node, string name, string path, out ValueShape? shape, out string problem)
        {
            shape = null;
            problem = "";
            if (name == union.Key || node is { IsNull: false, IsMapping: false }) return true;
            string keyPath = FieldPath.Key(path, union.Key);
            var kindNode = node is { IsMapping: true } ? node.Find(union.Key)?.Value : null;
            if (kindNode is null)
            {
                problem = $"cannot set \"{name}\": {keyPath} is not in the scenario, so the fields are not known (set it first)";
                return false;
            }
            if (union.KindOf(node!) is not { } kind)
            {
                problem = $"cannot set \"{name}\": {keyPath} is {kindNode.Describe()} in the scenario, not {union.OneOf}";
                return false;
            }
            var property = kind.Record.Find(name);
            if (property is null)
            {
                problem = union.UnknownField(name, kind.Name);
                return false;
            }
            shape = property.Shape;
            return true;
        }
    }
}
