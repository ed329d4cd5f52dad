using System.Globalization;
using Simulator.Experiments;
using Simulator.Scenarios;
using Simulator.Units;
using Duration = Simulator.Engine.Duration;

namespace Simulator.Reporting;

/// <summary>
/// A swept parameter's values as numbers in SI units, for the column beside the text as written: <c>5s</c> → 5 in
/// <c>&lt;path&gt;_s</c>, <c>1%</c> → 0.01 in <c>&lt;path&gt;_ratio</c>, <c>10Gbps</c> → 1e10 in <c>&lt;path&gt;_bps</c>,
/// <c>1TiB</c> → bytes in <c>&lt;path&gt;_bytes</c>, <c>2/h</c> → per second in <c>&lt;path&gt;_per_s</c>, a plain number
/// as itself in <c>&lt;path&gt;_number</c>. A parameter that is not numeric (a name, a choice) has no such column.
/// </summary>
public static class SweepParameterValues
{
    /// <summary>The numeric column's suffix for the field at <paramref name="path"/>; null when the field is not numeric.</summary>
    public static string? Suffix(string path) => ScenarioFields.Find(path)?.Kind switch
    {
        ValueKind.Duration => "_s",
        ValueKind.Fraction => "_ratio",
        ValueKind.ByteSize => "_bytes",
        ValueKind.Bandwidth => "_bps",
        ValueKind.Rate => "_per_s",
        ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double => "_number",
        _ => null,
    };

    private static readonly string[] Suffixes = ["_s", "_ratio", "_bytes", "_bps", "_per_s", "_number"];

    /// <summary>Whether <paramref name="column"/> of <paramref name="header"/> is the SI column of another (its path and a suffix).</summary>
    public static bool IsNumericColumn(IReadOnlyList<string> header, string column) =>
        Suffixes.Any(s => column.EndsWith(s, StringComparison.Ordinal) && header.Contains(column[..^s.Length]));

    /// <summary>The header of the parameter columns: each path as written, then its numeric column when it has one.</summary>
    public static IReadOnlyList<string> Header(ExperimentPlan plan) =>
        [.. plan.Parameters.SelectMany(p => Suffix(p.Path) is { } suffix ? new[] { p.Path, p.Path + suffix } : [p.Path])];

    /// <summary>The fields of the parameter columns of <paramref name="point"/>, in the order of <see cref="Header"/>.</summary>
    public static IReadOnlyList<string> Fields(ExperimentPlan plan, PlanPoint point)
    {
        var fields = new List<string>();
        for (int i = 0; i < plan.Parameters.Count; i++)
        {
            string path = plan.Parameters[i].Path, text = point.Values[i];
            fields.Add(text);
            if (Suffix(path) is not null) fields.Add(CsvText.Optional(Si(path, text)));
        }
        return fields;
    }

    /// <summary>The value in SI units (see the class); NaN when the text does not read.</summary>
    public static double Si(string path, string text)
    {
        string t = text.Trim();
        return ScenarioFields.Find(path)?.Kind switch
        {
            ValueKind.Duration when Duration.TryParse(t, out var d, out _) => d.TotalSeconds,
            ValueKind.Fraction when Fraction.TryParse(t, allowAboveOne: true, out var f, out _) => f.Value,
            ValueKind.ByteSize when ByteSize.TryParse(t, out var b, out _) => b.Bytes,
            ValueKind.Bandwidth when Bandwidth.TryParse(t, out var b, out _) => b.BitsPerSecond,
            ValueKind.Rate when Rate.TryParse(t, out var r, out _) => r.PerSecond,
            ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double
                when double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) => x,
            _ => double.NaN,
        };
    }
}
