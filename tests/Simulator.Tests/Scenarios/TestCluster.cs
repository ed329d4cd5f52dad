using System.ComponentModel;
using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Tests.Scenarios;

public sealed record TestCluster : IValidatable
{
    [Positive]
    public required int Nodes { get; init; }

    [Positive, Description("Disk space of one node.")]
    public required ByteSize NodeCapacity { get; init; }

    [Range("0%", "50%")]
    public Fraction FreeFraction { get; init; } = Fraction.FromPercent(20);

    [Range(1, 5)]
    public int Replicas { get; init; } = 2;

    [NonNegative]
    public IReadOnlyList<int> PowerDomains { get; init; } = [];

    public IEnumerable<(string RelativePath, string Message)> Validate(ValidationContext context)
    {
        if (context.IsBound("nodes", "replicas") && Replicas > Nodes)
            yield return context.IsGiven("replicas")
                ? ("replicas", $"must not exceed nodes ({Nodes})")
                : ("nodes", $"must be at least replicas ({Replicas}, the default)");
    }
}
