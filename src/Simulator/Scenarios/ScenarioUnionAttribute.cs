namespace Simulator.Scenarios;

/// <summary>
/// Marks an abstract model record as a union: a mapping in the file is one of its kinds, chosen by the value of the
/// key <see cref="Key"/> (<c>kind: routing_change</c>). The kinds are the non-abstract records deriving from it, in
/// its assembly, that carry <see cref="ScenarioKindAttribute"/>; each has the base's fields first, then its own.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ScenarioUnionAttribute(string key) : Attribute
{
    /// <summary>The key whose value names the kind ("kind", "action").</summary>
    public string Key { get; } = key;
}
