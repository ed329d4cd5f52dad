namespace Simulator.Scenarios;

/// <summary>One problem found in a scenario file: where it is, which field, what was expected and what was found.</summary>
/// <param name="File">Path of the file as given by the user.</param>
/// <param name="Line">1-based line, 0 when the problem is not tied to a place (a `--set` override, a missing file).</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
/// <param name="Path">Field path such as <c>topology.regions[0].zones[1].clusters[0].nodes</c>.</param>
/// <param name="Message">"expected a positive integer, found \"-3\"".</param>
/// <remarks>The path and the message quote the input in short excerpts only (<see cref="Excerpt"/>).</remarks>
public sealed record ScenarioError(string File, int Line, int Column, string Path, string Message)
{
    public string Path { get; init; } = Excerpt.Of(Path, 160);
    public string Message { get; init; } = Excerpt.Clamp(Message);

    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column} {Path}: {Message}" : $"{File} {Path}: {Message}";
}
