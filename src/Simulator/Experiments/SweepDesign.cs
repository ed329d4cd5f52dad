using System.Globalization;
using System.Text.RegularExpressions;
using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Experiments;

/// <summary>
/// Reads <c>--vary</c> texts and turns them into points: a full grid, or a Latin hypercube of <c>--samples K</c>
/// points drawn from a stream of the run seed. Range values are interpolated on the number written before the unit
/// (<c>1s..60s:4</c> gives 1s, 20.67s, 40.33s, 60s), rounded to 4 significant digits, or to whole numbers for
/// integer fields; the unit text is kept, so each value reads back as the field's own type. Bad input is a
/// <see cref="ScenarioException"/> whose errors name <c>--vary</c> and the path.
/// </summary>
public static partial class SweepDesign
{
    /// <summary>Origin of errors about <c>--vary</c>, as <c>--set</c> is for overrides.</summary>
    public const string Origin = "--vary";

    /// <summary>Most points a sweep may have: a typo in steps should not start a week of work.</summary>
    public const int MaxPoints = 100_000;

    /// <summary>Reads <c>path=v1,v2,…</c>, <c>path=lo..hi</c>, <c>path=lo..hi:steps</c>, with an optional <c>:log</c>.</summary>
    public static VarySpec Parse(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        string path = eq < 0 ? text.Trim() : text[..eq].Trim();
        if (eq <= 0 || path.Length == 0)
            throw Error(path.Length == 0 ? FieldPathRoot : path,
                $"expected path=v1,v2,… or path=lo..hi:steps such as \"replication.retry.interval=1s..60s:4\", found \"{text}\"");
        string spec = text[(eq + 1)..].Trim();
        if (spec.Length == 0) throw Error(path, "has no values: give a list (a,b,c) or a range (lo..hi:steps)");

        int dots = spec.IndexOf("..", StringComparison.Ordinal);
        if (dots >= 0 && !spec.Contains(',', StringComparison.Ordinal)) return ParseRange(path, spec, dots);

        var values = SplitList(spec);
        if (values.Count == 0 || values.Any(v => v.Length == 0))
            throw Error(path, $"has an empty value in \"{spec}\": separate values with single commas");
        return new VarySpec(path, spec, values);
    }

    private const string FieldPathRoot = "(root)";

    private static VarySpec ParseRange(string path, string spec, int dots)
    {
        // lo..hi[:steps][:log]
        var tail = spec[(dots + 2)..].Split(':');
        bool log = tail.Length > 1 && tail[^1].Trim() == "log";
        string? stepsText = tail.Length > (log ? 2 : 1) ? tail[1].Trim() : null;
        if (tail.Length > (log ? 3 : 2) || (tail.Length == 2 && !log && stepsText is null))
            throw Error(path, $"expected lo..hi, lo..hi:steps or lo..hi:steps:log, found \"{spec}\"");
        var (lo, loUnit) = SplitNumber(spec[..dots]);
        var (hi, hiUnit) = SplitNumber(tail[0]);
        if (double.IsNaN(lo) || double.IsNaN(hi))
            throw Error(path, $"expected a range of numbers such as 1s..60s:4, found \"{spec}\"");
        if (loUnit != hiUnit && loUnit.Length > 0 && hiUnit.Length > 0)
            throw Error(path, $"both ends of a range need the same unit, found \"{loUnit}\" and \"{hiUnit}\" in \"{spec}\"");
        string unit = loUnit.Length > 0 ? loUnit : hiUnit;
        if (hi < lo) throw Error(path, $"expected lo..hi with lo <= hi, found \"{spec}\"");
        int? steps = null;
        if (stepsText is not null)
        {
            if (!int.TryParse(stepsText, NumberStyles.None, CultureInfo.InvariantCulture, out int s) || s < 2)
                throw Error(path, $"expected a whole number of at least 2 steps after ':', found \"{stepsText}\" in \"{spec}\"");
            steps = s;
        }
        if (log && lo <= 0) throw Error(path, $"a :log range needs lo > 0, found \"{spec}\"");
        return new VarySpec(path, spec, [], lo, hi, unit, steps, log);
    }

    /// <summary>Every combination of the values, the first parameter slowest (row-major), numbered from 0.</summary>
    public static (IReadOnlyList<PlanParameter> Parameters, IReadOnlyList<PlanPoint> Points) Grid(IReadOnlyList<VarySpec> specs)
    {
        CheckDistinct(specs);
        var parameters = new List<PlanParameter>();
        foreach (var spec in specs)
        {
            if (spec.IsRange && spec.Steps is null)
                throw Error(spec.Path, $"a grid needs the number of values: write {spec.Spec}:steps (or use --samples K for a Latin hypercube)");
            var values = spec.IsRange ? RangeValues(spec) : spec.Values;
            parameters.Add(new PlanParameter(spec.Path, spec.Spec, values));
        }
        double count = parameters.Aggregate(1.0, (n, p) => n * p.Values.Count);
        if (count > MaxPoints)
            throw Error(specs[0].Path, $"the grid has {count:0} points, more than {MaxPoints}; vary fewer values or use --samples K");
        var points = new List<PlanPoint>();
        var index = new int[parameters.Count];
        for (int id = 0; id < (int)count; id++)
        {
            points.Add(new PlanPoint(id, [.. parameters.Select((p, j) => p.Values[index[j]])]));
            for (int j = parameters.Count - 1; j >= 0; j--)
            {
                if (++index[j] < parameters[j].Values.Count) break;
                index[j] = 0;
            }
        }
        return (parameters, points);
    }

    /// <summary>
    /// <paramref name="samples"/> points: each parameter's range (or list) is cut into that many equal strata, each
    /// stratum is sampled once at a uniform position, and the strata are matched across parameters by independent random
    /// permutations. The draws come from a stream keyed by the seed and the parameter, so the same seed gives the same points.
    /// </summary>
    public static (IReadOnlyList<PlanParameter> Parameters, IReadOnlyList<PlanPoint> Points) LatinHypercube(
        IReadOnlyList<VarySpec> specs, int samples, ulong seed)
    {
        CheckDistinct(specs);
        if (samples < 2) throw Error(specs.Count > 0 ? specs[0].Path : FieldPathRoot, $"--samples expects at least 2 points, found {samples}");
        if (samples > MaxPoints) throw Error(specs[0].Path, $"--samples expects at most {MaxPoints} points, found {samples}");
        foreach (var spec in specs.Where(s => s.IsRange && s.Steps is not null))
            throw Error(spec.Path, $"steps are for grids; with --samples give the range as lo..hi (or lo..hi:log), found \"{spec.Spec}\"");

        var columns = new string[specs.Count][];
        var streams = new RandomStreams(seed, 0);
        for (int j = 0; j < specs.Count; j++)
        {
            var spec = specs[j];
            var stream = streams.Get("latin-hypercube", j);
            var strata = Enumerable.Range(0, samples).ToArray();
            stream.ShuffleFirst(strata.AsSpan(), samples);
            columns[j] = new string[samples];
            for (int i = 0; i < samples; i++)
            {
                double u = (strata[i] + stream.NextDouble()) / samples;
                columns[j][i] = spec.IsRange
                    ? Format(spec, Interpolate(spec, u))
                    : spec.Values[Math.Min(spec.Values.Count - 1, (int)Math.Floor(u * spec.Values.Count))];
            }
        }
        var parameters = specs.Select(s => new PlanParameter(s.Path, s.Spec, [])).ToList();
        var points = Enumerable.Range(0, samples)
            .Select(i => new PlanPoint(i, [.. Enumerable.Range(0, specs.Count).Select(j => columns[j][i])]))
            .ToList();
        return (parameters, points);
    }

    /// <summary>The <see cref="VarySpec.Steps"/> values of a range, ends included.</summary>
    public static IReadOnlyList<string> RangeValues(VarySpec spec)
    {
        int steps = spec.Steps ?? throw new ArgumentException("a range without steps has no fixed values", nameof(spec));
        return [.. Enumerable.Range(0, steps).Select(i => Format(spec, Interpolate(spec, (double)i / (steps - 1))))];
    }

    private static double Interpolate(VarySpec spec, double u) => spec.Log
        ? spec.Low * Math.Pow(spec.High / spec.Low, u)
        : spec.Low + u * (spec.High - spec.Low);

    /// <summary>4 significant digits (whole numbers for integer fields), no exponent, then the unit.</summary>
    private static string Format(VarySpec spec, double x)
    {
        double rounded = ScenarioFields.IsInteger(spec.Path) ? Math.Round(x, MidpointRounding.AwayFromZero) : RoundSignificant(x, 4);
        return rounded.ToString("0.##########", CultureInfo.InvariantCulture) + spec.Unit;
    }

    private static double RoundSignificant(double x, int digits)
    {
        if (x == 0 || !double.IsFinite(x)) return x;
        int decimals = digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(x)));
        return decimals >= 0 ? Math.Round(x, Math.Min(decimals, 15), MidpointRounding.AwayFromZero)
            : Math.Round(x / Math.Pow(10, -decimals), MidpointRounding.AwayFromZero) * Math.Pow(10, -decimals);
    }

    private static void CheckDistinct(IReadOnlyList<VarySpec> specs)
    {
        if (specs.Count == 0) throw Error(FieldPathRoot, "a sweep needs at least one --vary path=values");
        foreach (var dup in specs.GroupBy(s => s.Path).Where(g => g.Count() > 1))
            throw Error(dup.Key, $"is varied {dup.Count()} times; give each path once");
    }

    /// <summary>Splits on commas outside brackets and quotes, so flow values such as [1, 2] stay whole.</summary>
    private static List<string> SplitList(string spec)
    {
        var values = new List<string>();
        int depth = 0, start = 0;
        char quote = '\0';
        for (int i = 0; i < spec.Length; i++)
        {
            char c = spec[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '"' or '\'') quote = c;
            else if (c is '[' or '{') depth++;
            else if (c is ']' or '}') depth--;
            else if (c == ',' && depth == 0)
            {
                values.Add(spec[start..i].Trim());
                start = i + 1;
            }
        }
        values.Add(spec[start..].Trim());
        return values;
    }

    private static (double Number, string Unit) SplitNumber(string text)
    {
        var m = NumberThenUnit().Match(text.Trim());
        if (!m.Success || !double.TryParse(m.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x))
            return (double.NaN, "");
        return (x, m.Groups["u"].Value.Trim());
    }

    private static ScenarioException Error(string path, string message) =>
        new([new ScenarioError(Origin, 0, 0, path, message)]);

    [GeneratedRegex(@"^(?<n>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(?<u>.*)$")]
    private static partial Regex NumberThenUnit();
}
