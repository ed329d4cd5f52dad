using Simulator.Experiments;

namespace Simulator.Reporting;

/// <summary>
/// What every experiment folder's manifest has, whichever kind wrote it (an <see cref="ExperimentManifest"/> or a
/// <c>run</c> folder's <see cref="RunManifest"/>): what <c>merge</c> and <c>--resume</c> read.
/// </summary>
/// <param name="ToolVersion">Version that wrote it.</param>
/// <param name="CreatedUtc">When the folder was started.</param>
/// <param name="WallSeconds">Wall time spent on it so far.</param>
/// <param name="Experiment">The experiment block; null for folders of older versions.</param>
public sealed record ManifestHeader(string? ToolVersion, DateTimeOffset CreatedUtc, double WallSeconds, ExperimentState? Experiment);
