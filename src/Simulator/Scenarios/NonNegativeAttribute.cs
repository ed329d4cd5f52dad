using System.Text.Json.Nodes;

namespace Simulator.Scenarios;

/// <summary>The value must be zero or above (numbers, durations, sizes, bandwidths, fractions, rates).</summary>
public sealed class NonNegativeAttribute : ScenarioConstraintAttribute
{
    internal override bool AppliesTo(ValueKind kind) => LeafValues.IsNumeric(kind);

    internal override bool IsSatisfied(object value, ValueShape shape) => LeafValues.Numeric(value) >= 0;

    internal override string Expectation(ValueShape shape) => $"a non-negative {shape.Noun}";

    internal override void AddTo(JsonObject schema, ValueShape shape)
    {
        if (LeafValues.IsJsonNumber(shape.Kind)) schema["minimum"] = 0;
    }
}
