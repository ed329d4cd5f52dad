using NUnit.Framework;
using Simulator.Engine;
using Simulator.Experiments;
using Simulator.Faults;
using Simulator.Faults.Kinds;
using Simulator.Metrics;
using Simulator.Scenarios;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Faults;

/// <summary>Operators who react: an action set off by a condition held for a time, plus a delay; or after another action.</summary>
public sealed class OperatorTriggerTests
{
    private static readonly Duration Tick = Duration.FromMinutes(5);

    private static AddCapacityAction Add(int nodes, string? name = null, Duration? at = null, TriggerSpec? when = null,
        string? after = null, Duration? delay = null) =>
        new() { Cluster = ClusterName, Nodes = nodes, Name = name, At = at, When = when, After = after, Delay = delay ?? Duration.Zero };

    private static TriggerSpec AddedAbove(double level, Duration holdFor) =>
        new() { Metric = MetricCatalog.NodesAddedTotal.Name, Scope = ClusterScope, Above = level, For = holdFor };

    /// <summary>The first sample at or after <paramref name="t"/>: samples are every <see cref="Tick"/> from 0.</summary>
    private static Duration FirstSampleFrom(Duration t) => Tick * ((t.Ticks + Tick.Ticks - 1) / Tick.Ticks);

    [Test]
    public void AnActionIsTakenItsDelayAfterItsConditionHasHeldForItsTime()
    {
        // Nodes are added by the clock at 62 min (not on a sample). The condition "nodes added > 0.5" is first seen at
        // the next sample, holds from then on, is met once it has held 30 min (a whole number of samples), and the
        // action follows 15 min later. Its follower comes 10 min after it; a second follower starts watching its own
        // condition then; a condition never met never sets its action off.
        var clock = Duration.FromMinutes(62);
        var holdFor = Duration.FromMinutes(30);
        var delay = Duration.FromMinutes(15);
        var scenario = Small(horizonH: 4, operators:
        [
            Add(1, at: clock),
            Add(2, name: "first", when: AddedAbove(0.5, holdFor), delay: delay),
            Add(4, after: "first", delay: Duration.FromMinutes(10)),
            Add(8, after: "first", when: AddedAbove(5, Duration.FromMinutes(10)), delay: Duration.FromMinutes(5)),
            Add(16, when: AddedAbove(1000, Duration.Zero)),
        ]);
        var run = new SimulationRun(scenario, seed: 1, replication: 0, scale: 1);
        run.Run(Tick);

        var first = FirstSampleFrom(clock) + holdFor + delay;                       // 65 + 30 + 15 = 110 min
        var follower = first + Duration.FromMinutes(10);                            // 120 min
        var watcher = FirstSampleFrom(follower) + Duration.FromMinutes(10 + 5);     // 7 > 5 seen at 120, met at 130, taken 135
        Assert.That(first, Is.EqualTo(Duration.FromMinutes(110)), "the oracle itself");
        Assert.That(run.Markers.Select(m => m.TimeH), Is.EqualTo(new[] { clock, first, follower, watcher }.Select(d => d.TotalHours)).Within(1e-9));

        var added = run.Rows.Where(r => r.Scope == ClusterScope && r.Metric == MetricCatalog.NodesAddedTotal.Name)
            .ToDictionary(r => (int)Math.Round(r.TimeH * 60), r => r.Value);
        Assert.That(added[105], Is.EqualTo(1), "not before its time");
        Assert.That(added[110], Is.EqualTo(3));
        Assert.That(added[115], Is.EqualTo(3));
        Assert.That(added[120], Is.EqualTo(7));
        Assert.That(added[130], Is.EqualTo(7));
        Assert.That(added[135], Is.EqualTo(15));
        Assert.That(added[240], Is.EqualTo(15), "the condition never met set nothing off");
    }

    [Test]
    public void AConditionThatBreaksBeforeItsTimeSetsNothingOff()
    {
        // Half the space is free at the start, so "free below 50.1 %" holds from time 0; nodes added at 30 min raise the
        // free share and break it after 30 min of the hour it must hold. It never holds again: nothing is set off.
        var scenario = Small(horizonH: 3, operators:
        [
            Add(20, at: Duration.FromMinutes(30)),
            Add(1, when: new TriggerSpec { Metric = MetricCatalog.FreeCapacityPct.Name, Scope = ClusterScope, Below = 50.1, For = Duration.FromHours(1) }),
        ]);
        var run = new SimulationRun(scenario, seed: 1, replication: 0, scale: 1);
        run.Run(Tick);
        Assert.That(run.Rows.First(r => r.Metric == MetricCatalog.FreeCapacityPct.Name).Value, Is.LessThan(50.1), "the condition holds at first");
        Assert.That(run.Markers, Has.Count.EqualTo(1), "only the clock's action");
    }

    [Test]
    public void EveryMistakeInTheOperatorsTriggersIsReportedAtItsLine()
    {
        var errors = OperatorYaml.Errors("""
              - action: stop_futile_search
                cluster: ebs-1a
              - action: stop_futile_search
                cluster: ebs-1a
                at: 1h
                when: {metric: volumes_stuck_pct, scope: zone:us-east-1a, above: 1}
              - action: stop_futile_search
                name: twice
                cluster: ebs-1a
                at: 1h
                delay: 5m
              - action: stop_futile_search
                name: twice
                cluster: ebs-1a
                after: nobody
              - action: stop_futile_search
                cluster: ebs-1a
                when: {metric: volumes_stuk_pct, scope: zone:us-east-1a, above: 1, below: 2}
              - action: stop_futile_search
                cluster: ebs-1a
                when: {metric: volumes_stuck_pct, scope: cluster:ebs-1a, above: 1}
              - action: stop_futile_search
                cluster: ebs-1a
                when: {metric: free_capacity_pct, scope: cluster:ebs-9, below: 1}
              - name: ping
                action: stop_futile_search
                cluster: ebs-1a
                after: pong
              - name: pong
                action: stop_futile_search
                cluster: ebs-1a
                after: ping
            """);
        string Find(string path) => errors.SingleOrDefault(e => e.Contains(" " + path + ": ", StringComparison.Ordinal)) ?? $"(none at {path})";
        Assert.Multiple(() =>
        {
            Assert.That(Find("operators[0]"), Does.Contain("found none of them"));
            Assert.That(Find("operators[1].when"), Does.Contain("found at and when"));
            Assert.That(Find("operators[2].delay"), Does.Contain("no delay with at"));
            Assert.That(Find("operators[3].name"), Does.Contain("already used by operators[2]"));
            Assert.That(Find("operators[3].after"), Does.Contain("\"nobody\""));
            Assert.That(Find("operators[4].when"), Does.Contain("above or below, not both"));
            Assert.That(Find("operators[4].when.metric"), Does.Contain("did you mean").IgnoreCase.And.Contain("volumes_stuck_pct"));
            Assert.That(Find("operators[5].when.scope"), Does.Contain("region:<region> and zone:<zone>"));
            Assert.That(Find("operators[6].when.scope"), Does.Contain("\"ebs-9\""));
            Assert.That(Find("operators[7].after"), Does.Contain("cycle: ping → pong → ping"));
            Assert.That(Find("operators[8].after"), Does.Contain("cycle: pong → ping → pong"));
            Assert.That(errors, Has.Count.EqualTo(11), string.Join("\n", errors));
            Assert.That(errors, Has.All.Match(@":\d+:\d+ "), "each at a line and column");
        });
    }

    [Test]
    public void TheReplaysKeepTheirClockAndTheWhatIfsReact()
    {
        foreach (string replay in new[] { "aws-2011-us-east-1.yaml", "aws-2011-eu-west-1-power.yaml", "what-if/backoff-full-jitter-2011-clock.yaml" })
            Assert.That(ScenarioRunner.Load(Replay.RepositoryPaths.Scenario(replay)).Model.Operators.Select(o => o.At), Has.All.Not.Null, replay);
        foreach (string path in Directory.GetFiles(Replay.RepositoryPaths.Scenario("what-if"), "*.yaml").Where(p => !p.EndsWith("-2011-clock.yaml", StringComparison.Ordinal)))
        {
            var operators = ScenarioRunner.Load(path).Model.Operators;
            Assert.That(operators, Is.Not.Empty, path);
            Assert.That(operators.Select(o => o.At), Has.All.Null, $"{path}: every action reacts");
        }
    }

    /// <summary>The April scenario with the operators given in YAML put first: what loading it reports.</summary>
    private static class OperatorYaml
    {
        public static List<string> Errors(string operators)
        {
            string dir = Path.Combine(Path.GetTempPath(), "replsim-operator-yaml-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                string path = Path.Combine(dir, "s.yaml");
                string text = File.ReadAllText(Replay.RepositoryPaths.Scenario("aws-2011-us-east-1.yaml"));
                int start = text.IndexOf("\noperators:\n", StringComparison.Ordinal), end = text.IndexOf("\nvalidation:", StringComparison.Ordinal);
                File.WriteAllText(path, text[..start] + "\noperators:\n" + Indent(operators) + "\n" + text[end..]);
                try
                {
                    ScenarioRunner.Load(path);
                    return [];
                }
                catch (ScenarioException e)
                {
                    return e.Errors.Select(x => x.ToString()).ToList();
                }
            }
            finally { Directory.Delete(dir, recursive: true); }
        }

        private static string Indent(string yaml) => string.Join("\n", yaml.Split('\n').Select(l => "  " + l));
    }
}
