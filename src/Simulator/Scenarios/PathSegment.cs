namespace Simulator.Scenarios;

/// <summary>One step of a field path: a mapping key, a list index, or (in queries only) <c>[*]</c>, any one step.</summary>
internal readonly record struct PathSegment(string? Name, int Index)
{
    public static PathSegment Named(string name) => new(name, -1);
    public static PathSegment At(int index) => new(null, index);
    public static PathSegment Any { get; } = new(null, -1);
    public bool IsIndex => Name is null;
    public bool IsWildcard => Name is null && Index < 0;

    /// <summary>Whether this step of a query matches a step of a concrete path.</summary>
    public bool Matches(PathSegment concrete) => IsWildcard || this == concrete;
}
