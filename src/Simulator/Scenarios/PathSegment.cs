namespace Simulator.Scenarios;

/// <summary>One step of a field path: a mapping key, or a list index.</summary>
internal readonly record struct PathSegment(string? Name, int Index)
{
    public static PathSegment Named(string name) => new(name, -1);
    public static PathSegment At(int index) => new(null, index);
    public bool IsIndex => Name is null;
}
