using System.Collections;
using System.Collections.ObjectModel;

namespace Simulator.Scenarios;

/// <summary>
/// Binds a merged YAML document to a model by reflection, collecting every problem rather than stopping at the
/// first: unknown fields (with a did-you-mean), wrong types, missing required fields, broken constraints and
/// the records' own cross-field checks (<see cref="IValidatable"/>).
/// </summary>
internal sealed class ScenarioBinder(List<ScenarioError> errors)
{
    /// <summary>The bound value, or null when any error was found (the errors are added).</summary>
    public object? Bind(SourceNode root, ValueShape shape)
    {
        int before = errors.Count;
        var value = BindValue(root, shape, "");
        return errors.Count > before ? null : value;
    }

    private void Error(SourceNode at, string path, string message) =>
        errors.Add(new ScenarioError(at.File, at.Line, at.Column, FieldPath.OrRoot(path), message));

    private object? BindValue(SourceNode node, ValueShape shape, string path)
    {
        if (node.IsNull)
        {
            if (!shape.IsNullable) Error(node, path, $"expected {LeafValues.Expectation(shape)}, found {node.Describe()}");
            return null;
        }
        int before = errors.Count;
        object? value = shape.Kind switch
        {
            ValueKind.Record => BindRecord(node, shape, path),
            ValueKind.List => BindList(node, shape, path),
            ValueKind.Dictionary => BindDictionary(node, shape, path),
            _ => BindLeaf(node, shape, path),
        };
        if (errors.Count > before || value is null) return null;
        foreach (var constraint in shape.Constraints)
        {
            if (constraint.IsSatisfied(value, shape)) continue;
            string found = node.IsSequence ? "an empty list" : node.IsMapping ? "an empty mapping" : node.Describe();
            Error(node, path, $"expected {constraint.Expectation(shape)}, found {found}");
            return null;
        }
        return value;
    }

    private object? BindLeaf(SourceNode node, ValueShape shape, string path)
    {
        if (!node.IsScalar)
        {
            Error(node, path, $"expected {LeafValues.Expectation(shape)}, found {node.Describe()}");
            return null;
        }
        if (LeafValues.TryRead(node, shape, out var value, out string error)) return value;
        Error(node, path, error);
        return null;
    }

    private object? BindRecord(SourceNode node, ValueShape shape, string path)
    {
        var record = shape.Record!;
        if (!node.IsMapping)
        {
            Error(node, path, $"expected a mapping with fields such as {string.Join(", ", record.Names.Take(3))}, found {node.Describe()}");
            return null;
        }
        int before = errors.Count;
        var instance = Activator.CreateInstance(record.Type)!;
        foreach (var entry in node.Entries)
        {
            var property = record.Find(entry.Key);
            string fieldPath = FieldPath.Key(path, entry.Key);
            if (property is null)
            {
                Error(entry.KeyNode, fieldPath, $"unknown field \"{entry.Key}\"{DidYouMean.Hint(entry.Key, record.Names)}");
                continue;
            }
            int beforeField = errors.Count;
            var value = BindValue(entry.Value, property.Shape, fieldPath);
            if (errors.Count == beforeField) property.Property.SetValue(instance, value);
        }
        foreach (var property in record.Properties)
            if (property.IsRequired && node.Find(property.Name) is null)
                Error(node, FieldPath.Key(path, property.Name), $"missing required field \"{property.Name}\"");
        if (errors.Count > before) return null;

        if (instance is IValidatable validatable)
            foreach (var (relativePath, message) in validatable.Validate())
                Error(Locate(node, relativePath) ?? node, FieldPath.Append(path, relativePath), message);
        return errors.Count > before ? null : instance;
    }

    /// <summary>The node at a path relative to <paramref name="node"/>, when it is in the file.</summary>
    private static SourceNode? Locate(SourceNode node, string relativePath)
    {
        if (relativePath.Length == 0) return node;
        var segments = FieldPath.Parse(relativePath);
        if (segments is null) return null;
        SourceNode? current = node;
        foreach (var segment in segments)
        {
            current = segment.IsIndex
                ? current is { IsSequence: true } && segment.Index < current.Items.Count ? current.Items[segment.Index] : null
                : current is { IsMapping: true } ? current.Find(segment.Name!)?.Value : null;
            if (current is null) return null;
        }
        return current;
    }

    private object? BindList(SourceNode node, ValueShape shape, string path)
    {
        if (!node.IsSequence)
        {
            Error(node, path, $"expected {LeafValues.Expectation(shape)}, found {node.Describe()}");
            return null;
        }
        var element = shape.Element!;
        int before = errors.Count;
        var items = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element.ClrType))!;
        for (int i = 0; i < node.Items.Count; i++)
        {
            int beforeItem = errors.Count;
            var item = BindValue(node.Items[i], element, FieldPath.Index(path, i));
            if (errors.Count == beforeItem) items.Add(item);
        }
        if (errors.Count > before) return null;
        if (shape.IsArray)
        {
            var array = Array.CreateInstance(element.ClrType, items.Count);
            items.CopyTo(array, 0);
            return array;
        }
        return Activator.CreateInstance(typeof(ReadOnlyCollection<>).MakeGenericType(element.ClrType), items);
    }

    private object? BindDictionary(SourceNode node, ValueShape shape, string path)
    {
        if (!node.IsMapping)
        {
            Error(node, path, $"expected {LeafValues.Expectation(shape)}, found {node.Describe()}");
            return null;
        }
        var element = shape.Element!;
        int before = errors.Count;
        // Dictionary<,> keeps insertion order when nothing is removed, so entries enumerate in file order.
        var entries = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), element.ClrType))!;
        foreach (var entry in node.Entries)
        {
            int beforeEntry = errors.Count;
            var value = BindValue(entry.Value, element, FieldPath.Key(path, entry.Key));
            if (errors.Count == beforeEntry) entries.Add(entry.Key, value);
        }
        if (errors.Count > before) return null;
        return Activator.CreateInstance(typeof(ReadOnlyDictionary<,>).MakeGenericType(typeof(string), element.ClrType), entries);
    }
}
