using System.Runtime.CompilerServices;

namespace Simulator.Engine;

/// <summary>
/// Standard exponential variates by the ziggurat method (Marsaglia and Tsang, "The Ziggurat Method for
/// Generating Random Variables", J. Stat. Softw. 5(8), 2000), with 256 layers and 64-bit draws: the low
/// 8 bits pick the layer, the high 53 bits give the uniform, so the two are independent (the original
/// used the same 32 bits for both). About 99 % of draws cost one random number, a comparison and a
/// multiplication; the rest fall back to the exact density test or the tail, which call Exp or Log.
/// </summary>
/// <remarks>
/// The tables are computed once per process from the paper's constants; they are read-only afterwards.
/// Results are bit-identical wherever <see cref="Math.Exp"/> and <see cref="Math.Log(double)"/> agree, as with
/// the inversion method (which calls Log on every draw).
/// </remarks>
internal static class ExponentialZiggurat
{
    private const int Layers = 256;
    private const double R = 7.697117470131487;      // start of the tail (x of the base layer)
    private const double V = 3.949659822581572e-3;   // area of each layer
    private const double Scale = 1.0 / (1UL << 53);

    // Field initialisers, not a static constructor: the type stays beforefieldinit, so optimised code can
    // read the tables without a class-initialisation check.
    private static readonly (ulong[] K, double[] W, double[] F) Tables = Build();
    private static readonly ulong[] K = Tables.K;   // acceptance thresholds, scaled to 2^53
    private static readonly double[] W = Tables.W;  // x of each layer, divided by 2^53
    private static readonly double[] F = Tables.F;  // density exp(-x) at each layer's x

    private static (ulong[] K, double[] W, double[] F) Build()
    {
        var k = new ulong[Layers];
        var w = new double[Layers];
        var f = new double[Layers];
        const double m = 1UL << 53;
        double de = R, te = R;
        double q = V / Math.Exp(-de);
        k[0] = (ulong)(de / q * m);
        k[1] = 0;
        w[0] = q / m;
        w[Layers - 1] = de / m;
        f[0] = 1.0;
        f[Layers - 1] = Math.Exp(-de);
        for (int i = Layers - 2; i >= 1; i--)
        {
            de = -Math.Log(V / de + Math.Exp(-de));
            k[i + 1] = (ulong)(de / te * m);
            te = de;
            f[i] = Math.Exp(-de);
            w[i] = de / m;
        }
        return (k, w, f);
    }

    /// <summary>One standard exponential variate (mean 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Next(RandomStream rng)
    {
        ulong bits = rng.NextUInt64();
        int layer = (int)(bits & 0xFF);
        ulong u = bits >> 11;
        if (u < K[layer]) return u * W[layer];
        return Slow(rng, layer, u);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Slow(RandomStream rng, int layer, ulong u)
    {
        while (true)
        {
            if (layer == 0) return R - Math.Log(1.0 - rng.NextDouble()); // the tail: R + Exp(1)
            double x = u * W[layer];
            if (F[layer] + rng.NextDouble() * (F[layer - 1] - F[layer]) < Math.Exp(-x)) return x;
            ulong bits = rng.NextUInt64();
            layer = (int)(bits & 0xFF);
            u = bits >> 11;
            if (u < K[layer]) return u * W[layer];
        }
    }
}
