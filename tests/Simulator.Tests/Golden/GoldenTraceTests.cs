using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NUnit.Framework;
using Simulator.Experiments;
using Simulator.Tests.Replay;

namespace Simulator.Tests.Golden;

/// <summary>
/// Golden traces: every shipped simulation scenario, at seed 1, scaled to about 20,000 volumes (never up) and at most
/// 6 simulated hours, digested —
/// the time of every event, in order, then every row of its time series — and pinned in <c>trace-digests.txt</c>. A
/// change of behaviour shows in review as a changed digest beside the scenario's name. When a change is meant, update
/// the file with: <c>REPLSIM_WRITE_GOLDEN=1 dotnet test --filter FullyQualifiedName~GoldenTraceTests</c>.
/// </summary>
[NonParallelizable]
public sealed class GoldenTraceTests
{
    private const double Volumes = 20_000;
    private static readonly string DigestFile = Path.Combine(RepositoryPaths.Root, "tests", "Simulator.Tests", "Golden", "trace-digests.txt");

    private static IEnumerable<string> Scenarios() => SchemaFileTests.ShippedScenarios().Where(s => !s.StartsWith("durability/", StringComparison.Ordinal));

    [Test]
    public void EveryShippedScenarioTracesAsPinned()
    {
        var lines = Scenarios().Select(s => $"{s} {Digest(s)}").ToList();
        if (Environment.GetEnvironmentVariable("REPLSIM_WRITE_GOLDEN") == "1")
            File.WriteAllText(DigestFile, string.Join("\n", lines) + "\n");
        Assert.That(File.Exists(DigestFile), Is.True, "no pinned digests; write them with REPLSIM_WRITE_GOLDEN=1");
        var pinned = File.ReadAllLines(DigestFile).Where(l => l.Length > 0).ToList();
        Assert.That(lines, Is.EqualTo(pinned),
            "a scenario's trace changed (or a scenario was added or removed); if the change is meant, run REPLSIM_WRITE_GOLDEN=1 dotnet test --filter FullyQualifiedName~GoldenTraceTests");
    }

    /// <summary>The digest and the number of events: two runs of one scenario give the same, and a different seed does not.</summary>
    [Test]
    public void TheDigestIsDeterministicAndSeesTheSeed()
    {
        string a = Digest("aws-2011-us-east-1.yaml"), b = Digest("aws-2011-us-east-1.yaml"), c = Digest("aws-2011-us-east-1.yaml", seed: 2);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(c, Is.Not.EqualTo(a));
    }

    private static string Digest(string relative, ulong seed = 1)
    {
        var loaded = ScenarioRunner.Load(RepositoryPaths.Scenario(relative));
        var scenario = loaded.Model;
        if (scenario.Horizon > Engine.Duration.FromHours(6)) scenario = scenario with { Horizon = Engine.Duration.FromHours(6) };
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var tick = new byte[8];
        long events = 0;
        long volumes = scenario.Topology.Regions.Sum(r => r.Zones.Sum(z => z.Clusters.Sum(c => (long)c.Volumes)));
        double scale = Math.Min(1, Volumes / Math.Max(1, volumes));
        var run = new SimulationRun(scenario, seed, 0, scale)
        {
            AfterEveryEvent = r =>
            {
                BitConverter.TryWriteBytes(tick, r.Now.Ticks);
                hash.AppendData(tick);
                events++;
            },
        };
        run.Run(scenario.SampleInterval);
        foreach (var row in run.Rows)
            hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{row.Replication},{row.TimeH:R},{row.Scope},{row.Metric},{row.Value:R}\n")));
        return $"{Convert.ToHexStringLower(hash.GetHashAndReset())} events={events}";
    }
}
