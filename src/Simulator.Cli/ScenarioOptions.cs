using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Simulator.Engine;
using Simulator.Experiments;

namespace Simulator.Cli;

/// <summary>The scenario argument(s) and the options that <c>run</c>, <c>validate</c>, <c>compare</c> and <c>sweep</c> share, with their checks.</summary>
internal sealed class ScenarioOptions
{
    private readonly Argument _scenario;

    private readonly Option<ulong?> _seed = new("--seed")
    {
        Description = "Run seed: every random draw derives from it; same seed, same results (default: the scenario's seed)",
        CustomParser = OptionParsers.Seed,
    };

    private readonly Option<string[]> _set = new("--set")
    {
        Description = "Override a scenario value, e.g. --set control_plane.workers=64 (repeatable)",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<double> _scale = new("--scale")
    {
        Description = "Multiply node and volume counts by this factor (> 0), keeping every ratio",
        DefaultValueFactory = _ => 1.0,
        CustomParser = ParseScale,
    };

    private readonly Option<string> _out = new("--out")
    {
        Description = "Root folder of run folders",
        DefaultValueFactory = _ => "results",
    };

    private readonly Option<Duration?> _sampleInterval = new("--sample-interval")
    {
        Description = "Time between two samples of the time series, e.g. 1m (default: the scenario's)",
        CustomParser = ParseSampleInterval,
    };

    private readonly Option<bool> _allowExtendsOutside = new("--allow-extends-outside")
    {
        Description = "Let a scenario extend files outside its folder and the working directory (off: a downloaded scenario reads nothing else)",
    };

    private readonly Option<bool> _ignoreEstimate = new("--ignore-estimate")
    {
        Description = "Run even when the estimate of the memory or the output exceeds what the machine has",
    };

    /// <param name="arity">How many scenario files the command takes.</param>
    /// <param name="name">The argument's name in the help.</param>
    /// <param name="description">The argument's description in the help.</param>
    public ScenarioOptions(ArgumentArity? arity = null, string name = "scenario",
        string description = "Scenario file (YAML), e.g. scenarios/aws-2011-us-east-1.yaml")
    {
        var a = arity ?? ArgumentArity.ExactlyOne;
        _scenario = a.MaximumNumberOfValues > 1
            ? new Argument<string[]>(name) { Description = description, Arity = a }
            : new Argument<string?>(name) { Description = description, Arity = a };
        _scenario.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                string path = token.Value;
                if (!File.Exists(path))
                    result.AddError(Directory.Exists(path)
                        ? $"scenario path is a folder, not a file: {path}"
                        : $"scenario file not found: {path}");
            }
        });
        _set.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                int eq = token.Value.IndexOf('=');
                if (eq <= 0)
                    result.AddError($"--set expects path=value, found \"{token.Value}\"");
            }
        });
    }

    /// <summary>Adds the argument and options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Add(_scenario);
        command.Add(_seed);
        command.Add(_set);
        command.Add(_scale);
        command.Add(_out);
        command.Add(_sampleInterval);
        command.Add(_allowExtendsOutside);
        command.Add(_ignoreEstimate);
    }

    /// <summary>The options other than the scenario, for commands that check which were given.</summary>
    public IReadOnlyList<Option> PlanOptions => [_seed, _set, _scale, _sampleInterval];

    /// <summary>
    /// The parsed values of a parse result without errors: one replication on one thread, until
    /// <see cref="ExperimentOptions.Read"/> adds the experiment options of the commands that have them.
    /// </summary>
    public ExperimentRequest Read(ParseResult parse)
    {
        Scenarios.ScenarioFile.AllowExtendsOutside = parse.GetValue(_allowExtendsOutside);
        ResourceCheck.Enabled = !parse.GetValue(_ignoreEstimate);
        return Request(parse);
    }

    private ExperimentRequest Request(ParseResult parse) => new(
        _scenario switch
        {
            Argument<string[]> many => parse.GetValue(many) ?? [],
            Argument<string?> one => parse.GetValue(one) is { } path ? [path] : [],
            _ => [],
        },
        parse.GetValue(_out) is { Length: > 0 } outDir ? outDir : "results",
        new ExperimentSettings(parse.GetValue(_seed), parse.GetValue(_scale), parse.GetValue(_sampleInterval), Replications: 1,
            parse.GetValue(_set) ?? []));

    private static double ParseScale(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double scale) &&
            double.IsFinite(scale) && scale > 0)
            return scale;
        result.AddError($"--scale expects a number greater than 0, found \"{text}\"");
        return default;
    }

    private static Duration? ParseSampleInterval(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (!Duration.TryParse(text, out var interval, out string error))
        {
            result.AddError($"--sample-interval {error}");
            return null;
        }
        if (interval <= Duration.Zero)
        {
            result.AddError($"--sample-interval expects a positive duration, found \"{text}\"");
            return null;
        }
        return interval;
    }
}
