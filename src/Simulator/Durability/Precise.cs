namespace Simulator.Durability;

/// <summary>
/// e^x − 1 and ln(1 + x) to full relative precision near 0, where the probabilities of rare losses live. .NET's
/// <c>Precise.ExpM1</c> and <c>Precise.Log1P</c> compute Exp(x) − 1 and Log(1 + x), which keep only 10⁻¹⁶ / |x| of it.
/// </summary>
public static class Precise
{
    /// <summary>e^x − 1: with u = e^x rounded, (u − 1) · x / ln(u) cancels the rounding of u (Kahan).</summary>
    public static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    /// <summary>ln(1 + x): with u = 1 + x rounded, ln(u) · x / (u − 1) cancels the rounding of u (Goldberg, 1991).</summary>
    public static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
