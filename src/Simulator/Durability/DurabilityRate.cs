using System.Globalization;
using Simulator.Units;

namespace Simulator.Durability;

/// <summary>
/// A failure or repair rate as the durability commands take it: "count/unit" with unit s, min, h, d, w or y (a year is
/// 365 days, as everywhere in replsim): <c>0.5/y</c>, <c>8.1345e-3/d</c>, <c>2/h</c>. Keeps the unit it was given in,
/// so that a mean time can be reported in the rate's own unit too.
/// </summary>
public readonly record struct DurabilityRate(double PerHour, string Unit)
{
    private const string Expected = "expected a rate such as \"0.5/y\", \"8.1345e-3/d\" or \"2/h\"";

    /// <summary>Hours in each unit the parser accepts, and the unit's name for a duration.</summary>
    private static readonly Dictionary<string, (double Hours, string Name)> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["s"] = (1 / 3600.0, "seconds"),
        ["min"] = (1 / 60.0, "minutes"),
        ["h"] = (1, "hours"),
        ["d"] = (24, "days"),
        ["w"] = (24 * 7, "weeks"),
        ["y"] = (24 * 365, "years"),
    };

    /// <summary>Hours in one <see cref="Unit"/>.</summary>
    public double HoursPerUnit => Units[Unit].Hours;

    /// <summary>The rate's unit as a unit of time: "days" for a rate per day.</summary>
    public string TimeUnitName => Units[Unit].Name;

    /// <summary>The rate in its own unit (events per <see cref="Unit"/>).</summary>
    public double PerUnit => PerHour * HoursPerUnit;

    public override string ToString() => PerUnit.ToString("R", CultureInfo.InvariantCulture) + "/" + Unit;

    /// <summary>Parses a rate; on failure <paramref name="error"/> says what was expected and found.</summary>
    public static bool TryParse(string? text, out DurabilityRate value, out string error)
    {
        value = default;
        error = "";
        if (!UnitText.TrySplit(text, out string number, out string rest) || !UnitText.TryParseDouble(number, out double amount))
        {
            error = $"{Expected}, found {UnitText.Found(text)}";
            return false;
        }
        if (!rest.StartsWith('/'))
        {
            error = $"{Expected}, found \"{text}\" (no \"/unit\")";
            return false;
        }
        string unit = rest[1..].Trim();
        if (!Units.TryGetValue(unit, out var u))
        {
            error = $"{Expected}, found unknown unit \"{unit}\" in \"{text}\" (units: s, min, h, d, w, y)";
            return false;
        }
        if (!(amount > 0))
        {
            error = $"expected a positive rate, found \"{text}\"";
            return false;
        }
        value = new DurabilityRate(amount / u.Hours, unit.ToLowerInvariant());
        return true;
    }

    /// <summary>Parses a rate or throws <see cref="FormatException"/> with the reason.</summary>
    public static DurabilityRate Parse(string text) =>
        TryParse(text, out var value, out string error) ? value : throw new FormatException(error);
}
