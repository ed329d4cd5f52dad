namespace Simulator.Scenarios;

/// <summary>What a model property holds, as far as reading YAML and writing the schema are concerned.</summary>
internal enum ValueKind
{
    String,
    Int32,
    Int64,
    Double,
    Boolean,
    Enum,
    Duration,
    ByteSize,
    Bandwidth,
    Fraction,
    Rate,
    DateTimeOffset,
    List,
    Dictionary,
    Record,

    /// <summary>One of several records, chosen by the value of a key (<see cref="ScenarioUnionAttribute"/>).</summary>
    Union,
}
