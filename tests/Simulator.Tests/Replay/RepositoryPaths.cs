using System.Diagnostics;

namespace Simulator.Tests.Replay;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string[]> TrackedFiles = new(ListTracked);

    public static string Root { get; } = FindRoot();

    public static string Scenario(string relative) => Path.Combine(Root, "scenarios", relative);

    /// <summary>
    /// The repository's files (paths relative to its root, with '/'), as git tracks them: what a clone holds, not a
    /// user's drafts beside them. Outside a git checkout (or without git), every file but build output and results.
    /// </summary>
    public static IEnumerable<string> Tracked() => TrackedFiles.Value;

    /// <summary>The tracked scenario files (<c>*.yaml</c>) under <c>scenarios/</c><paramref name="folder"/>, relative to <c>scenarios/</c>, in ordinal order.</summary>
    public static IEnumerable<string> ShippedScenarioFiles(string folder = "") =>
        Tracked().Where(f => f.StartsWith("scenarios/" + folder, StringComparison.Ordinal) && f.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(f => f["scenarios/".Length..]).Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Simulator.sln"))) return dir.FullName;
        throw new InvalidOperationException("Simulator.sln not found above " + AppContext.BaseDirectory);
    }

    private static string[] ListTracked()
    {
        try
        {
            var info = new ProcessStartInfo("git", "ls-files -z") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(info)!;
            string output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode == 0) return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // no git: fall through
        }
        return [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj" or ".git" or "results"))];
    }
}
