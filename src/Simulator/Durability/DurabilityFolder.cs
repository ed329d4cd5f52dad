using System.Diagnostics;
using Simulator.Experiments;
using Simulator.Reporting;
using Simulator.Reporting.Plots;

namespace Simulator.Durability;

/// <summary>
/// Writes a durability results folder the way run folders are written: under a hidden temporary name, renamed into
/// place when complete (<c>OUT/NAME/[compare-|sweep-]TIME-SEED</c>, or exactly <c>--folder</c>, which must not exist),
/// with <c>durability.csv</c>, the plots (PNG and SVG) and <c>manifest.json</c> (every file's SHA-256).
/// </summary>
public static class DurabilityFolder
{
    /// <summary>What goes in the folder besides the manifest.</summary>
    /// <param name="KeyColumns">Columns before the rows' own in <c>durability.csv</c> (<c>variant</c>; <c>point</c> and the varied fields).</param>
    /// <param name="Blocks">Each unit's key values and rows.</param>
    /// <param name="Plots">The plots, each with its file name.</param>
    /// <param name="Extra">Other files: name and writer.</param>
    public sealed record Contents(IReadOnlyList<string> KeyColumns, IReadOnlyList<(IReadOnlyList<string> Key, IReadOnlyList<DurabilityRow> Rows)> Blocks,
        IReadOnlyList<(string Name, ScottPlot.Plot Plot)> Plots, IReadOnlyList<(string Name, Action<string> Write)> Extra);

    /// <summary>Checks that an exact <paramref name="folder"/> does not exist yet (before anything runs).</summary>
    /// <exception cref="ExperimentException">when it does.</exception>
    public static void CheckNew(string? folder)
    {
        if (folder is not null && (Directory.Exists(folder) || File.Exists(folder)))
            throw new ExperimentException($"{folder} already exists: give a new folder");
    }

    /// <summary>Writes the folder and returns its path.</summary>
    /// <param name="outputRoot">Root of results (<c>--out</c>).</param>
    /// <param name="folder">Exactly this folder, or null for <c>OUT/NAME/PREFIX-TIME-SEED</c>.</param>
    /// <param name="name">The name of the analysis or scenario.</param>
    /// <param name="prefix">"", "compare-" or "sweep-".</param>
    /// <param name="created">When the folder was started.</param>
    /// <param name="contents">What to write.</param>
    /// <param name="manifest">The manifest, given the files written.</param>
    public static string Write(string outputRoot, string? folder, string name, string prefix, ulong seed, DateTimeOffset created, Contents contents,
        Func<IReadOnlyList<ManifestFile>, DurabilityManifest> manifest)
    {
        CheckNew(folder);
        string parent, leaf;
        if (folder is not null)
        {
            string exact = Path.GetFullPath(folder);
            parent = Path.GetDirectoryName(exact) ?? ".";
            leaf = Path.GetFileName(exact);
        }
        else
        {
            parent = Path.GetFullPath(Path.Combine(outputRoot, RunFolder.SafeName(name)));
            leaf = prefix + RunFolder.FolderName(created, seed);
        }
        var temp = FolderPlacement.CreateTemp(parent, leaf);
        try
        {
            var files = new List<string>();
            string csv = Path.Combine(temp.Path, DurabilityCsv.FileName);
            DurabilityCsv.Write(csv, contents.KeyColumns, contents.Blocks);
            files.Add(csv);
            foreach (var (file, write) in contents.Extra)
            {
                string path = Path.Combine(temp.Path, file);
                write(path);
                files.Add(path);
            }
            files.AddRange(RunPlots.Save(Path.Combine(temp.Path, RunFolder.PlotsFolderName), contents.Plots));
            var described = files.Select(f => FolderPlacement.Describe(temp.Path, f)).ToList();
            ManifestJson.WriteAtomically(Path.Combine(temp.Path, RunFolder.ManifestFileName), manifest(described).ToJson());
            return folder is not null ? FolderPlacement.MoveExact(temp.Path, Path.GetFullPath(folder)) : FolderPlacement.MoveIntoPlace(temp.Path, parent, leaf);
        }
        catch
        {
            FolderPlacement.TryDelete(temp);
            throw;
        }
    }

    /// <summary>Peak working set of this process.</summary>
    public static long PeakMemoryBytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }
}
