namespace Simulator.Durability;

/// <summary>Runs the analysis a <see cref="DurabilitySpec"/> asks for.</summary>
public static class DurabilityAnalysis
{
    /// <param name="spec">A spec without <see cref="DurabilitySpec.Problems"/>.</param>
    /// <param name="seed">Run seed: every random draw derives from it.</param>
    /// <param name="threads">Threads for the Monte Carlo; the results do not depend on it.</param>
    public static DurabilityResult Run(DurabilitySpec spec, ulong seed, int threads) => spec switch
    {
        SimultaneousSpec s => SimultaneousAnalysis.Run(s, seed, threads),
        MttdlSpec m => MttdlAnalysis.Run(m, seed, threads),
        _ => throw new ArgumentException($"unknown durability kind {spec.GetType().Name}", nameof(spec)),
    };
}
