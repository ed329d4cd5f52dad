namespace Simulator.Tests.Replay;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Scenario(string relative) => Path.Combine(Root, "scenarios", relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Simulator.sln"))) return dir.FullName;
        throw new InvalidOperationException("Simulator.sln not found above " + AppContext.BaseDirectory);
    }
}
