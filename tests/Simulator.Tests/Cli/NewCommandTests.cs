using NUnit.Framework;
using Simulator.Cli;
using Simulator.Experiments;
using Simulator.Tests.Replay;

namespace Simulator.Tests.Cli;

/// <summary><c>replsim new</c>: a scenario of one's own from the built-in template, which is the shipped file; never an overwrite.</summary>
public sealed class NewCommandTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("replsim-new-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Test]
    public void TheBuiltInTemplatesAreTheShippedFiles()
    {
        var shipped = RepositoryPaths.ShippedScenarioFiles("templates/").Select(f => Path.GetFileNameWithoutExtension(f)).ToList();

        Assert.That(NewCommand.Templates, Is.EqualTo(shipped).And.Contains("cluster"));
        foreach (string template in shipped)
            Assert.That(NewCommand.Text(template), Is.EqualTo(File.ReadAllText(RepositoryPaths.Scenario($"templates/{template}.yaml"))));
    }

    [Test]
    public void NewWritesAScenarioOfThatNameWithNoOperatorsNorValidationThatLoads()
    {
        var (code, output, error) = Run("new", "my-cluster", "--dir", Path.Combine(_dir, "mine"));

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);
        string path = Path.Combine(_dir, "mine", "my-cluster.yaml");
        Assert.That(output, Does.Contain("replsim run "));
        var loaded = ScenarioRunner.Load(path);
        Assert.That(loaded.Model.Name, Is.EqualTo("my-cluster"));
        Assert.That(loaded.Model.Operators, Is.Empty);
        Assert.That(loaded.Model.Validation, Is.Empty);
        Assert.That(loaded.Model.Databases, Is.Null);
        Assert.That(loaded.Model.Faults, Has.Count.EqualTo(1));
        Assert.That(File.ReadAllText(path), Does.Not.StartWith("# yaml-language-server"), "no schema above a temporary folder");
        Assert.That(Directory.GetFiles(Path.Combine(_dir, "mine")), Has.Length.EqualTo(1), "no temporary file left");
    }

    [Test]
    public void NewNeverOverwritesAndRefusesBadNamesAndUnknownTemplates()
    {
        string path = Path.Combine(_dir, "taken.yaml");
        File.WriteAllText(path, "mine\n");

        var taken = Run("new", "taken", "--dir", _dir);
        var badName = Run("new", "../escape", "--dir", _dir);
        var unknown = Run("new", "fine", "--from", "clustr", "--dir", _dir);

        Assert.That(taken.Code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(taken.Error, Does.Contain("taken.yaml exists"));
        Assert.That(File.ReadAllText(path), Is.EqualTo("mine\n"));
        Assert.That(badName.Code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(unknown.Code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(unknown.Error, Does.Contain("expected a template (cluster"));
        Assert.That(Directory.GetFiles(_dir), Is.EqualTo(new[] { path }));
    }
}
