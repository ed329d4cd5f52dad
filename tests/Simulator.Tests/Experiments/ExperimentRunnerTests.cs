using System.Text.Json;
using NUnit.Framework;
using Simulator.Engine;
using Simulator.Experiments;
using Simulator.Reporting;

namespace Simulator.Tests.ExperimentLayer;

public sealed class ExperimentRunnerTests
{
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("replsim-experiments-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void OneAndTwoThreadsWriteTheSameBytes()
    {
        var setup = ExperimentSetup.ForRun(TinyExperiments.Replay, TinyExperiments.Settings(replications: 3), TinyExperiments.Load);
        var one = Start(setup, Shard.All, "one", threads: 1);
        var two = Start(setup, Shard.All, "two", threads: 2);

        FolderAssert.SameCsvBytes(one.Folder, two.Folder);
        Assert.That(FolderAssert.CsvNames(one.Folder), Is.EqualTo(new[] { "events.csv", "failures.csv", "replications.csv", "summary.csv", "timeseries.csv", "validation.csv" }),
            "the replay has validation: figures");
        var replications = File.ReadLines(Path.Combine(one.Folder, "timeseries.csv")).Skip(1).Select(l => l[..l.IndexOf(',')]).Distinct();
        Assert.That(replications, Is.EqualTo(new[] { "0", "1", "2" }), "one series per replication, in order");
        Assert.That(Directory.Exists(Path.Combine(one.Folder, "units")), Is.False, "a complete folder keeps only its final files");
    }

    [Test]
    public void ARunOfOneReplicationWritesTheRunsOwnCsvBytesEveryPlotAndAManifestWithItsPlan()
    {
        var settings = TinyExperiments.Settings(replications: 1);
        var setup = ExperimentSetup.ForRun(TinyExperiments.Replay, settings, TinyExperiments.Load);
        var outcome = Start(setup, Shard.All, "new", threads: 1, plots: true);

        var scenario = ScenarioRunner.Load(TinyExperiments.Replay, settings.Overrides);
        var options = new RunOptions(outcome.State.Plan.Seed, settings.Scale, settings.SampleInterval);
        var direct = ScenarioRunner.Run(scenario, options);
        string expected = Directory.CreateDirectory(Path.Combine(_root, "direct")).FullName;
        TimeSeriesCsv.Write(Path.Combine(expected, "timeseries.csv"), direct.Series);
        SummaryCsv.Write(Path.Combine(expected, "summary.csv"),
            RunSummary.Aggregate(FailureSummary.Merge(RunSummary.PerReplication(direct.Series), direct.FailureFigures)));
        FailuresCsv.Write(Path.Combine(expected, "failures.csv"), 0, direct.Failures);

        Assert.That(direct.Failures, Is.Not.Empty, "the replay's routing change and the crashes of its race");
        foreach (var file in new[] { "timeseries.csv", "summary.csv", "failures.csv" })
            Assert.That(File.ReadAllBytes(Path.Combine(outcome.Folder, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(expected, file))),
                $"{file}: the units, finalized, write what the run itself gives");
        Assert.That(FolderAssert.Entries(outcome.Folder), Is.EqualTo(new[]
        {
            "events.csv", "failures.csv", "manifest.json", "plots", "plots/api-errors.png", "plots/api-errors.svg", "plots/capacity.png", "plots/capacity.svg",
            "plots/mechanism.png", "plots/mechanism.svg",
            "plots/network.png", "plots/network.svg", "plots/outage-curve.png", "plots/outage-curve.svg",
            "replications.csv", "scenario.yaml", "summary.csv", "timeseries.csv", "validation.csv",
        }));
        var manifest = RunManifest.FromJson(File.ReadAllText(Path.Combine(outcome.Folder, "manifest.json")));
        Assert.That(manifest.ScenarioSha256, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            File.ReadAllBytes(Path.Combine(outcome.Folder, "scenario.yaml"))))));
        Assert.That(manifest.Experiment!.Status, Is.EqualTo(ExperimentStatus.Complete));
        Assert.That(manifest.Experiment.PlanSha256, Is.EqualTo(setup.Plan.Sha256));
    }

    [Test]
    public void ShardsMergedGiveTheBytesOfOneProcess()
    {
        var setup = ExperimentSetup.ForCompare([TinyExperiments.Replay, TinyExperiments.RaceFixed], TinyExperiments.Settings(replications: 3),
            TinyExperiments.Load);
        var single = Start(setup, Shard.All, "single", threads: 2);
        var shards = Enumerable.Range(0, 4).Select(i => Start(setup, new Shard(i, 4), $"shard-{i}", threads: 1)).ToList();

        Assert.That(shards.Select(s => s.State.UnitsDone), Is.EqualTo(new[] { 2, 2, 1, 1 }));
        Assert.That(shards.Select(s => s.Results), Has.All.Null, "a shard holds units, not final files");
        var merged = ShardMerge.Merge([.. shards.Select(s => s.Folder)], Path.Combine(_root, "merged"), includePlots: false);

        FolderAssert.SameCsvBytes(single.Folder, merged.Folder);
        Assert.That(merged.State.MergedFrom, Has.Count.EqualTo(4));
        Assert.That(FolderAssert.CsvNames(merged.Folder), Is.EqualTo(new[]
        {
            "comparison.csv", "events.csv", "failures.csv", "figures.csv", "outage-curves.csv", "replications.csv", "summary.csv",
        }));
        var failures = File.ReadAllLines(Path.Combine(merged.Folder, "failures.csv"));
        Assert.That(failures[0], Does.StartWith("variant,replication,event,time_h,"));
        Assert.That(failures.Skip(1).Select(l => l[..l.IndexOf(',', l.IndexOf(',') + 1)]).Distinct(), Is.EqualTo(new[]
        {
            "aws-2011-us-east-1,0", "aws-2011-us-east-1,1", "aws-2011-us-east-1,2", "race-fixed,0", "race-fixed,1", "race-fixed,2",
        }), "every variant's replications in order, each with its events");
    }

    [Test]
    public void ResumeComputesOnlyTheUnitsAnInterruptionLeftAndEndsWithTheSameBytes()
    {
        var setup = ExperimentSetup.ForSweep(TinyExperiments.Replay, [$"{TinyExperiments.FreeCapacityPath}=1%,10%"], null,
            TinyExperiments.Settings(replications: 2), TinyExperiments.Load);
        using var stop = new CancellationTokenSource();
        int started = 0;
        // Ctrl-C during the second unit: it is abandoned, no third starts.
        var interrupted = ExperimentRunner.Start(setup, Shard.All, _root, Path.Combine(_root, "interrupted"), threads: 1,
            (scenario, options, progress, cancellation) =>
            {
                if (++started == 2) stop.Cancel();
                return TinyExperiments.Run(scenario, options, progress, cancellation);
            }, stop: stop.Token, includePlots: false);

        Assert.That(interrupted.State.Status, Is.EqualTo(ExperimentStatus.Incomplete));
        Assert.That(interrupted.State.UnitsDone, Is.EqualTo(1));
        Assert.That(FolderAssert.CsvNames(interrupted.Folder), Is.Empty, "no final files yet");
        Assert.That(UnitFiles.Done(Path.Combine(interrupted.Folder, "units")), Is.EqualTo(new[] { 0 }));

        var ran = new List<(int Point, int Replication)>();
        var resumed = ExperimentRunner.Resume(interrupted.Folder, ExperimentKind.Sweep, TinyExperiments.Load, threads: 1,
            (scenario, options, progress, cancellation) =>
            {
                ran.Add((scenario.Overrides.Contains($"{TinyExperiments.FreeCapacityPath}=10%") ? 1 : 0, options.Replication));
                return TinyExperiments.Run(scenario, options, progress, cancellation);
            }, includePlots: false);

        Assert.That(ran, Is.EqualTo(new[] { (0, 1), (1, 0), (1, 1) }), "only units 1 to 3: point 0 replication 1, point 1 replications 0 and 1");
        Assert.That(resumed.State.Status, Is.EqualTo(ExperimentStatus.Complete));
        var whole = Start(setup, Shard.All, "whole", threads: 2);
        FolderAssert.SameCsvBytes(whole.Folder, resumed.Folder);
        Assert.That(Directory.Exists(Path.Combine(resumed.Folder, "units")), Is.False);
    }

    [Test]
    public void ResumeRefusesAFolderWhoseScenarioChangedSince()
    {
        string scenario = Path.Combine(_root, "storm.yaml");
        File.Copy(TinyExperiments.Replay, Path.Combine(_root, "replay.yaml"));
        File.WriteAllText(scenario, "extends: replay.yaml\nname: storm\n");
        var setup = ExperimentSetup.ForRun(scenario, TinyExperiments.Settings(replications: 2), TinyExperiments.Load);
        using var stop = new CancellationTokenSource();
        UnitRunner oneThenStop = (s, o, p, c) => { var r = TinyExperiments.Run(s, o, p, c); stop.Cancel(); return r; };
        var stopped = ExperimentRunner.Start(setup, Shard.All, _root, Path.Combine(_root, "stopped"), 1, oneThenStop, stop: stop.Token);
        Assert.That(stopped.State.Status, Is.EqualTo(ExperimentStatus.Incomplete));

        // A value of the scenario changes (the seed alone would not count: the plan's seed is the one that runs).
        File.AppendAllText(scenario, "replication:\n  retry:\n    interval: 6s\n");
        var e = Assert.Throws<ExperimentException>(() =>
            ExperimentRunner.Resume(stopped.Folder, ExperimentKind.Run, TinyExperiments.Load, 1, TinyExperiments.Run))!;
        Assert.That(e.Message, Does.Contain("storm.yaml has changed since the experiment started"));
        var wrongKind = Assert.Throws<ExperimentException>(() =>
            ExperimentRunner.Resume(stopped.Folder, ExperimentKind.Sweep, TinyExperiments.Load, 1, TinyExperiments.Run))!;
        Assert.That(wrongKind.Message, Does.Contain("holds a run; resume it with replsim run --resume"));
    }

    [Test]
    public void ManifestsOfShardsAndStoppedFoldersSayWhatToDoNext()
    {
        var setup = ExperimentSetup.ForRun(TinyExperiments.Replay, TinyExperiments.Settings(replications: 3), TinyExperiments.Load);
        var shard = Start(setup, new Shard(1, 2), "shard", threads: 1);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(shard.Folder, "manifest.json")));
        var experiment = doc.RootElement.GetProperty("experiment");
        Assert.That(experiment.GetProperty("shard").GetString(), Is.EqualTo("1/2"));
        Assert.That(experiment.GetProperty("status").GetString(), Is.EqualTo("complete"));
        Assert.That(experiment.GetProperty("units_in_share").GetInt32(), Is.EqualTo(1));
        Assert.That(experiment.GetProperty("plan").GetProperty("replications").GetInt32(), Is.EqualTo(3));
        Assert.That(doc.RootElement.GetProperty("note").GetString(), Does.Contain("replsim merge"));
        Assert.That(shard.Folder, Does.EndWith("shard"));
    }

    [Test]
    public void TheDefaultFolderNameSaysKindTimeSeedAndShard()
    {
        var setup = ExperimentSetup.ForSweep(TinyExperiments.Replay, [$"{TinyExperiments.FreeCapacityPath}=1%,10%"], null,
            TinyExperiments.Settings(replications: 1, seed: 5), TinyExperiments.Load);
        var created = new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);
        var outcome = ExperimentRunner.Start(setup, new Shard(0, 2), _root, null, 1, TinyExperiments.Run, includePlots: false, createdUtc: created);
        Assert.That(outcome.Folder, Is.EqualTo(Path.Combine(_root, "aws-2011-us-east-1", "sweep-20260314-092653-5-shard-0-of-2")));
    }

    private ExperimentOutcome Start(ExperimentSetup setup, Shard shard, string name, int threads, bool plots = false) =>
        ExperimentRunner.Start(setup, shard, _root, Path.Combine(_root, name), threads, TinyExperiments.Run, includePlots: plots);
}
