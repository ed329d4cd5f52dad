namespace Simulator.Experiments;

/// <summary>
/// One <c>--vary path=…</c>, parsed: a list of values (<c>1%,5%,10%</c>) or a numeric range
/// (<c>lo..hi</c>, with <c>:steps</c> for a grid and <c>:log</c> for geometric spacing).
/// </summary>
/// <param name="Path">Field path, as for <c>--set</c>.</param>
/// <param name="Spec">The text after <c>=</c>, as given.</param>
/// <param name="Values">The listed values; empty for a range.</param>
/// <param name="Low">Lower end of a range, as a number in <paramref name="Unit"/>.</param>
/// <param name="High">Upper end of a range.</param>
/// <param name="Unit">The unit written after both ends (<c>s</c>, <c>%</c>, <c>GiB</c>), or empty.</param>
/// <param name="Steps">Values a grid takes from the range (ends included); null when none was given.</param>
/// <param name="Log">Geometric instead of arithmetic spacing.</param>
public sealed record VarySpec(string Path, string Spec, IReadOnlyList<string> Values, double Low = 0, double High = 0,
    string Unit = "", int? Steps = null, bool Log = false)
{
    /// <summary>True for <c>lo..hi</c> forms.</summary>
    public bool IsRange => Values.Count == 0;
}
