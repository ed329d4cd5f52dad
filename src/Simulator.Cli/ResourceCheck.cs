using Simulator.Experiments;

namespace Simulator.Cli;

/// <summary>
/// Refuses, before it starts, an experiment whose <see cref="ResourceEstimate"/> exceeds the memory the process may use
/// or the free disk where it writes; <c>--ignore-estimate</c> runs it anyway.
/// </summary>
internal static class ResourceCheck
{
    /// <summary>Off for the process when the command line says <c>--ignore-estimate</c>.</summary>
    public static bool Enabled { get; set; } = true;

    /// <exception cref="BadInputException">when the experiment does not fit.</exception>
    public static void Check(ExperimentSetup setup, Shard shard, int threads, string outputRoot)
    {
        if (!Enabled) return;
        var estimate = ResourceEstimate.Of(setup, shard, threads);
        long memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        string where = Path.GetFullPath(outputRoot);
        while (!Directory.Exists(where) && Path.GetDirectoryName(where) is { } parent) where = parent;
        long disk = new DriveInfo(where).AvailableFreeSpace;
        if (estimate.Refusal(memory, disk) is { } refusal)
            throw new BadInputException($"{refusal}: refused before it starts (--ignore-estimate runs it anyway)");
    }
}
