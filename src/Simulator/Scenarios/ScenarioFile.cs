using System.Security.Cryptography;

namespace Simulator.Scenarios;

/// <summary>
/// Loads scenario files (YAML) into immutable model records.
/// <para>
/// Conventions: model types are <c>sealed record</c> classes with <c>{ get; init; }</c> properties; a
/// <c>required</c> property must be in the file, any other keeps its initializer when absent. YAML keys are
/// the snake_case of property names (<c>NodeCapacity</c> ↔ <c>node_capacity</c>) and enum values the snake_case
/// of member names (<c>PerZone</c> ↔ <c>per_zone</c>). Leaves: string, int, long, double, bool, enums,
/// <c>Duration</c>, <c>ByteSize</c>, <c>Bandwidth</c>, <c>Fraction</c>, <c>Rate</c>, <c>DateTimeOffset</c> (ISO 8601)
/// and their nullable forms; <c>IReadOnlyList&lt;T&gt;</c> is a YAML sequence, <c>IReadOnlyDictionary&lt;string, T&gt;</c>
/// a mapping (in file order). Constraint attributes (<see cref="PositiveAttribute"/>, <see cref="NonNegativeAttribute"/>,
/// <see cref="RangeAttribute"/>, <see cref="NotEmptyAttribute"/>) and <see cref="IValidatable"/> are checked.
/// </para>
/// <para>
/// "A kind is a type": an abstract record marked <c>[ScenarioUnion("kind")]</c> is read as one of the records deriving
/// from it that are marked <c>[ScenarioKind("routing_change")]</c>, chosen by the mapping's <c>kind</c> key; the other
/// keys are that record's fields (the base's and its own).
/// </para>
/// <para>
/// A top-level <c>extends: base.yaml</c> (relative to the file) loads the base first, recursively, and merges
/// deeply: mappings key by key, while scalars and sequences replace the base's. A top-level <c>$schema</c> key is
/// ignored. A top-level <c>set:</c> mapping (<c>path: value</c>) applies like <c>--set</c>, before it. Overrides (<c>path=value</c>, e.g. <c>topology.regions[0].zones[1].clusters[0].nodes=800</c>) apply
/// after the merge and before binding.
/// </para>
/// </summary>
public static class ScenarioFile
{
    /// <summary>Top-level key of a file's own overrides: <c>set: {path: value}</c>, applied after the <c>extends</c> merge and before <c>--set</c>.</summary>
    public const string SetKey = "set";

    /// <summary>
    /// Lets <c>extends</c> name files outside the scenario's folder and the working directory, for every load in the
    /// process (<c>--allow-extends-outside</c>); off by default.
    /// </summary>
    public static bool AllowExtendsOutside
    {
        get => ScenarioSources.AllowExtendsOutside;
        set => ScenarioSources.AllowExtendsOutside = value;
    }

    /// <summary>
    /// Reads <paramref name="path"/> (with the files it extends and the overrides) into a <typeparamref name="T"/>.
    /// </summary>
    /// <param name="path">The scenario file, as the user gave it (errors name files this way).</param>
    /// <param name="setOverrides"><c>path=value</c> overrides as given to <c>--set</c>, applied in order.</param>
    /// <exception cref="ScenarioException">with every problem found: unreadable files, YAML syntax, unknown
    /// fields, wrong types, missing fields, broken constraints, bad overrides.</exception>
    /// <exception cref="InvalidOperationException">when <typeparamref name="T"/> does not follow the model conventions.</exception>
    public static T Load<T>(string path, IReadOnlyList<string>? setOverrides = null) where T : class
    {
        var shape = ModelShapes.ForRoot(typeof(T));
        var errors = new List<ScenarioError>();
        var root = ScenarioSources.Load(path, errors) ?? throw new ScenarioException(errors);
        if (root.Remove(SetKey) is { } set) ScenarioOverrides.ApplyMapping(root, set.Value, shape, errors);
        ScenarioOverrides.Apply(root, setOverrides ?? [], shape, errors);
        var model = new ScenarioBinder(errors).Bind(root, shape);
        if (errors.Count > 0 || model is null) throw new ScenarioException(errors);
        return (T)model;
    }

    /// <summary>
    /// Where <paramref name="fieldPath"/> (<c>topology.regions[0].zones[0].clusters[0].nodes</c>) is given in the scenario
    /// <see cref="Load{T}"/> read from <paramref name="path"/> and <paramref name="setOverrides"/>: its file, line and
    /// column (line 0 for a <c>--set</c> value), or the nearest enclosing value's when the field is left to its default.
    /// For problems found after loading, on the model as an experiment runs it (<c>--scale</c>).
    /// </summary>
    public static ScenarioError Locate(string path, IReadOnlyList<string> setOverrides, string fieldPath, string message)
    {
        var (node, _) = Find(path, setOverrides, fieldPath);
        return node is null ? new ScenarioError(path, 0, 0, fieldPath, message) : new ScenarioError(node.File, node.Line, node.Column, fieldPath, message);
    }

    /// <summary>True when the scenario read from <paramref name="path"/> and <paramref name="setOverrides"/> gives <paramref name="fieldPath"/> (rather than leaving it to its default).</summary>
    public static bool Gives(string path, IReadOnlyList<string> setOverrides, string fieldPath) => Find(path, setOverrides, fieldPath).Given;

    private static (SourceNode? Node, bool Given) Find(string path, IReadOnlyList<string> setOverrides, string fieldPath)
    {
        var errors = new List<ScenarioError>();
        var root = ScenarioSources.Load(path, errors);
        if (root is null) return (null, false);
        if (root.Remove(SetKey) is { } set) ScenarioOverrides.ApplyMapping(root, set.Value, shape: null, errors);
        ScenarioOverrides.Apply(root, setOverrides, shape: null, errors);
        var steps = FieldPath.Parse(fieldPath) ?? [];
        var (node, depth) = root.Follow(steps);
        return (node, depth == steps.Count);
    }

    /// <summary>
    /// SHA-256 (64 lower-case hex digits) of the effective scenario, for run manifests. What is hashed is the
    /// document that <see cref="Load{T}"/> binds — the file merged with its <c>extends</c> chain, with the overrides
    /// applied — written as canonical JSON: compact UTF-8, mapping keys in ordinal order, each scalar as a string of
    /// its YAML text as written (so <c>13%</c> and <c>0.13</c> hash differently), plain nulls as null. Comments,
    /// layout, quoting, anchors and the <c>extends</c>/<c>$schema</c> keys do not change the hash; moving a value
    /// between a base file and the file extending it does not either. Model defaults for absent fields are not
    /// included. Override paths are not checked against a model here: hash a scenario that
    /// <see cref="Load{T}"/> accepted.
    /// </summary>
    /// <exception cref="ScenarioException">when a file cannot be read or parsed, or an override is malformed.</exception>
    public static string Sha256(string path, IReadOnlyList<string>? setOverrides = null)
    {
        var errors = new List<ScenarioError>();
        var root = ScenarioSources.Load(path, errors) ?? throw new ScenarioException(errors);
        if (root.Remove(SetKey) is { } set) ScenarioOverrides.ApplyMapping(root, set.Value, shape: null, errors);
        ScenarioOverrides.Apply(root, setOverrides ?? [], shape: null, errors);
        if (errors.Count > 0) throw new ScenarioException(errors);
        return Convert.ToHexStringLower(SHA256.HashData(SourceJson.Write(root)));
    }
}
