using NUnit.Framework;
using Simulator.Cli;

namespace Simulator.Tests.Cli;

public sealed class CliAppTests
{
    private string _scenario = "";

    [SetUp]
    public void WriteAScenarioFile()
    {
        _scenario = Path.Combine(Path.GetTempPath(), $"replsim-cli-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(_scenario, "name: cli-test\n");
    }

    [TearDown]
    public void DeleteScenarioFile() => File.Delete(_scenario);

    [Test]
    public void VersionPrintsTheInformationalVersionAndExitsZero()
    {
        var (code, output, error) = Run("--version");
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output.Trim(), Is.EqualTo(CliApp.Version));
        Assert.That(CliApp.Version, Does.StartWith("0."));
    }

    [Test]
    public void HelpListsTheCommandsAndExitsZero()
    {
        var (code, output, _) = Run("--help");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("run <scenario>").And.Contain("validate <scenario>"));
    }

    [TestCase("run")]
    [TestCase("validate")]
    public void AMissingScenarioFileIsBadInputNamingThePath(string command)
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-dir", "no-such-scenario.yaml");
        var (code, output, error) = Run(command, missing);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain(missing));
        Assert.That(output, Is.Empty);
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("lots")]
    [TestCase("NaN")]
    public void AScaleThatIsNotPositiveIsBadInput(string scale)
    {
        var (code, _, error) = Run("run", _scenario, "--scale", scale);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--scale expects a number greater than 0").And.Contain($"\"{scale}\""));
    }

    [TestCase("--seed", "-3", "--seed expects a non-negative integer")]
    [TestCase("--seed", "1.5", "--seed expects a non-negative integer")]
    [TestCase("--set", "novalue", "--set expects path=value")]
    [TestCase("--sample-interval", "5 fortnights", "--sample-interval expected a duration")]
    [TestCase("--sample-interval", "0s", "--sample-interval expects a positive duration")]
    public void OtherBadOptionValuesAreBadInputWithAReason(string option, string value, string reason)
    {
        var (code, _, error) = Run("validate", _scenario, option, value);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void AnUnknownCommandIsBadInput()
    {
        var (code, _, error) = Run("simulate", _scenario);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("simulate"));
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
