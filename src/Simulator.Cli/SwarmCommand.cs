using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Simulator.Engine;
using Simulator.Experiments;
using Simulator.Swarm;

namespace Simulator.Cli;

/// <summary>
/// <c>replsim swarm</c>: the simulator hunts invariant violations itself. Each run draws a random small scenario and a
/// random subset of fault kinds from its seed and runs it with every invariant checked after every event; the first
/// violation is written (its scenario file and seed), printed with the one command that reproduces it, and exits 1.
/// <c>--replay FILE</c> is that command: one scenario under every invariant.
/// </summary>
internal static class SwarmCommand
{
    public static Command Build(CliContext context, Func<SimulationRun, string?>? extraInvariant = null)
    {
        var runs = new Option<int>("--runs")
        {
            Description = "Runs at most (each its own scenario, seeded from --seed and its number)",
            DefaultValueFactory = _ => 200,
            CustomParser = r => OptionParsers.Positive(r, "--runs"),
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the swarm: the same seed draws the same runs, whatever --threads",
            DefaultValueFactory = _ => 1,
            CustomParser = r => OptionParsers.Seed(r) ?? 0,
        };
        var budget = new Option<Duration?>("--budget")
        {
            Description = "Wall time after which no new run starts, e.g. 10m (the runs done are reported); none: all --runs",
            CustomParser = ParseBudget,
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Runs at a time (default: the processors)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            CustomParser = r => OptionParsers.Positive(r, "--threads"),
        };
        var output = new Option<string>("--out")
        {
            Description = "Where the swarm's folder goes: OUT/swarm/<time>-<seed>/ (runs.csv, summary.txt, the violating scenario)",
            DefaultValueFactory = _ => "results",
        };
        var shard = new Option<Shard>("--shard")
        {
            Description = "i/n: only the runs whose number modulo n is i (a task of a job array; the shards together are the swarm)",
            DefaultValueFactory = _ => Shard.All,
            CustomParser = OptionParsers.Shard,
        };
        var folder = new Option<string?>("--folder")
        {
            Description = "The folder to write, exactly (must not exist), instead of OUT/swarm/<time>-<seed>",
        };
        var replay = new Option<string?>("--replay")
        {
            Description = "Run one scenario file (a swarm's violation, or any scenario) with every invariant after every event; exit 1 if one breaks",
        };
        var command = new Command("swarm",
            "Hunt invariant violations: random small topologies and fault sets, every invariant checked after every event; exit 1 with the reproducing command on the first violation")
        {
            runs, seed, budget, threads, output, shard, folder, replay,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(replay) is { } file)
            {
                var given = new Option[] { runs, seed, budget, threads, output, shard, folder }.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
                if (given.Count > 0) throw new BadInputException($"--replay runs the file alone (its own seed); leave out {string.Join(", ", given)}");
                return Replay(context, file, extraInvariant);
            }
            var options = new SwarmOptions
            {
                Runs = parse.GetValue(runs),
                Seed = parse.GetValue(seed),
                Budget = parse.GetValue(budget) is { } b ? TimeSpan.FromTicks(b.Ticks * 10) : null,
                Threads = parse.GetValue(threads),
                Shard = parse.GetValue(shard),
                ExtraInvariant = extraInvariant,
            };
            if (parse.GetValue(folder) is { } exact && (Directory.Exists(exact) || File.Exists(exact)))
                throw new BadInputException($"--folder {exact} exists: a swarm writes a new folder");
            return Swarm(context, options, parse.GetValue(output) ?? "results", parse.GetValue(folder));
        });
        return command;
    }

    private static int Swarm(CliContext context, SwarmOptions options, string outRoot, string? exactFolder)
    {
        var o = context.Output;
        o.WriteLine(Invariant($"swarm: seed {options.Seed}, {options.ShardRuns} runs{(options.Shard.IsPartial ? $" (shard {options.Shard} of {options.Runs})" : "")} on {options.Threads} thread{(options.Threads == 1 ? "" : "s")}") +
            (options.Budget is { } b ? Invariant($", budget {(b.TotalMinutes < 2 ? $"{b.TotalSeconds:0.#} s" : $"{b.TotalMinutes:0.#} min")}") : ""));
        var lastReport = System.Diagnostics.Stopwatch.StartNew();
        var progress = new CallbackProgress<int>(done =>
        {
            if (lastReport.Elapsed.TotalSeconds < 10) return;
            lock (lastReport)
            {
                if (lastReport.Elapsed.TotalSeconds < 10) return;
                lastReport.Restart();
                o.WriteLine(Invariant($"swarm: {done} runs done"));
            }
        });
        var (result, folder) = SwarmFolder.Run(options, outRoot, DateTimeOffset.UtcNow, context.Stop, progress, exactFolder);
        double minutes = result.Wall.TotalMinutes;
        long events = result.Runs.Sum(r => r.Result.Events);
        o.WriteLine(Invariant($"swarm: {result.Runs.Count} runs, {events:N0} events checked, {result.Wall.TotalSeconds:0.0} s ({(minutes > 0 ? result.Runs.Count / minutes : 0):0} runs/min): {SwarmFolder.EndText(result.End)}"));
        o.WriteLine($"results: {folder}");
        if (result.Violation is { } bad)
        {
            string scenario = Path.Combine(folder, SwarmRunner.ScenarioFileName(bad.Index));
            context.Error.WriteLine(Invariant($"swarm: run {bad.Index} (seed {bad.Scenario.Seed}) broke an invariant") +
                (bad.Result.AtHours is { } at ? Invariant($" at {at:0.######} h after {bad.Result.Events} events") : "") + ":");
            context.Error.WriteLine("  " + bad.Result.Violation);
            context.Error.WriteLine("  kinds: " + string.Join(", ", bad.Scenario.Kinds));
            context.Error.WriteLine("  scenario: " + scenario);
            context.Error.WriteLine("reproduce: " + SwarmFolder.ReproduceCommand(scenario));
            return ExitCodes.ViolationFound;
        }
        return result.End == SwarmEnd.Interrupted ? ExitCodes.Interrupted : ExitCodes.Ok;
    }

    private static int Replay(CliContext context, string file, Func<SimulationRun, string?>? extraInvariant)
    {
        if (!File.Exists(file)) throw new BadInputException($"--replay: no such file: {file}");
        var model = ScenarioRunner.Load(file).Model; // a file the loader refuses exits 2, every problem listed
        var result = SwarmRun.Check(file, extraInvariant, context.Stop);
        if (result.Passed)
        {
            context.Output.WriteLine(Invariant($"replay: {file} (seed {model.Seed}): every invariant held after each of {result.Events:N0} events over {result.HorizonHours:0.##} h"));
            return ExitCodes.Ok;
        }
        context.Error.WriteLine(Invariant($"replay: {file} (seed {model.Seed}) broke an invariant") +
            (result.AtHours is { } at ? Invariant($" at {at:0.######} h after {result.Events} events") : "") + ":");
        context.Error.WriteLine("  " + result.Violation);
        if (result.Detail is { } detail) context.Error.WriteLine(detail);
        return ExitCodes.ViolationFound;
    }

    private static Duration? ParseBudget(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Duration.TryParse(text, out var budget, out string error) && budget > Duration.Zero) return budget;
        result.AddError(error.Length > 0 ? $"--budget {error}" : $"--budget expects a positive duration, e.g. 10m, found \"{text}\"");
        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
