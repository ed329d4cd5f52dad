namespace Simulator.Scenarios;

/// <summary>
/// Marks a record deriving from a <see cref="ScenarioUnionAttribute"/> record as one of its kinds, with the value
/// the file gives for the union's key (<c>[ScenarioKind("routing_change")]</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ScenarioKindAttribute(string name) : Attribute
{
    /// <summary>The value of the union's key that selects this record.</summary>
    public string Name { get; } = name;
}
