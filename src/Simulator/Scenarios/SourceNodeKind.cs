namespace Simulator.Scenarios;

/// <summary>The three kinds of YAML node.</summary>
internal enum SourceNodeKind
{
    Scalar,
    Sequence,
    Mapping,
}
