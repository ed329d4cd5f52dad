using NUnit.Framework;
using Simulator.Scenarios;

namespace Simulator.Tests.Scenarios;

public sealed class ScenarioHashTests
{
    private ScenarioFiles files = null!;

    [SetUp]
    public void SetUp() => files = new ScenarioFiles();

    [TearDown]
    public void TearDown() => files.Dispose();

    [Test]
    public void TheHashIgnoresCommentsLayoutAndKeyOrderButNotValues()
    {
        string a = files.Write("a.yaml", "name: x\nseed: 1\nretry: {backoff: fixed}\n");
        string b = files.Write("b.yaml", "# same scenario\nseed: 1   # the seed\nretry:\n  backoff: 'fixed'\nname: x\n");
        string c = files.Write("c.yaml", "name: x\nseed: 2\nretry: {backoff: fixed}\n");

        string hash = ScenarioFile.Sha256(a);

        Assert.That(hash, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(ScenarioFile.Sha256(b), Is.EqualTo(hash));
        Assert.That(ScenarioFile.Sha256(c), Is.Not.EqualTo(hash));
    }

    [Test]
    public void TheHashCoversTheExtendsChainAndTheOverrides()
    {
        files.Write("base.yaml", "name: x\nseed: 1\n");
        string child = files.Write("child.yaml", "extends: base.yaml\nretry: {backoff: fixed}\n");
        string flat = files.Write("flat.yaml", "name: x\nseed: 1\nretry: {backoff: fixed}\n");

        Assert.That(ScenarioFile.Sha256(child), Is.EqualTo(ScenarioFile.Sha256(flat)));
        Assert.That(ScenarioFile.Sha256(child, ["seed=2"]), Is.Not.EqualTo(ScenarioFile.Sha256(child)));
        Assert.That(ScenarioFile.Sha256(child, ["seed=1"]), Is.EqualTo(ScenarioFile.Sha256(child)));

        files.Write("base.yaml", "name: x\nseed: 3\n");
        Assert.That(ScenarioFile.Sha256(child), Is.Not.EqualTo(ScenarioFile.Sha256(flat)));
    }

    [Test]
    public void TheHashOfAKnownDocumentIsStable()
    {
        string a = files.Write("a.yaml", "name: x\nseed: 1\n");

        // SHA-256 of the canonical text {"name":"x","seed":"1"}.
        Assert.That(ScenarioFile.Sha256(a), Is.EqualTo(Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData("{\"name\":\"x\",\"seed\":\"1\"}"u8))));
    }
}
