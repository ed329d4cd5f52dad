using System.CommandLine;
using System.Reflection;
using Simulator.Scenarios;

namespace Simulator.Cli;

/// <summary>
/// The <c>replsim</c> command line: <c>run</c> and <c>validate</c> a scenario, <c>--help</c>, <c>--version</c>.
/// Callable in-process with any writers, which is how the tests drive it.
/// </summary>
public static class CliApp
{
    /// <summary>Informational version of replsim (<c>0.1.0+commit</c>).</summary>
    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";

    /// <summary>Runs the command line on the process's console; a progress bar when stdout is a terminal.</summary>
    public static int Run(string[] args) =>
        Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);

    /// <summary>Runs the command line writing to the given writers and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">Arguments, without the program name.</param>
    /// <param name="output">Normal output: progress, tables, the results folder.</param>
    /// <param name="error">Errors, one per line.</param>
    /// <param name="interactive">True for a terminal: progress bar and colours instead of plain lines.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool interactive = false) =>
        Run(args, output, error, interactive, LibraryScenarioRunner.Instance);

    internal static int Run(string[] args, TextWriter output, TextWriter error, bool interactive, IScenarioRunner runner)
    {
        var context = new CliContext(output, error, interactive);
        try
        {
            var root = BuildCommand(context, runner);
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
        catch (BadInputException e)
        {
            error.WriteLine($"replsim: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            error.WriteLine($"replsim: internal error (a bug, please report it with the command line): {e.GetType().Name}: {e.Message}");
            error.WriteLine(e.ToString());
            return ExitCodes.InternalError;
        }
    }

    private static RootCommand BuildCommand(CliContext context, IScenarioRunner runner)
    {
        var root = new RootCommand(
            "replsim: discrete-event simulator of replicated block storage. Replays the April 2011 AWS EBS " +
            "re-mirroring storm and what-if variants, and measures stuck and lost volumes.");
        foreach (var option in root.Options)
            if (option is VersionOption version) version.Action = new VersionAction();

        var runOptions = new ScenarioOptions();
        var run = new Command("run", "Run a scenario once; write results/<scenario>/<time>-<seed>/ (CSV, plots, manifest)");
        runOptions.AddTo(run);
        run.SetAction(parse => ScenarioCommand.Execute(context, runner, runOptions.Read(parse), validate: false));
        root.Add(run);

        var validateOptions = new ScenarioOptions();
        var validate = new Command("validate",
            "Run a scenario and compare it with its published figures; exit 1 if any is outside its tolerance");
        validateOptions.AddTo(validate);
        validate.SetAction(parse => ScenarioCommand.Execute(context, runner, validateOptions.Read(parse), validate: true));
        root.Add(validate);

        var schema = new Command("schema", "Print the JSON Schema of scenario files (scenarios/scenario.schema.json is this output)");
        schema.SetAction(_ =>
        {
            context.Output.Write(ScenarioSchema.Generate(typeof(Scenarios.Model.Scenario)));
            return ExitCodes.Ok;
        });
        root.Add(schema);
        return root;
    }
}
