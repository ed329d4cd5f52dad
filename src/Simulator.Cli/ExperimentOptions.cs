using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Simulator.Engine;
using Simulator.Experiments;

namespace Simulator.Cli;

/// <summary>The options of the experiment commands: <c>--replications</c>, <c>--threads</c>, <c>--shard</c>, <c>--folder</c>, <c>--resume</c>, <c>--report</c> (and <c>--vary</c>, <c>--samples</c> for sweeps).</summary>
internal sealed class ExperimentOptions
{
    private readonly Option<int> _replications;

    private readonly Option<int> _threads = new("--threads")
    {
        Description = "Units (replications) run at once, one per thread, by default one per core; results do not depend on it",
        DefaultValueFactory = _ => Environment.ProcessorCount,
        CustomParser = r => OptionParsers.Positive(r, "--threads"),
    };

    private readonly Option<Shard> _shard = new("--shard")
    {
        Description = "Compute only shard i of n (i from 0 to n-1): the units whose index mod n is i; combine the shard folders with replsim merge",
        DefaultValueFactory = _ => Shard.All,
        CustomParser = OptionParsers.Shard,
    };

    private readonly Option<string?> _folder = new("--folder")
    {
        Description = "Write exactly this folder (which must not exist) instead of OUT/<scenario>/<time>-<seed>",
    };

    private readonly Option<string?> _resume = new("--resume")
    {
        Description = "Finish an interrupted folder (or shard folder): compute only its missing units, then write its final files",
    };

    private readonly Option<string[]> _vary = new("--vary")
    {
        Description = "Vary a scenario value (repeatable): path=v1,v2,… or path=lo..hi:steps (add :log for geometric steps), e.g. " +
                      "--vary replication.retry.interval=1s..60s:4",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<int?> _samples = new("--samples")
    {
        Description = "Latin hypercube of K points over the --vary ranges (path=lo..hi) instead of a full grid",
        CustomParser = r => OptionParsers.Positive(r, "--samples"),
    };

    private readonly Option<bool> _report = new("--report")
    {
        Description = "Also write report.html into the results folder at the end (as replsim report does)",
    };

    private readonly Option<string> _format = new("--format")
    {
        Description = "csv (the default) or parquet: parquet also writes the time series as Parquet, timeseries.parquet beside " +
                      "timeseries.csv (run) or outage-curves.parquet beside outage-curves.csv (compare)",
        DefaultValueFactory = _ => CsvFormat,
        CustomParser = ParseFormat,
    };

    private const string CsvFormat = "csv";

    private readonly Option<bool> _volumes = new("--volumes")
    {
        Description = "Also write volumes.csv: every volume not healthy at the horizon (and at --volumes-at), with its state, cause, " +
                      "since when, and where its replicas are",
    };

    private readonly Option<Duration[]?> _volumesAt = new("--volumes-at")
    {
        Description = "Times at which volumes.csv also lists the volumes not healthy, e.g. 12h,24h (implies --volumes)",
        CustomParser = ParseTimes,
    };

    private readonly bool _sweep;
    private readonly bool _replicationsOnly;

    /// <param name="defaultReplications">Replications when <c>--replications</c> is not given.</param>
    /// <param name="sweep">Adds <c>--vary</c> and <c>--samples</c>.</param>
    /// <param name="replicationsOnly">Only <c>--replications</c> and <c>--threads</c> (for <c>validate</c>, which keeps no folder to resume or merge).</param>
    public ExperimentOptions(int defaultReplications, bool sweep = false, bool replicationsOnly = false)
    {
        _sweep = sweep;
        _replicationsOnly = replicationsOnly;
        _replications = new Option<int>("--replications")
        {
            Description = $"Independent replications per scenario (and sweep point), each on its own random streams",
            DefaultValueFactory = _ => defaultReplications,
            CustomParser = r => OptionParsers.Positive(r, "--replications"),
        };
        _vary.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (token.Value.IndexOf('=', StringComparison.Ordinal) <= 0)
                    result.AddError($"--vary expects path=values, found \"{token.Value}\"");
        });
    }

    public void AddTo(Command command)
    {
        command.Add(_replications);
        command.Add(_threads);
        if (_replicationsOnly) return;
        command.Add(_report);
        command.Add(_shard);
        command.Add(_folder);
        command.Add(_resume);
        command.Add(_format);
        command.Add(_volumes);
        command.Add(_volumesAt);
        if (!_sweep) return;
        command.Add(_vary);
        command.Add(_samples);
    }

    /// <summary>Options that define the plan, which <c>--resume</c> takes from the folder instead.</summary>
    public IEnumerable<Option> PlanOptions => _sweep
        ? [_replications, _shard, _folder, _format, _volumes, _volumesAt, _vary, _samples]
        : [_replications, _shard, _folder, _format, _volumes, _volumesAt];

    /// <summary>The scenario options' <paramref name="request"/> with these options' values.</summary>
    public ExperimentRequest Read(ParseResult parse, ExperimentRequest request)
    {
        var read = request with
        {
            Settings = request.Settings with { Replications = parse.GetValue(_replications) },
            Threads = parse.GetValue(_threads),
        };
        if (_replicationsOnly) return read;
        string? format = parse.GetValue(_format) is ExperimentPlan.ParquetFormat ? ExperimentPlan.ParquetFormat : null;
        if (_sweep && format is not null)
            throw new BadInputException("--format parquet: a sweep folder keeps no time series (only per-point summaries and figures); " +
                                        "run the point of interest with replsim run --format parquet");
        return read with
        {
            Report = parse.GetValue(_report),
            Settings = read.Settings with
            {
                SeriesFormat = format,
                VolumesAt = parse.GetValue(_volumesAt) is { Length: > 0 } at ? at : parse.GetValue(_volumes) ? [] : null,
            },
            Shard = parse.GetValue(_shard),
            Folder = parse.GetValue(_folder),
            Resume = parse.GetValue(_resume),
            Vary = _sweep ? parse.GetValue(_vary) ?? [] : [],
            Samples = _sweep ? parse.GetValue(_samples) : null,
        };
    }

    /// <summary>Comma-separated positive durations (<c>12h,24h</c>); every bad one is reported.</summary>
    private static Duration[]? ParseTimes(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return null;
        var times = new List<Duration>();
        foreach (var token in result.Tokens)
            foreach (string text in token.Value.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!Duration.TryParse(text, out var d, out string error))
                    result.AddError($"--volumes-at expects times such as 12h,24h; \"{text}\": {error}");
                else if (d <= Duration.Zero)
                    result.AddError($"--volumes-at expects positive times, found \"{text}\"");
                else times.Add(d);
            }
        return [.. times];
    }

    /// <summary>csv (the time series as CSV alone) or <see cref="ExperimentPlan.ParquetFormat"/>.</summary>
    private static string ParseFormat(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (text is CsvFormat or ExperimentPlan.ParquetFormat) return text;
        result.AddError($"--format expects csv or parquet, found \"{text}\"");
        return CsvFormat;
    }

}
