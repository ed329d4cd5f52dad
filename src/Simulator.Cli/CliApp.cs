using System.CommandLine;
using System.Reflection;
using Simulator.Experiments;
using Simulator.Scenarios;

namespace Simulator.Cli;

/// <summary>
/// The <c>replsim</c> command line: <c>new</c> (a scenario of one's own from a template), <c>run</c>, <c>validate</c>, <c>compare</c> and <c>sweep</c> scenarios, <c>merge</c>
/// shard folders, <c>report</c> (an HTML page of a results folder), <c>plot</c> a metric of a finished folder, <c>swarm</c>
/// (hunt invariant violations in random scenarios), <c>durability</c> analytics, <c>schema</c>, <c>--help</c>, <c>--version</c>.
/// Callable in-process with any writers, which is how the tests drive it.
/// </summary>
public static class CliApp
{
    /// <summary>Informational version of replsim (<c>0.1.0+commit</c>).</summary>
    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";

    /// <summary>
    /// Runs the command line on the process's console; a progress bar when stdout is a terminal. The first Ctrl-C stops
    /// at once, at any stage (reading the scenarios, building a model, running it, writing the final files): the units in
    /// flight are abandoned, the units done are kept in a folder to resume, and with none done nothing is written; a second
    /// one ends the process. SIGTERM, which batch schedulers send before killing a task (Slurm at its time limit or on
    /// preemption, Kubernetes when it deletes a pod), is taken the same way.
    /// </summary>
    public static int Run(string[] args)
    {
        using var stop = new CancellationTokenSource();
        bool StopOnce(string signal)
        {
            if (stop.IsCancellationRequested) return false; // the second one: let the process end
            stop.Cancel();
            Console.Error.WriteLine($"replsim: {signal}: stopping; the units done are kept ({signal} again to end at once)");
            return true;
        }
        void OnCancel(object? sender, ConsoleCancelEventArgs e) => e.Cancel = StopOnce("Ctrl-C");
        Console.CancelKeyPress += OnCancel;
        using var term = OperatingSystem.IsWindows() ? null
            : System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM,
                context => context.Cancel = StopOnce("SIGTERM"));
        try
        {
            return Run(args, Console.Out, Console.Error, !Console.IsOutputRedirected, LibraryScenarioRunner.Instance, stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    /// <summary>Runs the command line writing to the given writers and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">Arguments, without the program name.</param>
    /// <param name="output">Normal output: progress, tables, the results folder.</param>
    /// <param name="error">Errors, one per line.</param>
    /// <param name="interactive">True for a terminal: progress bar and colours instead of plain lines.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool interactive = false) =>
        Run(args, output, error, interactive, LibraryScenarioRunner.Instance);

    /// <param name="swarmInvariant">An invariant <c>swarm</c> checks after every event besides the model's: the seam through
    /// which tests plant a violation; null in use.</param>
    internal static int Run(string[] args, TextWriter output, TextWriter error, bool interactive, IScenarioRunner runner,
        CancellationToken stop = default, Func<SimulationRun, string?>? swarmInvariant = null)
    {
        var context = new CliContext(output, error, interactive, stop);
        try
        {
            var root = BuildCommand(context, runner, swarmInvariant);
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
            {
                foreach (var parseError in parse.Errors)
                    error.WriteLine($"replsim: {parseError.Message}");
                error.WriteLine("Try 'replsim --help'.");
                return ExitCodes.BadInput;
            }
            return parse.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (ScenarioException e)
        {
            foreach (var scenarioError in e.Errors) error.WriteLine(scenarioError.ToString());
            return ExitCodes.BadInput;
        }
        catch (ExperimentException e)
        {
            error.WriteLine($"replsim: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (BadInputException e)
        {
            error.WriteLine($"replsim: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            error.WriteLine("replsim: stopped before any unit was done; nothing written");
            return ExitCodes.Interrupted;
        }
        catch (OutputFailedException e)
        {
            error.WriteLine($"replsim: {e.Message}");
            return ExitCodes.OutputFailed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"replsim: could not write: {e.Message}");
            return ExitCodes.OutputFailed;
        }
        catch (Exception e)
        {
            error.WriteLine($"replsim: internal error (a bug, please report it with the command line): {e.GetType().Name}: {e.Message}");
            error.WriteLine(e.ToString());
            return ExitCodes.InternalError;
        }
    }

    private static RootCommand BuildCommand(CliContext context, IScenarioRunner runner, Func<SimulationRun, string?>? swarmInvariant)
    {
        var root = new RootCommand(
            "replsim: discrete-event simulator of replicated block storage. Replays the April 2011 AWS EBS " +
            "re-mirroring storm and what-if variants, and measures stuck and lost volumes.");
        foreach (var option in root.Options)
            if (option is VersionOption version) version.Action = new VersionAction();

        root.Add(ExperimentCommandLine("run",
            "Run a scenario (N replications in parallel); write results/<scenario>/<time>-<seed>/ (CSV, plots, manifest)",
            ExperimentKind.Run, new ScenarioOptions(ArgumentArity.ZeroOrOne), new ExperimentOptions(defaultReplications: 1), context, runner));
        root.Add(ExperimentCommandLine("compare",
            "Run two or more variants of a scenario on the same seeds; print and write their headline figures and paired differences",
            ExperimentKind.Compare, new ScenarioOptions(ArgumentArity.ZeroOrMore, "scenarios",
                "Scenario files (YAML); the first is the baseline, e.g. scenarios/aws-2011-us-east-1.yaml scenarios/what-if/*.yaml"),
            new ExperimentOptions(defaultReplications: 10), context, runner));
        root.Add(ExperimentCommandLine("sweep",
            "Run a scenario at every point of a grid (or Latin hypercube) of --vary values; figures against parameters with CIs",
            ExperimentKind.Sweep, new ScenarioOptions(ArgumentArity.ZeroOrOne), new ExperimentOptions(defaultReplications: 5, sweep: true),
            context, runner));

        var validateOptions = new ScenarioOptions();
        var validateReplications = new ExperimentOptions(defaultReplications: 1, replicationsOnly: true);
        var validate = new Command("validate",
            "Run a scenario (N replications) and compare it with its published figures, each on its mean across replications " +
            "with a 95 % CI; exit 1 if a mean is outside its tolerance");
        validateOptions.AddTo(validate);
        validateReplications.AddTo(validate);
        validate.SetAction(parse => ExperimentCommand.Execute(context, runner, ExperimentKind.Run,
            validateReplications.Read(parse, validateOptions.Read(parse)), validate: true));
        root.Add(validate);

        var mergeDirs = new Argument<string[]>("folders")
        {
            Description = "Shard folders of one experiment (written with --shard i/n)",
            Arity = ArgumentArity.OneOrMore,
        };
        var mergeOut = new Option<string>("--out")
        {
            Description = "The merged folder to write (must not exist)",
            Required = true,
        };
        var merge = new Command("merge", "Combine shard folders into the folder one process would have written (same CSV bytes)");
        merge.Add(mergeDirs);
        merge.Add(mergeOut);
        merge.SetAction(parse => MergeCommand.Execute(context, parse.GetRequiredValue(mergeDirs), parse.GetRequiredValue(mergeOut)));
        root.Add(merge);

        root.Add(NewCommand.Build(context));
        root.Add(SwarmCommand.Build(context, swarmInvariant));
        root.Add(DurabilityCommand.Build(context));
        root.Add(PlotCommand.Build(context));

        var reportFolder = new Argument<string>("folder") { Description = "A results folder written by run, compare or sweep" };
        var report = new Command("report",
            "Write report.html into a results folder: headline figures with CIs, tables, plots, scenario and manifest on one self-contained page");
        report.Add(reportFolder);
        report.SetAction(parse => ReportCommand.Execute(context, parse.GetRequiredValue(reportFolder)));
        root.Add(report);

        var durabilitySchema = new Option<bool>("--durability")
        {
            Description = "The schema of durability scenario files instead (scenarios/durability/durability.schema.json)",
        };
        var schema = new Command("schema", "Print the JSON Schema of scenario files (scenarios/scenario.schema.json is this output)")
        {
            durabilitySchema,
        };
        schema.SetAction(parse =>
        {
            context.Output.Write(ScenarioSchema.Generate(parse.GetValue(durabilitySchema)
                ? typeof(Durability.DurabilityScenario) : typeof(Scenarios.Model.Scenario)));
            return ExitCodes.Ok;
        });
        root.Add(schema);
        return root;
    }

    private static Command ExperimentCommandLine(string name, string description, ExperimentKind kind, ScenarioOptions scenarioOptions,
        ExperimentOptions experimentOptions, CliContext context, IScenarioRunner runner)
    {
        var command = new Command(name, description);
        scenarioOptions.AddTo(command);
        experimentOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var request = experimentOptions.Read(parse, scenarioOptions.Read(parse));
            if (request.Resume is not null)
            {
                var given = scenarioOptions.PlanOptions.Concat(experimentOptions.PlanOptions)
                    .Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
                if (request.ScenarioPaths.Count > 0) given.Insert(0, "the scenario file");
                if (given.Count > 0)
                    throw new BadInputException($"--resume takes the plan from the folder; leave out {string.Join(", ", given)}");
            }
            else if (kind == ExperimentKind.Compare && request.ScenarioPaths.Count < 2)
                throw new BadInputException($"compare needs at least two scenario files (or --resume DIR), found {request.ScenarioPaths.Count}");
            else if (request.ScenarioPaths.Count == 0)
                throw new BadInputException($"{name} needs a scenario file (or --resume DIR)");
            return ExperimentCommand.Execute(context, runner, kind, request);
        });
        return command;
    }
}
