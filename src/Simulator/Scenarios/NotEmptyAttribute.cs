using System.Collections;
using System.Text.Json.Nodes;

namespace Simulator.Scenarios;

/// <summary>A string must not be blank; a list or dictionary must have at least one element.</summary>
public sealed class NotEmptyAttribute : ScenarioConstraintAttribute
{
    internal override bool AppliesTo(ValueKind kind) => kind is ValueKind.String or ValueKind.List or ValueKind.Dictionary;

    internal override bool IsSatisfied(object value, ValueShape shape) => value switch
    {
        string s => !string.IsNullOrWhiteSpace(s),
        ICollection c => c.Count > 0,
        _ => true,
    };

    internal override string Expectation(ValueShape shape) => $"a non-empty {shape.Noun}";

    internal override void AddTo(JsonObject schema, ValueShape shape)
    {
        string keyword = shape.Kind switch
        {
            ValueKind.String => "minLength",
            ValueKind.List => "minItems",
            _ => "minProperties",
        };
        schema[keyword] = 1;
    }
}
