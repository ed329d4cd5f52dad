using NUnit.Framework;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;

namespace Simulator.Tests.Scenarios;

/// <summary>
/// A scenario may be downloaded: reading one must stay within a little memory, read no other file than the scenarios
/// it extends, and quote little of what it found.
/// </summary>
[NonParallelizable] // sets the process-wide ScenarioFile.AllowExtendsOutside
public sealed class HostileInputTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("replsim-hostile-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        ScenarioFile.AllowExtendsOutside = false;
        Directory.Delete(_dir, recursive: true);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static IReadOnlyList<ScenarioError> ErrorsOf(string path) =>
        Assert.Throws<ScenarioException>(() => ScenarioFile.Load<Scenario>(path))!.Errors;

    /// <summary>Ten levels of aliases, each a list of nine of the one before: 9¹¹ values if expanded.</summary>
    [Test]
    public void NestedAliasesAreRefusedBeforeTheyExpand()
    {
        var lines = new List<string> { "name: laughs", "a0: &a0 [x, x, x, x, x, x, x, x, x]" };
        for (int i = 1; i <= 10; i++) lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]");
        string path = Write("laughs.yaml", string.Join("\n", lines) + "\n");

        long before = GC.GetAllocatedBytesForCurrentThread();
        var errors = ErrorsOf(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].Message, Does.Contain($"more than {YamlLimits.MaxValues:N0} values, aliases expanded"));
        Assert.That(errors[0].Line, Is.GreaterThan(2));
        Assert.That(allocated, Is.LessThan(200L << 20), "bytes allocated while reading");
    }

    [Test]
    public void DeepNestingIsRefusedAtItsPlace()
    {
        string path = Write("deep.yaml", "name: deep\nx: " + new string('[', 5000) + new string(']', 5000) + "\n");

        var error = ErrorsOf(path).Single();

        Assert.That(error.Message, Does.Contain($"nested deeper than {YamlLimits.MaxDepth} levels"));
        Assert.That((error.Line, error.Column), Is.EqualTo((2, 3 + YamlLimits.MaxDepth)), "the first list deeper than the limit, the root mapping counted");
    }

    [Test]
    public void UnknownTagsAreRefusedNotIgnored()
    {
        string path = Write("tag.yaml", "name: !System.Diagnostics.Process calc\n");

        var error = ErrorsOf(path).Single();

        Assert.That(error.ToString(), Does.EndWith("tag.yaml:1:7 name: unknown YAML tag \"!System.Diagnostics.Process\": a scenario's values are plain text, lists and mappings"));
    }

    [TestCase("/etc/passwd")]
    [TestCase("../../../../../../../../etc/passwd")]
    public void ExtendsReadsNoFileButAScenarioInTheScenariosTree(string target)
    {
        string path = Write("a.yaml", $"extends: {target}\nname: x\n");

        var error = ErrorsOf(path).Single();

        Assert.That(error.Message, Does.StartWith($"cannot extend \"{target}\": a scenario extends another scenario, a .yaml or .yml file"));
        Assert.That(error.Message, Does.Not.Contain("root:"), "the file is not read, let alone quoted");
    }

    [Test]
    public void ExtendsOutsideTheScenariosFolderAndTheWorkingDirectoryNeedsTheUsersLeave()
    {
        string outside = Directory.CreateTempSubdirectory("replsim-elsewhere-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(outside, "base.yaml"), "name: base\n");
            string path = Write("sub/a.yaml", $"extends: {Path.GetRelativePath(Path.Combine(_dir, "sub"), Path.Combine(outside, "base.yaml"))}\n");

            var error = ErrorsOf(path).Single();
            Assert.That(error.Message, Does.EndWith("outside the scenario's folder and the working directory (--allow-extends-outside allows it)"));

            ScenarioFile.AllowExtendsOutside = true;
            var errors = ErrorsOf(path); // now read: the base lacks the required fields
            Assert.That(errors.Select(e => e.Message), Has.None.Contains("outside the scenario's folder"));
            Assert.That(errors.Select(e => e.Path), Has.Some.EqualTo("horizon"));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Test]
    public void ErrorsQuoteShortExcerptsOfLongValues()
    {
        string longName = new('z', 5000);
        string path = Write("long.yaml", $"name: x\nhorizon: {longName}\n{longName}: 1\n");

        var errors = ErrorsOf(path);

        Assert.That(errors, Is.Not.Empty);
        foreach (var e in errors)
        {
            Assert.That(e.Message.Length, Is.LessThanOrEqualTo(400), e.Message);
            Assert.That(e.Message, Does.Not.Contain(new string('z', Excerpt.MaxQuoted + 1)));
            Assert.That(e.Path.Length, Is.LessThanOrEqualTo(160));
        }
    }

    [Test]
    public void AFileOfMoreThanAMegabyteIsNotRead()
    {
        string path = Write("big.yaml", "name: big\n#" + new string('x', 2 << 20) + "\n");

        var error = ErrorsOf(path).Single();

        Assert.That(error.Message, Does.StartWith("the scenario file has 2,097,"));
        // Found by the loader's property tests: the refusal had no line. It is where the first mebibyte ends.
        Assert.That((error.Line, error.Column), Is.EqualTo((2, (1 << 20) - "name: big\n".Length + 1)));
    }
}
