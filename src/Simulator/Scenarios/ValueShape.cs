namespace Simulator.Scenarios;

/// <summary>How one value of a scenario model is read: its kind, whether null is allowed, its elements, its constraints.</summary>
internal sealed class ValueShape
{
    public required ValueKind Kind { get; init; }

    /// <summary>The property's or element's CLR type as declared (int? stays int?).</summary>
    public required Type ClrType { get; init; }

    /// <summary>The CLR type without <see cref="Nullable{T}"/>.</summary>
    public required Type Type { get; init; }
    public bool IsNullable { get; init; }

    /// <summary>Element of a list or value of a dictionary.</summary>
    public ValueShape? Element { get; init; }
    public RecordShape? Record { get; init; }
    public UnionShape? Union { get; init; }

    /// <summary>Enum members by their YAML name (snake_case), in declaration order.</summary>
    public IReadOnlyList<(string Name, object Value)> EnumMembers { get; init; } = [];

    public IReadOnlyList<ScenarioConstraintAttribute> Constraints { get; init; } = [];

    public bool IsArray => Kind == ValueKind.List && Type.IsArray;

    public bool IsNumericLeaf => Kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double or ValueKind.Duration
        or ValueKind.ByteSize or ValueKind.Bandwidth or ValueKind.Fraction or ValueKind.Rate;

    /// <summary>The word for the value in "expected a … ".</summary>
    public string Noun => Kind switch
    {
        ValueKind.String => "string",
        ValueKind.Int32 or ValueKind.Int64 => "integer",
        ValueKind.Double => "number",
        ValueKind.Boolean => "boolean",
        ValueKind.Enum => "name",
        ValueKind.Duration => "duration",
        ValueKind.ByteSize => "size",
        ValueKind.Bandwidth => "bandwidth",
        ValueKind.Fraction => "fraction",
        ValueKind.Rate => "rate",
        ValueKind.DateTimeOffset => "date and time",
        ValueKind.List => "list",
        _ => "mapping",
    };
}
