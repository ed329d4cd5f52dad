using System.CommandLine;
using System.Globalization;
using Simulator.Durability;
using Simulator.Engine;
using Simulator.Experiments;
using Simulator.Scenarios.Model;
using Simulator.Units;
using Spectre.Console;

namespace Simulator.Cli;

/// <summary>
/// <c>replsim durability simultaneous|mttdl</c>: build the analysis from options, refuse bad input before anything is
/// written (every problem at once, exit 2), run it, write the folder, print the table of <c>durability.csv</c> and the
/// notes that say which formula or method gave each row. Also runs durability scenario files for <c>run</c>,
/// <c>compare</c> and <c>sweep</c> (<see cref="ExecuteScenarios"/>).
/// </summary>
internal static class DurabilityCommand
{
    public static Command Build(CliContext context)
    {
        var durability = new Command("durability",
            "Durability analytics: P(loss) of simultaneous failures by placement, and MTTDL of failure and repair, exact and Monte Carlo");
        durability.Add(Simultaneous(context));
        durability.Add(Mttdl(context));
        return durability;
    }

    private static Command Simultaneous(CliContext context)
    {
        var command = new Command("simultaneous",
            "F of N nodes (or whole racks) fail at once: P(some chunk loses every replica) and the chunks lost, by placement");
        var nodes = Required<int>("--nodes", "Nodes in the cluster (N)");
        var replicas = Required<int>("--replicas", "Replicas of each chunk (R)");
        var placement = Required<string>("--placement", "random, scatter, copyset or rack-aware");
        var width = new Option<int?>("--scatter-width") { Description = "Scatter width S (scatter, copyset)" };
        var racks = new Option<int>("--racks") { Description = "Racks the nodes are spread over, round-robin", DefaultValueFactory = _ => 1 };
        var perNode = Required<long>("--chunks-per-node", "Chunk replicas per node (B): N·B/R chunks");
        var failed = new Option<string?>("--failed") { Description = "Nodes that fail: a count (50) or a share of N (1%)" };
        var failedRacks = new Option<int?>("--failed-racks") { Description = "Whole racks that fail instead" };
        var size = new Option<string?>("--chunk-size") { Description = "Chunk size, to report bytes lost (64MiB)" };
        var common = new CommonOptions(command, defaultTrials: "10000");
        command.Add(nodes);
        command.Add(replicas);
        command.Add(placement);
        command.Add(width);
        command.Add(racks);
        command.Add(perNode);
        command.Add(failed);
        command.Add(failedRacks);
        command.Add(size);
        command.SetAction(parse =>
        {
            ByteSize? chunkSize = null;
            var problems = new List<string>();
            if (parse.GetValue(size) is { } text)
            {
                if (ByteSize.TryParse(text, out var s, out string error) && s.Bytes > 0) chunkSize = s;
                else problems.Add($"--chunk-size: {(error.Length > 0 ? error : $"expected a positive size, found \"{text}\"")}");
            }
            var spec = new SimultaneousSpec
            {
                Nodes = parse.GetValue(nodes), Replicas = parse.GetValue(replicas), Placement = parse.GetRequiredValue(placement),
                ScatterWidth = parse.GetValue(width), Racks = parse.GetValue(racks), ChunksPerNode = parse.GetValue(perNode),
                Failed = parse.GetValue(failed), FailedRacks = parse.GetValue(failedRacks), ChunkSize = chunkSize, Trials = common.Trials(parse),
            };
            if (spec.Nodes < 1) problems.Add($"--nodes: expected a positive number of nodes, found {spec.Nodes}");
            if (spec.Replicas < 1) problems.Add($"--replicas: expected at least 1 replica, found {spec.Replicas}");
            if (spec.Racks < 1) problems.Add($"--racks: expected at least 1 rack, found {spec.Racks}");
            if (spec.ChunksPerNode < 1) problems.Add($"--chunks-per-node: expected at least 1, found {spec.ChunksPerNode}");
            return Execute(context, "durability-simultaneous", spec, problems, common, parse);
        });
        return command;
    }

    private static Command Mttdl(CliContext context)
    {
        var command = new Command("mttdl",
            "A stripe of n chunks needing k, failing at rate λ and repaired at rate μ: MTTDL and P(loss within a horizon), exact and Monte Carlo");
        var replicas = Required<int>("--replicas", "Chunks of a stripe (n): the replicas, for replication");
        var needed = new Option<int>("--needed") { Description = "Chunks needed (k ≤ n)", DefaultValueFactory = _ => 1 };
        var failure = Required<string>("--failure-rate", "λ per chunk's node, e.g. 8.1345e-3/d, 0.5/y, 2/h (a year is 365 days)");
        var repair = Required<string>("--repair-rate", "μ per missing chunk, e.g. 66/d");
        var mode = new Option<RepairMode>("--repair") { Description = "serial or parallel repair", DefaultValueFactory = _ => RepairMode.Serial };
        var lifetime = new Option<string>("--lifetime") { Description = "exponential or weibull:SHAPE (Monte Carlo only)", DefaultValueFactory = _ => "exponential" };
        var horizon = new Option<string>("--horizon") { Description = "Horizon of P(loss), e.g. 10y", DefaultValueFactory = _ => "10y" };
        var estimator = new Option<MttdlEstimator?>("--estimator")
        {
            Description = "importance (regenerative cycles with failure biasing; exponential lifetimes) or plain (the clock run to the loss)",
        };
        var bursts = new Option<string?>("--bursts") { Description = "Correlated failures: SHARE:MEAN_SIZE, e.g. 37%:20 (needs --nodes)" };
        var nodes = new Option<int?>("--nodes") { Description = "Nodes of the cluster, for --bursts" };
        var common = new CommonOptions(command, defaultTrials: "200000 cycles (importance), 10000 histories (plain)");
        foreach (var option in new Option[] { replicas, needed, failure, repair, mode, lifetime, horizon, estimator, bursts, nodes }) command.Add(option);
        command.SetAction(parse =>
        {
            var problems = new List<string>();
            Duration span = default;
            string horizonText = parse.GetValue(horizon) ?? "10y";
            if (!Duration.TryParse(horizonText, out span, out string error)) problems.Add($"--horizon: {error}");
            else if (span <= Duration.Zero) problems.Add($"--horizon: expected a positive duration, found \"{horizonText}\"");
            FailureBurstsSpec? burstSpec = null;
            if (parse.GetValue(bursts) is { } text && !TryBursts(text, out burstSpec, out string burstError)) problems.Add($"--bursts: {burstError}");
            var spec = new MttdlSpec
            {
                Replicas = parse.GetValue(replicas), Needed = parse.GetValue(needed), FailureRate = parse.GetRequiredValue(failure),
                RepairRate = parse.GetRequiredValue(repair), Repair = parse.GetValue(mode), Lifetime = parse.GetValue(lifetime) ?? "exponential",
                Horizon = span > Duration.Zero ? span : Duration.FromDays(3650), Estimator = parse.GetValue(estimator), Bursts = burstSpec,
                Nodes = parse.GetValue(nodes), Trials = common.Trials(parse),
            };
            if (spec.Replicas < 1) problems.Add($"--replicas: expected at least 1 chunk, found {spec.Replicas}");
            if (spec.Needed < 1) problems.Add($"--needed: expected at least 1 chunk, found {spec.Needed}");
            return Execute(context, "durability-mttdl", spec, problems, common, parse);
        });
        return command;
    }

    /// <summary>SHARE:MEAN_SIZE: a share in [0 %, 100 %) and a mean size of at least 2.</summary>
    private static bool TryBursts(string text, out FailureBurstsSpec? spec, out string error)
    {
        spec = null;
        error = "";
        var parts = text.Split(':');
        if (parts.Length != 2 || !Fraction.TryParse(parts[0].Trim(), out var share, out _)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double size) || !(size >= 2))
        {
            error = $"expected SHARE:MEAN_SIZE with a share below 100 % and a mean size of at least 2 (37%:20), found \"{text}\"";
            return false;
        }
        spec = new FailureBurstsSpec { Share = share, MeanSize = size, SameRack = new Fraction(0) };
        return true;
    }

    private static int Execute(CliContext context, string name, DurabilitySpec spec, List<string> problems, CommonOptions common,
        System.CommandLine.ParseResult parse)
    {
        problems.AddRange(spec.Problems(_ => true).Select(p => $"{OptionName(p.Field)}: {p.Message}"));
        if (problems.Count > 0) throw new BadInputException(string.Join(Environment.NewLine + "replsim: ", problems));
        string? folder = parse.GetValue(common.Folder);
        DurabilityFolder.CheckNew(folder);
        ulong seed = parse.GetValue(common.Seed) ?? 1;
        var created = DateTimeOffset.UtcNow;
        var result = DurabilityAnalysis.Run(spec, seed, parse.GetValue(common.Threads));
        var contents = new DurabilityFolder.Contents([], [([], result.Rows)], DurabilityPlots.Single(name, result), []);
        string written = DurabilityFolder.Write(parse.GetValue(common.Out) ?? "results", folder, name, "", seed, created, contents, files => new DurabilityManifest
        {
            Kind = "durability",
            Name = name,
            Command = [.. parse.Tokens.Select(t => t.Value)],
            Seed = seed,
            ToolVersion = Reporting.RunManifest.CurrentToolVersion,
            WallSeconds = result.WallSeconds,
            PeakMemoryBytes = DurabilityFolder.PeakMemoryBytes(),
            CreatedUtc = created,
            Units = [new ManifestUnit(name, spec.Fields(), result.Notes, result.Facts, result.WallSeconds)],
            Files = files,
        });
        Print(context, name, result);
        context.Output.WriteLine($"results: {written}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// <c>run</c>, <c>compare</c> or <c>sweep</c> of durability scenario files: refuses what does not apply to them
    /// (validation, shards, scale, sampling interval, simulation scenarios mixed in), then runs them.
    /// </summary>
    public static int ExecuteScenarios(CliContext context, ExperimentKind kind, ExperimentRequest request, bool validate)
    {
        var problems = new List<string>();
        var others = request.ScenarioPaths.Where(p => !DurabilityExperiment.IsDurabilityFile(p)).ToList();
        if (others.Count > 0)
            problems.Add($"{string.Join(", ", others)} {(others.Count == 1 ? "is a simulation scenario" : "are simulation scenarios")}, the others durability ones (a durability: block): run them apart");
        if (validate) problems.Add("a durability scenario has no published figures to validate: use replsim run");
        if (request.Shard.IsPartial) problems.Add("--shard: a durability analysis is one unit and is not sharded");
        if (request.Settings.Scale != 1) problems.Add("--scale: applies to simulation scenarios; a durability scenario gives its counts itself");
        if (request.Settings.SampleInterval is not null) problems.Add("--sample-interval: a durability analysis has no time series");
        if (problems.Count > 0) throw new BadInputException(string.Join(Environment.NewLine + "replsim: ", problems));
        var outcome = DurabilityExperiment.Run(new DurabilityExperiment.Request(kind, request.ScenarioPaths, request.Settings.Overrides, request.Vary,
            request.Samples, request.Settings.Seed, request.Threads, request.OutputRoot, request.Folder));
        if (outcome.Units.Count == 1)
            Print(context, outcome.Units[0].Label, outcome.Units[0].Result);
        else
            context.Console.Write(Table($"{kind.ToString().ToLowerInvariant()} (seed {outcome.Seed})", outcome.KeyColumns,
                outcome.Units.SelectMany(u => u.Result.Rows.Select(r => (u.Key, r)))));
        context.Output.WriteLine($"results: {outcome.Folder}");
        return ExitCodes.Ok;
    }

    private static void Print(CliContext context, string title, DurabilityResult result)
    {
        context.Console.Write(Table(title, [], result.Rows.Select(r => ((IReadOnlyList<string>)[], r))));
        foreach (var note in result.Notes) context.Output.WriteLine($"  {note}");
    }

    private static Table Table(string title, IReadOnlyList<string> keys, IEnumerable<(IReadOnlyList<string> Key, DurabilityRow Row)> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        foreach (var k in keys) table.AddColumn(k);
        table.AddColumn("quantity");
        table.AddColumn("method");
        table.AddColumn(new TableColumn("estimate").RightAligned());
        table.AddColumn(new TableColumn("95 % CI").RightAligned());
        table.AddColumn("unit");
        foreach (var (key, r) in rows)
        {
            string ci = double.IsNaN(r.CiLow) && double.IsNaN(r.CiHigh) ? "" : $"[{Number(r.CiLow)}, {Number(r.CiHigh)}]";
            table.AddRow([.. key.Select(k => new Text(k)), new Text(r.Quantity), new Text(r.Method), new Text(Number(r.Estimate)), new Text(ci), new Text(r.Unit)]);
        }
        return table;
    }

    private static string Number(double v) =>
        double.IsNaN(v) ? "–" : double.IsPositiveInfinity(v) ? "∞" : v.ToString(Math.Abs(v) is >= 1e-3 and < 1e6 || v == 0 ? "0.####" : "0.###e+0", CultureInfo.InvariantCulture);

    private static string OptionName(string field) => field.Length == 0 ? "options" : "--" + field.Split('.')[0].Replace('_', '-');

    private static Option<T> Required<T>(string name, string description) => new(name) { Description = description, Required = true };

    /// <summary>The options both commands share.</summary>
    private sealed class CommonOptions
    {
        private readonly Option<long?> _trials;

        public CommonOptions(Command command, string defaultTrials)
        {
            _trials = new Option<long?>("--trials") { Description = $"Monte Carlo trials, 0 for none (default {defaultTrials})" };
            Seed = new Option<ulong?>("--seed") { Description = "Run seed: the same seed gives the same results on any thread count (default 1)" };
            Out = new Option<string>("--out") { Description = "Root folder of results", DefaultValueFactory = _ => "results" };
            Folder = new Option<string?>("--folder") { Description = "Write exactly this folder (which must not exist)" };
            Threads = new Option<int>("--threads")
            {
                Description = "Threads for the Monte Carlo (results do not depend on it)", DefaultValueFactory = _ => Environment.ProcessorCount,
            };
            foreach (var option in new Option[] { _trials, Seed, Out, Folder, Threads }) command.Add(option);
        }

        public Option<ulong?> Seed { get; }
        public Option<string> Out { get; }
        public Option<string?> Folder { get; }
        public Option<int> Threads { get; }

        public long? Trials(System.CommandLine.ParseResult parse) => parse.GetValue(_trials) is { } t
            ? t >= 0 ? t : throw new BadInputException($"--trials: expected 0 or more trials, found {t}")
            : null;
    }
}
