namespace Simulator.Reporting;

/// <summary>One scenario of a folder, as its manifest names it.</summary>
/// <param name="Name">The scenario's <c>name:</c>.</param>
/// <param name="Label">Its name in the folder's CSVs (the <c>variant</c> column of a compare; unique).</param>
/// <param name="Path">The file as given on the command line.</param>
/// <param name="FullPath">The file's absolute path.</param>
/// <param name="Sha256">SHA-256 of <paramref name="File"/>'s bytes: the resolved scenario (<see cref="Scenarios.ResolvedScenario"/>).</param>
/// <param name="File">The resolved scenario saved in the folder, relative to it (<c>scenario.yaml</c>).</param>
public sealed record ManifestScenario(string Name, string Label, string Path, string FullPath, string Sha256, string File);
