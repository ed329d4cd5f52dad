using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Simulator.Tests.Replay;

/// <summary>
/// A user who clones the repository finds everything it refers to: no tracked file names a relative path that leaves
/// the repository or names a file it does not have.
/// </summary>
public sealed partial class StandAloneTests
{
    /// <summary>Files whose outside paths are the point: test data of refused input.</summary>
    private static readonly string[] Allowed = ["tests/Simulator.Tests/Scenarios/HostileInputTests.cs"];

    [Test]
    public void NoTrackedFileRefersToAPathOutsideTheRepository()
    {
        string root = RepositoryPaths.Root;
        var problems = new List<string>();
        var tracked = RepositoryPaths.Tracked().ToList();
        foreach (string file in tracked)
        {
            if (Allowed.Contains(file)) continue;
            string full = Path.Combine(root, file);
            if (!File.Exists(full) || IsBinary(full)) continue;
            string[] lines = File.ReadAllLines(full);
            for (int i = 0; i < lines.Length; i++)
                foreach (Match m in RelativePath().Matches(lines[i]))
                {
                    string target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(full)!, m.Value));
                    bool inside = target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || target == root;
                    if (inside && (File.Exists(target) || Directory.Exists(target) || file.EndsWith(".cs", StringComparison.Ordinal))) continue; // code builds its own temporary paths
                    // An example written from another folder of the repository ("extends: ../base.yaml" in the README)
                    // names a file the repository has.
                    string tail = "/" + Regex.Replace(m.Value, @"^(\.\./)+", "");
                    if (tracked.Any(t => ("/" + t).EndsWith(tail, StringComparison.Ordinal))) continue;
                    problems.Add($"{file}:{i + 1}: \"{m.Value}\" " + (inside ? "names no file of the repository" : "leaves the repository"));
                }
        }
        Assert.That(problems, Is.Empty);
    }

    private static bool IsBinary(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[8000];
        int read = stream.Read(buffer);
        return buffer.AsSpan(0, read).Contains((byte)0);
    }

    /// <summary>A relative path that climbs: ../x, ../../x/y.md.</summary>
    [GeneratedRegex(@"(?:\.\./)+[\w.\-]+(?:/[\w.\-]+)*")]
    private static partial Regex RelativePath();
}
