using System.Globalization;

namespace Simulator.Experiments;

/// <summary>
/// A share of a plan's units for one process of a cluster job: shard <paramref name="Index"/> of
/// <paramref name="Count"/> takes the units whose index mod <paramref name="Count"/> is <paramref name="Index"/>.
/// Interleaving spreads each point's replications over the shards, so the shards take about equally long.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole plan in one process.</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>True for a real share (more than one shard).</summary>
    public bool IsPartial => Count > 1;

    /// <summary>Whether the unit with this index is this shard's.</summary>
    public bool Owns(int unitIndex) => unitIndex % Count == Index;

    /// <summary>"2/8".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>Reads "i/n" with 0 ≤ i &lt; n; false with the reason otherwise.</summary>
    public static bool TryParse(string text, out Shard shard, out string error)
    {
        shard = All;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 ||
            !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int index) ||
            !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            error = $"expected i/n such as 0/4 (shard i of n, i from 0 to n-1), found \"{text}\"";
            return false;
        }
        if (count < 1)
        {
            error = $"expected at least 1 shard, found \"{text}\"";
            return false;
        }
        if (index >= count)
        {
            error = $"shard index must be below the shard count (0 to {count - 1} for n = {count}), found \"{text}\"";
            return false;
        }
        shard = new Shard(index, count);
        error = "";
        return true;
    }
}
