using System.Text.Json.Nodes;

namespace Simulator.Scenarios;

/// <summary>The value must be above zero (numbers, durations, sizes, bandwidths, fractions, rates).</summary>
public sealed class PositiveAttribute : ScenarioConstraintAttribute
{
    internal override bool AppliesTo(ValueKind kind) => LeafValues.IsNumeric(kind);

    internal override bool IsSatisfied(object value, ValueShape shape) => LeafValues.Numeric(value) > 0;

    internal override string Expectation(ValueShape shape) => $"a positive {shape.Noun}";

    internal override void AddTo(JsonObject schema, ValueShape shape)
    {
        if (LeafValues.IsJsonNumber(shape.Kind)) schema["exclusiveMinimum"] = 0;
    }
}
