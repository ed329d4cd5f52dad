namespace Simulator.Metrics;

/// <summary>
/// A kind of scope metrics are sampled for. A scope is written as the kind's prefix followed by a name:
/// <c>region:us-east-1</c>, <c>zone:us-east-1a</c>, <c>cluster:ebs-1a</c>, <c>network:ebs-1a/primary</c>.
/// </summary>
/// <param name="Name">The kind as its scopes start (<c>zone</c>).</param>
/// <param name="Pattern">How its scopes are written (<c>zone:&lt;zone&gt;</c>).</param>
/// <param name="Definition">What a scope of this kind covers, in one sentence.</param>
public sealed record ScopeKind(string Name, string Pattern, string Definition)
{
    /// <summary>The start of every scope of this kind: the name and a colon (<c>zone:</c>).</summary>
    public string Prefix { get; } = Name + ":";

    /// <summary>Whether <paramref name="scope"/> is of this kind.</summary>
    public bool Holds(string scope) => scope.StartsWith(Prefix, StringComparison.Ordinal);
}
