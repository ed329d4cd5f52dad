using System.Text.Json.Nodes;

namespace Simulator.Scenarios;

/// <summary>
/// A rule a model property's value must follow, checked when a scenario file is loaded and written into the
/// JSON Schema. On a list or dictionary property, a rule that does not apply to the collection itself
/// (such as <see cref="PositiveAttribute"/>) applies to each element.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public abstract class ScenarioConstraintAttribute : Attribute
{
    private protected ScenarioConstraintAttribute() { }

    /// <summary>Name as written in code, for messages about misuse.</summary>
    internal string Name => GetType().Name.Replace("Attribute", "", StringComparison.Ordinal);

    internal abstract bool AppliesTo(ValueKind kind);

    internal abstract bool IsSatisfied(object value, ValueShape shape);

    /// <summary>What is expected, with its article: "a positive integer", "a size from 1GiB to 16TiB".</summary>
    internal abstract string Expectation(ValueShape shape);

    /// <summary>Adds the JSON Schema keywords that express the rule (where JSON Schema can).</summary>
    internal abstract void AddTo(JsonObject schema, ValueShape shape);

    /// <summary>Throws <see cref="InvalidOperationException"/> when the rule cannot work on this property.</summary>
    internal virtual void CheckModel(ValueShape shape, string where) { }
}
