using NUnit.Framework;

namespace Simulator.Tests.ExperimentLayer;

/// <summary>Byte-for-byte checks of result folders.</summary>
internal static class FolderAssert
{
    /// <summary>The CSV files of both folders have the same names and the same bytes.</summary>
    public static void SameCsvBytes(string expected, string actual)
    {
        var names = CsvNames(expected);
        Assert.That(names, Is.Not.Empty, $"no CSV in {expected}");
        Assert.That(CsvNames(actual), Is.EqualTo(names), "the same CSV files");
        foreach (var name in names)
            Assert.That(File.ReadAllBytes(Path.Combine(actual, name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(expected, name))),
                $"{name} differs between {expected} and {actual}");
    }

    public static IReadOnlyList<string> CsvNames(string dir) =>
        [.. Directory.GetFiles(dir, "*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>Everything under <paramref name="dir"/>, relative, sorted: to show that nothing was written.</summary>
    public static IReadOnlyList<string> Entries(string dir) =>
        Directory.Exists(dir)
            ? [.. Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(dir, p)).Order(StringComparer.Ordinal)]
            : [];
}
