using System.ComponentModel;
using Simulator.Scenarios;

namespace Simulator.Durability;

/// <summary>
/// What a durability analysis computes, of the kind named by <c>kind:</c> — <c>simultaneous</c>
/// (<see cref="SimultaneousSpec"/>) or <c>mttdl</c> (<see cref="MttdlSpec"/>) — the <c>durability:</c> block of a
/// durability scenario file and what the <c>replsim durability</c> commands build from their options. Each kind's
/// <see cref="Problems"/> are its rules across fields, shared by both.
/// </summary>
[ScenarioUnion("kind")]
public abstract record DurabilitySpec : IValidatable
{
    [Description("Monte Carlo trials (failure draws, or regenerative cycles, or histories); 0 skips the Monte Carlo.")]
    [NonNegative]
    public long? Trials { get; init; }

    /// <summary>The kind's name: <c>simultaneous</c> or <c>mttdl</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Trials when <see cref="Trials"/> is not given.</summary>
    public abstract long DefaultTrials { get; }

    /// <summary>The trials to run.</summary>
    public long TrialCount => Trials ?? DefaultTrials;

    /// <summary>
    /// Problems across fields, each at a field (snake_case, as in the file) with what was expected and found.
    /// <paramref name="bound"/> says whether fields were read (a rule about a field that had its own error stays quiet).
    /// </summary>
    public abstract IEnumerable<(string Field, string Message)> Problems(Func<string[], bool> bound);

    /// <summary>The fields as a scenario file writes them (snake_case name, text value; absent ones left out), for manifests.</summary>
    public IReadOnlyDictionary<string, string> Fields()
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["kind"] = Kind };
        foreach (var property in GetType().GetProperties())
        {
            if (property.GetCustomAttributes(typeof(DescriptionAttribute), true).Length == 0) continue;
            object? value = property.GetValue(this);
            if (value is null) continue;
            fields[SnakeCase.From(property.Name)] = value switch
            {
                Scenarios.Model.FailureBurstsSpec b => $"share {b.Share}, mean_size {b.MeanSize.ToString(System.Globalization.CultureInfo.InvariantCulture)}, same_rack {b.SameRack}",
                Enum e => SnakeCase.From(e.ToString()),
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
        }
        return fields;
    }

    IEnumerable<(string RelativePath, string Message)> IValidatable.Validate(ValidationContext context) =>
        Problems(context.IsBound);
}
