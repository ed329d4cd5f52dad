namespace Simulator.Scenarios;

/// <summary>A union of model records (<see cref="ScenarioUnionAttribute"/>): its key and its kinds by name, in ordinal order.</summary>
internal sealed class UnionShape(Type type, string key)
{
    public Type Type { get; } = type;

    /// <summary>The key whose value names the kind.</summary>
    public string Key { get; } = key;

    public List<(string Name, RecordShape Record)> Kinds { get; } = [];

    public IEnumerable<string> Names => Kinds.Select(k => k.Name);

    public RecordShape? Find(string kind) => Kinds.Find(k => k.Name == kind).Record;

    /// <summary>The kind a mapping names with the key, or null when it names none (absent, not a name, or unknown).</summary>
    public (string Name, RecordShape Record)? KindOf(SourceNode mapping)
    {
        if (!mapping.IsMapping || mapping.Find(Key)?.Value is not { IsScalar: true, IsNull: false } value) return null;
        var record = Find(value.Text);
        return record is null ? null : (value.Text, record);
    }

    /// <summary>"one of link_cut, node_crash".</summary>
    public string OneOf => "one of " + string.Join(", ", Names);

    /// <summary>For a mapping without the key: <c>missing required field "kind" (one of a, b)</c>.</summary>
    public string MissingKey => $"missing required field \"{Key}\" ({OneOf})";

    /// <summary>For a key whose value is not a kind, with a did-you-mean.</summary>
    public string UnknownKind(SourceNode found) =>
        $"expected {OneOf}, found {found.Describe()}" + (found.IsScalar ? DidYouMean.Hint(found.Text, Names) : "");

    /// <summary>
    /// For a field that the chosen kind does not have: a did-you-mean among its fields, or else the kinds that have it
    /// (<c>unknown field "nodes" for kind "link_cut" (a field of node_crash)</c>).
    /// </summary>
    public string UnknownField(string field, string kind)
    {
        var record = Find(kind)!;
        string message = $"unknown field \"{field}\"{ForKind(kind)}";
        string hint = DidYouMean.Hint(field, record.Names);
        if (hint.Length > 0) return message + hint;
        var owners = Kinds.Where(k => k.Record.Find(field) is not null).Select(k => k.Name).ToList();
        return owners.Count == 0 ? message : $"{message} (a field of {string.Join(", ", owners)})";
    }

    /// <summary>" for kind \"link_cut\"", after a message about one kind's fields.</summary>
    public string ForKind(string kind) => $" for {Key} \"{kind}\"";
}
