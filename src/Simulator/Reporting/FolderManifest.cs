using System.Diagnostics;
using System.Text.Json;
using Simulator.Experiments;

namespace Simulator.Reporting;

/// <summary>
/// Reads and writes the <c>manifest.json</c> of an experiment folder: an <see cref="ExperimentManifest"/> while units are
/// still to be computed or merged, and once the final files are there a <see cref="RunManifest"/> (the same fields for
/// <c>run</c>, <c>compare</c> and <c>sweep</c>). Each is written through a temporary file and a rename.
/// </summary>
public static class FolderManifest
{
    /// <summary>Reads the manifest of <paramref name="dir"/>; refuses folders that are not experiment folders, naming them.</summary>
    /// <exception cref="ExperimentException">when there is no such folder, no manifest, an unreadable one, or one without an experiment block.</exception>
    public static ManifestHeader Read(string dir)
    {
        if (!Directory.Exists(dir)) throw new ExperimentException($"{dir}: no such folder");
        string path = Path.Combine(dir, RunFolder.ManifestFileName);
        if (!File.Exists(path)) throw new ExperimentException($"{dir} has no {RunFolder.ManifestFileName}: not a replsim results folder");
        ManifestHeader header;
        try
        {
            header = ManifestJson.Deserialize<ManifestHeader>(File.ReadAllText(path), RunFolder.ManifestFileName);
        }
        catch (JsonException e)
        {
            throw new ExperimentException($"{path} cannot be read: {e.Message}");
        }
        if (header.Experiment is null)
            throw new ExperimentException($"{dir} has no experiment block in its manifest (written by validate or an older replsim): it cannot be merged or resumed");
        return header;
    }

    /// <summary>The manifest of a folder whose units are not all made into final files yet: a shard, or an interrupted folder.</summary>
    /// <param name="dir">The folder.</param>
    /// <param name="state">Its experiment block.</param>
    /// <param name="createdUtc">When the folder was started.</param>
    /// <param name="wallSeconds">Wall time spent on it so far.</param>
    /// <param name="eventsProcessed">Events fired by the units it holds.</param>
    /// <param name="note">What to do next with it, for people.</param>
    public static void WriteUnfinished(string dir, ExperimentState state, DateTimeOffset createdUtc, double wallSeconds,
        long eventsProcessed, string note)
    {
        var manifest = new ExperimentManifest
        {
            ToolVersion = RunManifest.CurrentToolVersion,
            CreatedUtc = createdUtc,
            WallSeconds = wallSeconds,
            EventsProcessed = eventsProcessed,
            PeakMemoryBytes = PeakMemory(),
            Note = note,
            Experiment = state,
        };
        ManifestJson.WriteAtomically(Path.Combine(dir, RunFolder.ManifestFileName), manifest.ToJson());
    }

    /// <summary>The manifest of a complete folder, listing the final files with their sizes and hashes.</summary>
    /// <param name="dir">The folder.</param>
    /// <param name="state">Its experiment block.</param>
    /// <param name="createdUtc">When the folder was started.</param>
    /// <param name="wallSeconds">Wall time spent on it.</param>
    /// <param name="results">The final files and figures (<see cref="ExperimentFinalizer.Write"/>).</param>
    /// <param name="threads">Threads the units were computed on; null for a merge.</param>
    public static void WriteFinished(string dir, ExperimentState state, DateTimeOffset createdUtc, double wallSeconds,
        ExperimentResults results, int? threads)
    {
        var files = ResolvedScenarioFiles.Present(dir, state.Plan).Concat(results.Files)
            .Select(f => FolderPlacement.Describe(dir, f)).ToList();
        string json = RunManifest.Create(results, state, createdUtc, wallSeconds, PeakMemory(), files, RunEnvironment.Current(threads)).ToJson();
        ManifestJson.WriteAtomically(Path.Combine(dir, RunFolder.ManifestFileName), json);
    }

    private static long PeakMemory()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }
}
