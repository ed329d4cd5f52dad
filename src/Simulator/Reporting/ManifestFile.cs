namespace Simulator.Reporting;

/// <summary>One file of a run folder as listed in its manifest.</summary>
/// <param name="Path">Path relative to the run folder, with <c>/</c> separators (<c>plots/outage-curve.png</c>).</param>
/// <param name="Bytes">Size of the file.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
public sealed record ManifestFile(string Path, long Bytes, string Sha256);
