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
        if (estimate.Refusal(memory, disk) is not { } refusal) return;
        if (estimate.OutputBytes > disk) ProbeWritable(where);
        throw new BadInputException($"{refusal}: refused before it starts (--ignore-estimate runs it anyway)");
    }

    /// <summary>A disk with no room may be one that cannot be written at all (read-only): say that rather than its size.</summary>
    private static void ProbeWritable(string dir)
    {
        string probe = Path.Combine(dir, $".replsim-probe-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFailedException($"could not write the results in {dir}: {e.Message}", e);
        }
    }
}
