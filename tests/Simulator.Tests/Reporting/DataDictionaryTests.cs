using NUnit.Framework;
using System.Text.Json;
using Simulator.Cli;
using Simulator.Reporting;
using Simulator.Tests.ExperimentLayer;

namespace Simulator.Tests.Reporting;

/// <summary>
/// docs/outputs.md against what the commands write: small experiments of every kind, every file, column, metric, scope
/// and figure they emit must be defined there; the generated tables must be what the code defines; one summary header
/// for one replication and several; and a run repeated from its folder alone gives the same bytes.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class DataDictionaryTests
{
    private string _root = "";
    private readonly Dictionary<string, string> _folders = [];

    [OneTimeSetUp]
    public void RunSmallExperimentsOfEveryKind()
    {
        _root = Directory.CreateTempSubdirectory("replsim-dictionary-").FullName;
        Cli("run1", ["run", TinyExperiments.Replay, .. TinyExperiments.Flags, "--replications", "1"]);
        Cli("run3", ["run", TinyExperiments.Replay, .. TinyExperiments.Flags, "--replications", "3", "--format", "parquet"]);
        Cli("compare", ["compare", TinyExperiments.Replay, TinyExperiments.RaceFixed, .. TinyExperiments.Flags, "--replications", "2", "--volumes"]);
        Cli("sweep", ["sweep", TinyExperiments.Replay, .. TinyExperiments.Flags, "--replications", "2",
            "--vary", $"{TinyExperiments.FreeCapacityPath}=1%,5%", "--vary", "replication.retry.interval=1s,30s"]);
        foreach (int i in new[] { 0, 1 })
            Cli($"shard{i}", ["compare", TinyExperiments.Replay, TinyExperiments.RaceFixed, .. TinyExperiments.Flags, "--replications", "2", "--shard", $"{i}/2"]);
        Cli("merged", ["merge", _folders["shard0"], _folders["shard1"]], folderOption: "--out");
        Cli("durability", ["durability", "mttdl", "--replicas", "3", "--failure-rate", "8.1345e-3/d", "--repair-rate", "66/d", "--trials", "2000"]);
        string copyset = Path.Combine(_root, "copyset.yaml");
        File.WriteAllText(copyset, "name: copyset\nseed: 3\ndurability:\n  kind: simultaneous\n  nodes: 300\n  replicas: 3\n  placement: copyset\n" +
            "  scatter_width: 2\n  chunks_per_node: 20\n  failed: 1%\n  trials: 200\n");
        Cli("durability-sweep", ["sweep", copyset, "--vary", "durability.scatter_width=2,4"]);
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private void Cli(string name, string[] args, string folderOption = "--folder")
    {
        string folder = Path.Combine(_root, name);
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run([.. args, folderOption, folder], output, error);
        Assert.That(code, Is.EqualTo(0), $"{string.Join(' ', args)}: {error}");
        _folders[name] = folder;
    }

    private IEnumerable<(string Folder, string File)> Csvs(params string[] names) =>
        names.SelectMany(n => Directory.EnumerateFiles(_folders[n], "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (n, f)));

    private static string[] Header(string csv) => File.ReadLines(csv).First().Split(',');

    private static readonly string[] Finished = ["run1", "run3", "compare", "sweep", "merged", "durability", "durability-sweep"];

    [Test]
    public void TheGeneratedTablesAreWhatTheCodeDefines()
    {
        var dictionary = DataDictionary.Load();
        string expected = dictionary.WithGenerated();
        if (Environment.GetEnvironmentVariable("REPLSIM_WRITE_DOCS") == "1" && expected != File.ReadAllText(DataDictionary.Path))
            File.WriteAllText(DataDictionary.Path, expected);
        Assert.That(File.ReadAllText(DataDictionary.Path), Is.EqualTo(expected),
            "docs/outputs.md's tables of scopes, metrics and figures differ from the code: rewrite them with REPLSIM_WRITE_DOCS=1");
    }

    [Test]
    public void EveryFileAndColumnWrittenIsDefined()
    {
        var dictionary = DataDictionary.Load();
        var figureIds = dictionary.Generated("figures");
        var problems = new List<string>();
        foreach (var (folder, csv) in Csvs(Finished))
        {
            string name = Path.GetFileName(csv);
            var documented = dictionary.Columns(name == "outage-curves.csv" ? "timeseries.csv" : name);
            if (documented.Count == 0) problems.Add($"{folder}/{name}: no section ### `{name}`");
            foreach (var column in Header(csv).Where(c => !DataDictionary.Matches(documented, c, figureIds)))
                problems.Add($"{folder}/{name}: column {column}");
        }
        foreach (var folder in Finished)
            foreach (var file in Directory.EnumerateFiles(_folders[folder], "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(_folders[folder], file).Replace('\\', '/');
                if (relative.StartsWith("plots/", StringComparison.Ordinal)) continue;
                string listed = relative.StartsWith("scenarios/", StringComparison.Ordinal) ? "scenarios/<variant>.yaml" : relative;
                if (!dictionary.Files.Contains(listed)) problems.Add($"{folder}: file {relative}");
            }
        Assert.That(problems, Is.Empty, "written but not defined in docs/outputs.md");
    }

    [Test]
    public void EveryMetricScopeFigureAndQuantityWrittenIsDefined()
    {
        var dictionary = DataDictionary.Load();
        var metrics = dictionary.Generated("metrics");
        var scopes = dictionary.Generated("scopes");
        var problems = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (folder, csv) in Csvs(Finished))
        {
            var header = Header(csv);
            int metric = Array.IndexOf(header, "metric"), scope = Array.IndexOf(header, "scope"), quantity = Array.IndexOf(header, "quantity");
            if (metric < 0 && quantity < 0) continue;
            foreach (var fields in File.ReadLines(csv).Skip(1).Select(l => l.Split(',')))
            {
                if (metric >= 0 && !metrics.Contains(fields[metric])) problems.Add($"metric {fields[metric]} ({Path.GetFileName(csv)})");
                if (scope >= 0 && !scopes.Contains(fields[scope].Split(':')[0])) problems.Add($"scope kind of {fields[scope]}");
                if (quantity >= 0 && !dictionary.DurabilityQuantities.Contains(fields[quantity])) problems.Add($"quantity {fields[quantity]}");
            }
        }
        Assert.That(problems, Is.Empty, "written but not defined in docs/outputs.md");
        Assert.That(ExperimentFigures.All.Select(f => f.Id), Is.SubsetOf(dictionary.Generated("figures")));
    }

    [Test]
    public void EveryManifestFieldIsDefined()
    {
        var documented = DataDictionary.Load().ManifestFields;
        foreach (var folder in new[] { "run1", "compare", "sweep", "merged" })
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folders[folder], "manifest.json")));
            var fields = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            Assert.That(fields, Is.SubsetOf(documented), $"{folder}/manifest.json");
        }
        string[] Fields(string folder)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folders[folder], "manifest.json")));
            return [.. json.RootElement.EnumerateObject().Select(p => p.Name)];
        }
        Assert.That(Fields("compare"), Is.EqualTo(Fields("run1")), "compare's manifest has run's top-level fields");
        Assert.That(Fields("sweep"), Is.EqualTo(Fields("run1")), "sweep's manifest has run's top-level fields");
    }

    [Test]
    public void SummaryHasOneHeaderForOneReplicationAndForThree()
    {
        string one = Path.Combine(_folders["run1"], "summary.csv"), three = Path.Combine(_folders["run3"], "summary.csv");
        Assert.That(Header(one), Is.EqualTo(Header(three)));
        Assert.That(Header(one), Is.EqualTo(SummaryCsv.Header));
        // With one replication the spread that needs two is NA (empty), and peak is that replication's peak.
        var row = File.ReadLines(one).Skip(1).Select(l => l.Split(',')).First(f => f[1] == "volumes_stuck_pct");
        var header = Header(one);
        Assert.That(row[Array.IndexOf(header, "peak_sd")], Is.Empty);
        Assert.That(row[Array.IndexOf(header, "peak_ci95_truncated")], Is.Empty);
        Assert.That(row[Array.IndexOf(header, "peak_min")], Is.EqualTo(row[Array.IndexOf(header, "peak")]));
    }

    [Test]
    public void ConfidenceIntervalsOfNonNegativeFiguresStayAtOrAboveZero()
    {
        foreach (var (folder, csv) in Csvs("run3", "compare", "sweep"))
        {
            var header = Header(csv);
            var lows = header.Select((h, i) => (h, i)).Where(x => x.h.EndsWith("ci95_low", StringComparison.Ordinal) && !x.h.StartsWith("diff", StringComparison.Ordinal)).ToList();
            foreach (var fields in File.ReadLines(csv).Skip(1).Select(l => l.Split(',')))
                foreach (var (h, i) in lows)
                    if (fields[i].Length > 0)
                        Assert.That(double.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(0),
                            $"{folder}/{Path.GetFileName(csv)} {h}");
        }
    }

    [Test]
    public void ARunRepeatedFromItsFolderAloneWritesTheSameBytes()
    {
        string original = _folders["run3"];
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(original, "manifest.json")));
        var m = json.RootElement;
        string scenario = Path.Combine(original, m.GetProperty("scenario_file").GetString()!);
        Assert.That(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(scenario))),
            Is.EqualTo(m.GetProperty("scenario_sha256").GetString()), "scenario_sha256 is the saved file's hash");
        var args = new List<string>
        {
            "run", scenario, "--seed", m.GetProperty("seed").GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--replications", m.GetProperty("replications").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--scale", m.GetProperty("scale").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (m.GetProperty("sample_interval").GetString() is { } interval) args.AddRange(["--sample-interval", interval]);
        Cli("repeated", [.. args]);
        var csvs = Directory.GetFiles(original, "*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.That(csvs, Has.Count.GreaterThanOrEqualTo(5));
        foreach (var csv in csvs)
            Assert.That(File.ReadAllBytes(Path.Combine(_folders["repeated"], csv!)), Is.EqualTo(File.ReadAllBytes(Path.Combine(original, csv!))), csv);
        Assert.That(File.ReadAllBytes(Path.Combine(_folders["repeated"], "scenario.yaml")), Is.EqualTo(File.ReadAllBytes(scenario)),
            "the resolved scenario resolves to itself");
    }
}
