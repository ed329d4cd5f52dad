using NUnit.Framework;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;

namespace Simulator.Tests.Replay;

/// <summary>
/// Broken copies of the replay: field errors and the scenario's own rules are reported together, each at the line it
/// concerns, and a rule over a field that failed adds nothing.
/// </summary>
[TestFixture]
public sealed class ScenarioProblemPlacesTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("replsim-places-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    private static string Replay() => File.ReadAllText(RepositoryPaths.Scenario("aws-2011-us-east-1.yaml")).ReplaceLineEndings("\n");

    /// <summary>Replaces the one occurrence of <paramref name="old"/>, so that a change of the shipped file cannot make a test vacuous.</summary>
    private static string Change(string text, string old, string replacement)
    {
        int at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"\"{old}\" is not in the replay");
        Assert.That(text.IndexOf(old, at + 1, StringComparison.Ordinal), Is.LessThan(0), $"\"{old}\" is in the replay more than once");
        return text[..at] + replacement + text[(at + old.Length)..];
    }

    /// <summary>"line:column" of <paramref name="target"/> (all of <paramref name="fragment"/> when null) in the one occurrence of <paramref name="fragment"/>.</summary>
    private static string Where(string text, string fragment, string? target = null)
    {
        int at = text.IndexOf(fragment, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"\"{fragment}\" is not in the text");
        Assert.That(text.IndexOf(fragment, at + 1, StringComparison.Ordinal), Is.LessThan(0), $"\"{fragment}\" is in the text more than once");
        at += target is null ? 0 : fragment.IndexOf(target, StringComparison.Ordinal);
        int line = text[..at].Count(c => c == '\n') + 1;
        int column = at - text.LastIndexOf('\n', at - 1);
        return $"{line}:{column}";
    }

    private IReadOnlyList<string> ErrorsOf(string text)
    {
        string path = Path.Combine(_dir, "broken.yaml");
        File.WriteAllText(path, text);
        var ex = Assert.Throws<ScenarioException>(() => ScenarioFile.Load<Scenario>(path))!;
        return ex.Errors.Select(e => (e with { File = Path.GetFileName(e.File) }).ToString()).ToList();
    }

    [Test]
    public void AFieldErrorAndAnUnknownClusterAreReportedTogetherEachAtItsLine()
    {
        string text = Change(Replay(), "nodes: 2000 ", "nodes: -3   ");
        text = Change(text, "    cluster: ebs-1a\n    portion", "    cluster: ebs-1x\n    portion");

        Assert.That(ErrorsOf(text), Is.EqualTo(new[]
        {
            $"broken.yaml:{Where(text, "-3   ")} topology.regions[0].zones[0].clusters[0].nodes: expected a positive integer, found \"-3\"",
            $"broken.yaml:{Where(text, "ebs-1x")} faults[0].cluster: expected one of the scenario's clusters (ebs-1a), found \"ebs-1x\"; did you mean \"ebs-1a\"?",
        }));
    }

    [Test]
    public void AMissingRequiredFieldIsReportedAtItsMappingAlongWithAnUnknownZone()
    {
        string text = Change(Replay(), "  - at: 0s  ", "  - bt: 0s  ");
        text = Change(text, "    action: disable_api\n    zone: us-east-1a", "    action: disable_api\n    zone: us-east-1q");

        Assert.That(ErrorsOf(text), Is.EqualTo(new[]
        {
            $"broken.yaml:{Where(text, "- bt: 0s", "bt")} faults[0].bt: unknown field \"bt\" for kind \"routing_change\"; did you mean \"at\"?",
            $"broken.yaml:{Where(text, "- bt: 0s", "bt")} faults[0].at: missing required field \"at\" for kind \"routing_change\"",
            $"broken.yaml:{Where(text, "us-east-1q")} operators[0].zone: expected one of the scenario's zones (us-east-1a, us-east-1b, us-east-1c, us-east-1d), found \"us-east-1q\"; did you mean \"us-east-1a\"?",
        }));
    }

    [Test]
    public void ADuplicateZoneIsReportedAtTheSecondDefinitionsName()
    {
        string text = Change(Replay(), "        - name: us-east-1b", "        - name: us-east-1c");

        Assert.That(ErrorsOf(text), Is.EqualTo(new[]
        {
            $"broken.yaml:{Where(text, "us-east-1c\n        - name: us-east-1d", "us-east-1c")} topology.regions[0].zones[2].name: zone \"us-east-1c\" is defined 2 times",
        }));
    }

    [Test]
    public void ARuleAboutADefaultIsReportedAtTheFieldTheFileGives()
    {
        string text = Change(Replay(), "sample_interval: 1m ", "# sample_interval");
        text = Change(text, "horizon: 96h", "horizon: 30s");

        Assert.That(ErrorsOf(text), Is.EqualTo(new[]
        {
            $"broken.yaml:{Where(text, "horizon: 30s", "30s")} horizon: expected at least the sample interval (1m, the default), found 30s",
        }));
    }

    [Test]
    public void AProblemWithAnAbsentFieldIsReportedAtTheNearestMappingInTheFile()
    {
        string text = Change(Replay(), "    action: disable_api\n    zone: us-east-1a\n", "    action: disable_api\n");

        Assert.That(ErrorsOf(text), Is.EqualTo(new[]
        {
            $"broken.yaml:{Where(text, "at: 1.883h")} operators[0].zone: missing required field \"zone\" for action \"disable_api\"",
        }));
    }

    [Test]
    public void RulesOverFieldsThatFailedReportNothingMore()
    {
        string text = Change(Replay(), "        - name: us-east-1a ", "        - name: [us-east-1a]");
        text = Change(text, "    cluster: ebs-1a\n    portion", "    cluster: {name: ebs-1a}\n    portion");
        text = Change(text, "    from: primary\n    to: secondary", "    from: secondery\n    to: primary");

        Assert.That(ErrorsOf(text), Is.EqualTo(new[]
        {
            $"broken.yaml:{Where(text, "[us-east-1a]")} topology.regions[0].zones[0].name: expected a non-empty string, found a list",
            $"broken.yaml:{Where(text, "{name: ebs-1a}")} faults[0].cluster: expected a non-empty string, found a mapping",
            $"broken.yaml:{Where(text, "secondery")} faults[0].from: expected one of primary, secondary, found \"secondery\"; did you mean \"secondary\"?",
        }), "the operators name us-east-1a, whose name was not read; from keeps its default, primary, which equals to");
    }

    [Test]
    public void TheZonesOfAClusterAreCheckedAgainstItsRegionEachProblemAtItsLine()
    {
        string text = Change(Replay(), "            - name: ebs-1a\n", "            - name: ebs-1a\n              zones: [us-east-1b, us-east-1c, us-east-1c, us-east-1x]\n");

        Assert.That(ErrorsOf(text), Is.EqualTo(new[]
        {
            $"broken.yaml:{Where(text, "us-east-1c, us-east-1x", "us-east-1c")} topology.regions[0].zones[0].clusters[0].zones[2]: zone \"us-east-1c\" is listed 2 times",
            $"broken.yaml:{Where(text, "us-east-1x")} topology.regions[0].zones[0].clusters[0].zones[3]: expected a zone of region us-east-1 (us-east-1a, us-east-1b, us-east-1c, us-east-1d), found \"us-east-1x\"; did you mean \"us-east-1a\"?",
            $"broken.yaml:{Where(text, "[us-east-1b")} topology.regions[0].zones[0].clusters[0].zones: must include us-east-1a, the zone the cluster is listed under",
        }));
    }

    [Test]
    public void ZoneSpreadOverFewerZonesThanReplicasIsRefusedAndPowerDomainsCountInEveryZone()
    {
        string text = Change(Replay(), "            - name: ebs-1a\n",
            "            - name: ebs-1a\n              zones: [us-east-1b, us-east-1a]\n              replicas: 3\n              placement: zone_spread\n              power_domains: 2\n");
        text = Change(text, "faults:\n", """
            faults:
              - at: 1h
                kind: power_loss
                cluster: ebs-1a
                power_domains: [3, 4]
                restore_after: {median: 1h}

            """);

        Assert.That(ErrorsOf(text), Is.EqualTo(new[]
        {
            $"broken.yaml:{Where(text, "placement: zone_spread", "zone_spread")} topology.regions[0].zones[0].clusters[0].placement: zone-spread R=3 needs at least 3 zones, the cluster has 2",
            $"broken.yaml:{Where(text, "[3, 4]", "4")} faults[0].power_domains[1]: expected a power domain of cluster ebs-1a (0 to 3), found 4",
        }), "two zones of two power domains each: power domains 0 to 3");

        string fixedText = Change(text, "[us-east-1b, us-east-1a]", "[us-east-1b, us-east-1a, us-east-1d]");
        fixedText = Change(fixedText, "[3, 4]", "[3, 5]");
        string path = Path.Combine(_dir, "fixed.yaml");
        File.WriteAllText(path, fixedText);
        var cluster = ScenarioFile.Load<Scenario>(path).Topology.Regions[0].Zones[0].Clusters[0];
        Assert.That(cluster.Zones, Is.EqualTo(new[] { "us-east-1b", "us-east-1a", "us-east-1d" }));
        Assert.That(cluster.TotalPowerDomains, Is.EqualTo(6));
    }

    private static string RegionLoss() => File.ReadAllText(RepositoryPaths.Scenario("multi-region/region-loss-async.yaml")).ReplaceLineEndings("\n");

    [Test]
    public void CrossRegionProblemsAreRefusedTogetherEachAtItsLine()
    {
        string text = Change(RegionLoss(), "between: [us-east-1, eu-west-1]", "between: [us-east-1, eu-wst-1]");
        text = Change(text, "    to: eu-west-1\n", "    to: ap-south-1\n");
        text = text + """
              - name: west-to-east
                cluster: east-1a
                share: 50%
                to: us-east-1
                mode: snapshot
                every: 0s
                write_rate: {median: 1KB/s}

            """.Replace("\n  - name: west-to-east", "\n  - name: west-to-east");
        text = Change(text, "faults:\n", "faults:\n  - {at: 1h, kind: link_cut, link: us-east-1--eu-west-2}\n");
        // The second class follows the faults in the file: move it under cross_region.
        int cls = text.IndexOf("  - name: west-to-east", StringComparison.Ordinal);
        string second = text[cls..];
        text = Change(text[..cls], "\nfaults:\n", "\n" + second.TrimEnd('\n') + "\n\nfaults:\n");

        Assert.That(ErrorsOf(text), Is.EqualTo(new[]
        {
            $"broken.yaml:{Where(text, "every: 0s", "0s")} cross_region[1].every: expected a positive duration, found \"0s\"",
            $"broken.yaml:{Where(text, "eu-wst-1")} topology.links[0].between[1]: expected a region or a zone (us-east-1, eu-west-1, us-east-1a, eu-west-1a), found \"eu-wst-1\"; did you mean \"eu-west-1\"?",
            $"broken.yaml:{Where(text, "ap-south-1")} cross_region[0].to: expected one of the scenario's regions (us-east-1, eu-west-1), found \"ap-south-1\"",
            $"broken.yaml:{Where(text, "to: us-east-1\n", "us-east-1")} cross_region[1].to: expected another region than the cluster's own (us-east-1): a failover must leave the region",
            $"broken.yaml:{Where(text, "us-east-1--eu-west-2")} faults[0].link: expected one of the scenario's links (us-east-1--eu-west-1), found \"us-east-1--eu-west-2\"; did you mean \"us-east-1--eu-west-1\"?",
        }));
    }
}
