using System.Globalization;
using YamlDotNet.Serialization;

namespace Simulator.Swarm;

/// <summary>
/// The building blocks of a generated scenario file: ordered mappings and lists of plain values, written as YAML by
/// YamlDotNet in the order they were built (so the same draws give the same bytes), and the unit texts the scenario
/// loader reads ("30s", "40GiB", "25%").
/// </summary>
internal static class SwarmYaml
{
    /// <summary>A mapping whose keys keep the order they were added in.</summary>
    public sealed class Map : OrderedDictionary<string, object?>
    {
        public Map() : base(StringComparer.Ordinal) { }
    }

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    /// <summary>The YAML of <paramref name="root"/>, after <paramref name="header"/> as comment lines.</summary>
    public static string Write(Map root, IEnumerable<string> header)
    {
        var text = new System.Text.StringBuilder();
        foreach (string line in header) text.Append("# ").Append(line).Append('\n');
        text.Append(Serializer.Serialize(root).ReplaceLineEndings("\n"));
        return text.ToString();
    }

    /// <summary>A duration in whole seconds, in the largest unit that divides it ("90s", "5m", "2h").</summary>
    public static string Seconds(long seconds) =>
        seconds % 3600 == 0 ? Invariant(seconds / 3600) + "h" : seconds % 60 == 0 ? Invariant(seconds / 60) + "m" : Invariant(seconds) + "s";

    /// <summary>A share as a percentage with at most one decimal ("12.5%").</summary>
    public static string Percent(double share) => Math.Round(share * 100, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>A plain number rounded to <paramref name="digits"/> decimals.</summary>
    public static double Round(double value, int digits = 3) => Math.Round(value, digits);

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
