using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Simulator.Experiments;

/// <summary>
/// What an experiment computes: variants (scenario files) × points (override sets) × replications 0…N−1, with one
/// seed, scale and sampling interval. Every unit (variant, point, replication) is a pure function of the scenario
/// text after overrides, the seed, the replication index, the scale and the interval, so it can run in any process,
/// on any machine, in any order: that is what makes threads, shards, merges and resumes give the same bytes.
/// </summary>
public sealed record ExperimentPlan
{
    public required ExperimentKind Kind { get; init; }
    /// <summary>Scenario files; one for <c>run</c> and <c>sweep</c>, two or more for <c>compare</c> (the first is the baseline).</summary>
    public required IReadOnlyList<PlanVariant> Variants { get; init; }
    /// <summary><c>--set path=value</c> texts applied to every unit, before the point's values.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];
    /// <summary>The varied fields of a sweep; empty otherwise.</summary>
    public IReadOnlyList<PlanParameter> Parameters { get; init; } = [];
    public SweepDesignKind Design { get; init; } = SweepDesignKind.None;
    /// <summary>Points; one point with no values for <c>run</c> and <c>compare</c>.</summary>
    public required IReadOnlyList<PlanPoint> Points { get; init; }
    /// <summary>Replications per (variant, point), numbered 0…N−1; replication i of every variant draws from the same streams.</summary>
    public required int Replications { get; init; }
    public required ulong Seed { get; init; }
    public double Scale { get; init; } = 1.0;
    /// <summary>Sampling interval asked for (<c>"10m"</c>); null = each scenario's own.</summary>
    public string? SampleInterval { get; init; }
    /// <summary>
    /// <see cref="ParquetFormat"/> when the time series is also written as Parquet (<c>--format parquet</c>); null for CSV
    /// alone, which is left out of the manifest so that CSV plans keep their hash.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SeriesFormat { get; init; }

    /// <summary>
    /// The times (<c>"12h"</c>) besides the horizon when <c>volumes.csv</c> lists the volumes that are not healthy
    /// (<c>--volumes</c>, <c>--volumes-at</c>); null when there is no <c>volumes.csv</c>, left out of the manifest then.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? VolumesAt { get; init; }

    /// <summary>The <see cref="SeriesFormat"/> of <c>--format parquet</c>.</summary>
    public const string ParquetFormat = "parquet";

    /// <summary>Variants × points × replications.</summary>
    [JsonIgnore]
    public int UnitCount => Variants.Count * Points.Count * Replications;

    /// <summary>The unit with index <paramref name="index"/> (see <see cref="UnitKey"/>).</summary>
    public UnitKey Unit(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, UnitCount);
        int replication = index % Replications;
        int variantPoint = index / Replications;
        return new UnitKey(index, variantPoint / Points.Count, variantPoint % Points.Count, replication);
    }

    /// <summary>Index of (variant, point, replication).</summary>
    public int IndexOf(int variant, int point, int replication) => (variant * Points.Count + point) * Replications + replication;

    /// <summary>The units a shard computes, in index order.</summary>
    public IReadOnlyList<UnitKey> Units(Shard shard)
    {
        var units = new List<UnitKey>();
        for (int i = shard.Index; i < UnitCount; i += shard.Count) units.Add(Unit(i));
        return units;
    }

    /// <summary>How many units a shard computes.</summary>
    public int UnitCountOf(Shard shard) => shard.Index >= UnitCount ? 0 : (UnitCount - 1 - shard.Index) / shard.Count + 1;

    /// <summary>The plan's overrides followed by the point's <c>path=value</c> texts.</summary>
    public IReadOnlyList<string> OverridesAt(int point)
    {
        var all = new List<string>(Overrides);
        var values = Points[point].Values;
        for (int i = 0; i < Parameters.Count; i++) all.Add($"{Parameters[i].Path}={values[i]}");
        return all;
    }

    /// <summary>
    /// Hex SHA-256 of everything that decides the results: the kind, each variant's name and scenario hash, overrides,
    /// parameters, points, replications, seed, scale and interval. File paths are left out, so a cluster node that
    /// sees the files elsewhere makes the same plan.
    /// </summary>
    [JsonIgnore]
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(
        this with { Variants = [.. Variants.Select(v => v with { Path = "", FullPath = "" })] }, Json)));

    /// <summary>snake_case JSON, enums as snake_case strings: the form a manifest stores.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = false,
    };
}
