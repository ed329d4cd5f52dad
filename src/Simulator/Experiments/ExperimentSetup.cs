using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Experiments;

/// <summary>
/// A plan with its scenarios loaded and checked, one per (variant, point): everything a process needs to compute any
/// of the plan's units. Building one is where bad input is refused, before anything runs or is written.
/// </summary>
public sealed class ExperimentSetup
{
    private readonly LoadedScenario[] _scenarios;

    private ExperimentSetup(ExperimentPlan plan, LoadedScenario[] scenarios, IReadOnlyList<string?> resolvedTexts)
    {
        Plan = plan;
        _scenarios = scenarios;
        ResolvedTexts = resolvedTexts;
    }

    public ExperimentPlan Plan { get; }

    /// <summary>
    /// Each variant's resolved scenario (<see cref="ResolvedScenario"/>: the plan's overrides applied, the plan's seed set),
    /// which the folder keeps and whose SHA-256 is the variant's <see cref="PlanVariant.Sha256"/>; null for a scenario a
    /// loader made without a file (then the loader's hash identifies it).
    /// </summary>
    public IReadOnlyList<string?> ResolvedTexts { get; }

    private static string? Resolve(LoadedScenario scenario, IReadOnlyList<string> overrides, ulong seed) =>
        File.Exists(scenario.Path) ? ResolvedScenario.Text(scenario.Path, overrides, seed) : null;

    /// <summary>The scenario of (variant, point) with the plan's overrides and the point's values applied.</summary>
    public LoadedScenario Scenario(int variant, int point) => _scenarios[variant * Plan.Points.Count + point];

    /// <summary>The options that run exactly one unit: its replication.</summary>
    public RunOptions OptionsFor(UnitKey unit) =>
        new(Plan.Seed, Plan.Scale, Plan.SampleInterval is { } s ? Duration.Parse(s) : null, unit.Replication)
        {
            VolumesAt = Plan.VolumesAt?.Select(Duration.Parse).ToList(),
        };

    /// <summary><c>replsim run</c>: one scenario, N replications.</summary>
    public static ExperimentSetup ForRun(string path, ExperimentSettings settings, ScenarioLoader load) =>
        Build(ExperimentKind.Run, [path], settings, SweepDesignKind.None, [], [new PlanPoint(0, [])], load);

    /// <summary><c>replsim compare</c>: two or more scenarios on the same seeds; the first is the baseline.</summary>
    public static ExperimentSetup ForCompare(IReadOnlyList<string> paths, ExperimentSettings settings, ScenarioLoader load)
    {
        if (paths.Count < 2) throw new ExperimentException($"compare needs at least two scenarios, found {paths.Count}");
        return Build(ExperimentKind.Compare, paths, settings, SweepDesignKind.None, [], [new PlanPoint(0, [])], load);
    }

    /// <summary>
    /// <c>replsim sweep</c>: a grid of the <c>--vary</c> values, or a Latin hypercube of <paramref name="samples"/> points.
    /// Each varied value is checked by loading the scenario with it, so an unknown path (with a did-you-mean) or a value
    /// of the wrong type is refused with the <c>--vary</c> it came from.
    /// </summary>
    public static ExperimentSetup ForSweep(string path, IReadOnlyList<string> vary, int? samples, ExperimentSettings settings,
        ScenarioLoader load)
    {
        var specs = vary.Select(SweepDesign.Parse).ToList();
        var baseline = load(path, settings.Overrides);
        ulong seed = settings.Seed ?? unchecked((ulong)baseline.Model.Seed);
        foreach (var spec in specs)
        {
            if (spec.IsRange && ScenarioFields.Find(spec.Path) is not null && !ScenarioFields.IsNumeric(spec.Path))
                throw new ScenarioException([new ScenarioError(SweepDesign.Origin, 0, 0, spec.Path,
                    $"a range needs a numeric field; give the values as a list instead of \"{spec.Spec}\"")]);
        }
        var (parameters, points) = samples is { } k ? SweepDesign.LatinHypercube(specs, k, seed) : SweepDesign.Grid(specs);
        // Check each distinct value of each parameter once, with the errors pointing at --vary.
        var errors = new List<ScenarioError>();
        for (int j = 0; j < parameters.Count; j++)
            foreach (var value in points.Select(p => p.Values[j]).Distinct())
            {
                try
                {
                    load(path, [.. settings.Overrides, $"{parameters[j].Path}={value}"]);
                }
                catch (ScenarioException e)
                {
                    errors.AddRange(e.Errors.Select(x => x.File == "--set" ? x with { File = SweepDesign.Origin } : x));
                    break;
                }
            }
        if (errors.Count > 0) throw new ScenarioException([.. errors.Distinct()]);
        var design = samples is null ? SweepDesignKind.Grid : SweepDesignKind.LatinHypercube;
        return Build(ExperimentKind.Sweep, [path], settings with { Seed = seed }, design, parameters, points, load);
    }

    /// <summary>
    /// Loads a recorded plan again (to resume it): each scenario file must still hash as it did, so the units still
    /// to compute match the ones done.
    /// </summary>
    public static ExperimentSetup Reload(ExperimentPlan plan, ScenarioLoader load)
    {
        var scenarios = new LoadedScenario[plan.Variants.Count * plan.Points.Count];
        var texts = new string?[plan.Variants.Count];
        for (int v = 0; v < plan.Variants.Count; v++)
        {
            var variant = plan.Variants[v];
            string path = File.Exists(variant.Path) ? variant.Path : variant.FullPath;
            var baseline = load(path, plan.Overrides);
            texts[v] = Resolve(baseline, plan.Overrides, plan.Seed);
            string sha = texts[v] is { } text ? ResolvedScenario.Sha256(text) : baseline.Sha256;
            if (sha != variant.Sha256)
                throw new ExperimentException(
                    $"{variant.Path} has changed since the experiment started (scenario SHA-256 {Short(variant.Sha256)} then, {Short(sha)} now)");
            for (int p = 0; p < plan.Points.Count; p++)
                scenarios[v * plan.Points.Count + p] = plan.Parameters.Count == 0 ? baseline : load(path, plan.OverridesAt(p));
        }
        return new ExperimentSetup(plan, scenarios, texts);
    }

    private static ExperimentSetup Build(ExperimentKind kind, IReadOnlyList<string> paths, ExperimentSettings settings,
        SweepDesignKind design, IReadOnlyList<PlanParameter> parameters, IReadOnlyList<PlanPoint> points, ScenarioLoader load)
    {
        if (settings.Replications < 1) throw new ExperimentException($"--replications expects at least 1, found {settings.Replications}");
        // Every file is read before any error is reported, so all problems show at once.
        var errors = new List<ScenarioError>();
        var baselines = new List<LoadedScenario>();
        foreach (var path in paths)
        {
            try
            {
                baselines.Add(load(path, settings.Overrides));
            }
            catch (ScenarioException e)
            {
                errors.AddRange(e.Errors);
            }
        }
        if (errors.Count > 0) throw new ScenarioException(errors);

        var labels = new List<string>();
        foreach (var b in baselines)
        {
            string label = b.Model.Name;
            for (int n = 2; labels.Contains(label); n++) label = $"{b.Model.Name}-{n}";
            labels.Add(label);
        }
        ulong seed = settings.Seed ?? unchecked((ulong)baselines[0].Model.Seed);
        string?[] texts = [.. baselines.Select(b => Resolve(b, settings.Overrides, seed))];
        var plan = new ExperimentPlan
        {
            Kind = kind,
            Variants = [.. baselines.Select((b, i) =>
                new PlanVariant(b.Path, Path.GetFullPath(b.Path), b.Model.Name, labels[i], texts[i] is { } text ? ResolvedScenario.Sha256(text) : b.Sha256))],
            Overrides = settings.Overrides,
            Parameters = parameters,
            Design = design,
            Points = points,
            Replications = settings.Replications,
            Seed = seed,
            Scale = settings.Scale,
            SampleInterval = settings.SampleInterval?.ToString(),
            SeriesFormat = settings.SeriesFormat,
            VolumesAt = settings.VolumesAt?.Select(d => d.ToString()).ToList(),
        };
        var scenarios = new LoadedScenario[plan.Variants.Count * points.Count];
        for (int v = 0; v < baselines.Count; v++)
            for (int p = 0; p < points.Count; p++)
                scenarios[v * points.Count + p] = parameters.Count == 0 ? baselines[v] : load(paths[v], plan.OverridesAt(p));
        var interval = plan.SampleInterval is { } s ? Duration.Parse(s) : (Duration?)null;
        var scaled = scenarios.SelectMany(s => ScaledScenarioCheck.Problems(s, plan.Scale, interval)).Distinct().ToList();
        if (scaled.Count > 0) throw new ScenarioException(scaled);
        return new ExperimentSetup(plan, scenarios, texts);
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
