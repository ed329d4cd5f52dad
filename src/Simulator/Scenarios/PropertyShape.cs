using System.Reflection;

namespace Simulator.Scenarios;

/// <summary>One property of a model record with its YAML name (snake_case of the property name).</summary>
internal sealed class PropertyShape
{
    public required PropertyInfo Property { get; init; }
    public required string Name { get; init; }
    public required bool IsRequired { get; init; }
    public required ValueShape Shape { get; init; }
    public string? Description { get; init; }
}
