using System.Collections;
using System.Collections.ObjectModel;

namespace Simulator.Scenarios;

/// <summary>
/// Binds a merged YAML document to a model by reflection, collecting every problem rather than stopping at the
/// first: unknown fields (with a did-you-mean), wrong types, missing required fields, broken constraints and
/// the records' own cross-field checks (<see cref="IValidatable"/>).
/// <para>
/// Binding is partial so that cross-field checks run on every record: a mapping yields its record even when some
/// fields fail (they keep their defaults), and a list or dictionary keeps every item, with the item type's default
/// in place of one that could not be read, so that indices stay those of the file. Each value that could not be read
/// is recorded as failed, for <see cref="ValidationContext.IsBound"/>.
/// </para>
/// </summary>
internal sealed class ScenarioBinder(List<ScenarioError> errors)
{
    private readonly List<List<PathSegment>> failures = [];

    /// <summary>The bound value, or null when any error was found (the errors are added).</summary>
    public object? Bind(SourceNode root, ValueShape shape)
    {
        int before = errors.Count;
        bool read = TryBind(root, shape, "", out var value);
        return errors.Count > before || !read ? null : value;
    }

    private void Error(SourceNode at, string path, string message) =>
        errors.Add(new ScenarioError(at.File, at.Line, at.Column, FieldPath.OrRoot(path), message));

    /// <summary>Reports a problem with the value at <paramref name="path"/>, which then is not bound.</summary>
    private void Fail(SourceNode at, string path, string message)
    {
        Error(at, path, message);
        MarkFailed(path);
    }

    private void MarkFailed(string path) => failures.Add(Segments(path));

    /// <summary>The steps of a path made by <see cref="FieldPath"/> ("" is the root; a path that does not parse counts as the root, which fails safe).</summary>
    private static List<PathSegment> Segments(string path) => FieldPath.Parse(path) ?? [];

    /// <summary>
    /// True with the value when the node could be read as <paramref name="shape"/> (a record, list or dictionary may
    /// hold failed parts); false, with the errors reported and the path marked failed, when it could not.
    /// </summary>
    private bool TryBind(SourceNode node, ValueShape shape, string path, out object? value)
    {
        value = null;
        if (node.IsNull)
        {
            if (shape.IsNullable) return true;
            Fail(node, path, $"expected {LeafValues.Expectation(shape)}, found {node.Describe()}");
            return false;
        }
        bool read = shape.Kind switch
        {
            ValueKind.Record => TryBindRecord(node, shape.Record!, path, out value),
            ValueKind.Union => TryBindUnion(node, shape.Union!, path, out value),
            ValueKind.List => TryBindList(node, shape, path, out value),
            ValueKind.Dictionary => TryBindDictionary(node, shape, path, out value),
            _ => TryBindLeaf(node, shape, path, out value),
        };
        if (!read) return false;
        foreach (var constraint in shape.Constraints)
        {
            if (constraint.IsSatisfied(value!, shape)) continue;
            string found = node.IsSequence ? "an empty list" : node.IsMapping ? "an empty mapping" : node.Describe();
            Fail(node, path, $"expected {constraint.Expectation(shape)}, found {found}");
            value = null;
            return false;
        }
        return true;
    }

    private bool TryBindLeaf(SourceNode node, ValueShape shape, string path, out object? value)
    {
        value = null;
        if (!node.IsScalar)
        {
            Fail(node, path, $"expected {LeafValues.Expectation(shape)}, found {node.Describe()}");
            return false;
        }
        if (LeafValues.TryRead(node, shape, out value, out string error)) return true;
        Fail(node, path, error);
        return false;
    }

    /// <summary>
    /// A union's mapping: the key names the kind, then the mapping is bound as that kind's record (without the key).
    /// When the kind cannot be told, the whole value fails: its fields cannot be checked.
    /// </summary>
    private bool TryBindUnion(SourceNode node, UnionShape union, string path, out object? value)
    {
        value = null;
        if (!node.IsMapping)
        {
            Fail(node, path, $"expected a mapping with \"{union.Key}\" ({union.OneOf}) and that {union.Key}'s fields, found {node.Describe()}");
            return false;
        }
        string keyPath = FieldPath.Key(path, union.Key);
        if (node.Find(union.Key) is not { } entry)
        {
            Error(node, keyPath, union.MissingKey);
            MarkFailed(path);
            return false;
        }
        if (union.KindOf(node) is not { } kind)
        {
            Error(entry.Value, keyPath, union.UnknownKind(entry.Value));
            MarkFailed(path);
            return false;
        }
        return TryBindRecord(node, kind.Record, path, out value, (union, kind.Name));
    }

    /// <param name="node">The mapping.</param>
    /// <param name="record">The record it is bound to.</param>
    /// <param name="path">Its path.</param>
    /// <param name="value">The record, possibly with failed fields.</param>
    /// <param name="kind">When the record is a union's kind: the union (whose key is skipped) and the kind's name, for messages.</param>
    private bool TryBindRecord(SourceNode node, RecordShape record, string path, out object? value, (UnionShape Union, string Name)? kind = null)
    {
        value = null;
        if (!node.IsMapping)
        {
            Fail(node, path, $"expected a mapping with fields such as {string.Join(", ", record.Names.Take(3))}, found {node.Describe()}");
            return false;
        }
        var instance = Activator.CreateInstance(record.Type)!;
        foreach (var entry in node.Entries)
        {
            if (entry.Key == kind?.Union.Key) continue;
            var property = record.Find(entry.Key);
            string fieldPath = FieldPath.Key(path, entry.Key);
            if (property is null)
            {
                Error(entry.KeyNode, fieldPath, kind is { } k
                    ? k.Union.UnknownField(entry.Key, k.Name)
                    : $"unknown field \"{entry.Key}\"{DidYouMean.Hint(entry.Key, record.Names)}");
                continue;
            }
            if (TryBind(entry.Value, property.Shape, fieldPath, out var fieldValue))
                property.Property.SetValue(instance, fieldValue);
        }
        string forKind = kind is { } chosen ? chosen.Union.ForKind(chosen.Name) : "";
        foreach (var property in record.Properties)
            if (property.IsRequired && node.Find(property.Name) is null)
                Fail(node, FieldPath.Key(path, property.Name), $"missing required field \"{property.Name}\"{forKind}");

        if (instance is IValidatable validatable)
        {
            var context = new ValidationContext(Segments(path), node, failures);
            foreach (var (relativePath, message) in validatable.Validate(context))
                if (context.IsBound(relativePath))
                    Error(Locate(node, relativePath), FieldPath.Append(path, relativePath), message);
        }
        value = instance;
        return true;
    }

    /// <summary>The node at a path relative to <paramref name="node"/>, or the nearest enclosing one in the document.</summary>
    private static SourceNode Locate(SourceNode node, string relativePath) =>
        relativePath.Length == 0 ? node : node.Follow(FieldPath.Parse(relativePath) ?? []).Node;

    /// <summary>What stands in a list or dictionary for an item that could not be read: null, or zero for a value type.</summary>
    private static object? Placeholder(ValueShape shape) =>
        shape.ClrType.IsValueType && Nullable.GetUnderlyingType(shape.ClrType) is null ? Activator.CreateInstance(shape.ClrType) : null;

    private bool TryBindList(SourceNode node, ValueShape shape, string path, out object? value)
    {
        value = null;
        if (!node.IsSequence)
        {
            Fail(node, path, $"expected {LeafValues.Expectation(shape)}, found {node.Describe()}");
            return false;
        }
        var element = shape.Element!;
        var items = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element.ClrType))!;
        for (int i = 0; i < node.Items.Count; i++)
            items.Add(TryBind(node.Items[i], element, FieldPath.Index(path, i), out var item) ? item : Placeholder(element));
        if (shape.IsArray)
        {
            var array = Array.CreateInstance(element.ClrType, items.Count);
            items.CopyTo(array, 0);
            value = array;
        }
        else
            value = Activator.CreateInstance(typeof(ReadOnlyCollection<>).MakeGenericType(element.ClrType), items);
        return true;
    }

    private bool TryBindDictionary(SourceNode node, ValueShape shape, string path, out object? value)
    {
        value = null;
        if (!node.IsMapping)
        {
            Fail(node, path, $"expected {LeafValues.Expectation(shape)}, found {node.Describe()}");
            return false;
        }
        var element = shape.Element!;
        // Dictionary<,> keeps insertion order when nothing is removed, so entries enumerate in file order.
        var entries = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), element.ClrType))!;
        foreach (var entry in node.Entries)
            entries.Add(entry.Key, TryBind(entry.Value, element, FieldPath.Key(path, entry.Key), out var item) ? item : Placeholder(element));
        value = Activator.CreateInstance(typeof(ReadOnlyDictionary<,>).MakeGenericType(typeof(string), element.ClrType), entries);
        return true;
    }
}
