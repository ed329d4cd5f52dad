namespace Simulator.Tests.Scenarios;

/// <summary>A temporary directory for scenario files, deleted on dispose.</summary>
public sealed class ScenarioFiles : IDisposable
{
    public ScenarioFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "replsim-scenarios-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>Writes <paramref name="text"/> (LF newlines) to <paramref name="name"/> and returns its full path.</summary>
    public string Write(string name, string text)
    {
        string path = Path.Combine(Directory, name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
