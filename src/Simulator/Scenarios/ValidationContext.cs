namespace Simulator.Scenarios;

/// <summary>
/// What <see cref="IValidatable.Validate"/> may ask about the record being checked: which of its fields were read
/// (<see cref="IsBound"/>) and which the scenario gives rather than leaving to the model's default
/// (<see cref="IsGiven"/>). Paths are relative to the record, written as in errors: <c>horizon</c>,
/// <c>faults[2].cluster</c>, <c>topology.regions[0].zones[1].name</c>.
/// </summary>
public sealed class ValidationContext
{
    private readonly List<PathSegment> recordPath;
    private readonly SourceNode node;
    private readonly IReadOnlyList<List<PathSegment>> failures;

    internal ValidationContext(List<PathSegment> recordPath, SourceNode node, IReadOnlyList<List<PathSegment>> failures)
    {
        this.recordPath = recordPath;
        this.node = node;
        this.failures = failures;
    }

    /// <summary>
    /// True when every path holds what the scenario says: no error was reported at the field or at a field
    /// that contains it, so the value was read (or, when absent, is the model's default). False when the field keeps
    /// its default only because its value was wrong: it is reported already, and a rule reading it must not report
    /// more. A list or record that was read is bound even when some of its items or fields are not; ask about the
    /// fields a rule reads. <c>[*]</c> stands for every index of a list or key of a mapping:
    /// <c>IsBound("topology.regions[*].zones[*].name")</c> is true when every zone's name was read.
    /// </summary>
    /// <exception cref="ArgumentException">when a path is not well formed.</exception>
    public bool IsBound(params string[] relativePaths)
    {
        ArgumentNullException.ThrowIfNull(relativePaths);
        foreach (string relative in relativePaths)
        {
            var query = Absolute(relative);
            foreach (var failure in failures)
                if (failure.Count <= query.Count && failure.Select((step, i) => query[i].Matches(step)).All(m => m))
                    return false;
        }
        return true;
    }

    /// <summary>
    /// True when the scenario (a file or an override) gives the field, false when it is absent and keeps the
    /// model's default. A rule about two fields reports at the one that is given, so that the error points at a
    /// line the user wrote.
    /// </summary>
    /// <exception cref="ArgumentException">when the path is not well formed.</exception>
    public bool IsGiven(string relativePath)
    {
        var steps = Relative(relativePath, allowWildcards: false);
        return node.Follow(steps).Depth == steps.Count;
    }

    private List<PathSegment> Absolute(string relative) => [.. recordPath, .. Relative(relative, allowWildcards: true)];

    private static List<PathSegment> Relative(string relative, bool allowWildcards)
    {
        ArgumentNullException.ThrowIfNull(relative);
        if (relative.Length == 0) return [];
        return FieldPath.Parse(relative, allowWildcards)
            ?? throw new ArgumentException($"\"{relative}\" is not a field path such as \"zones[1].name\"", nameof(relative));
    }
}
