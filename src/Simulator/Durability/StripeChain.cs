using MathNet.Numerics.LinearAlgebra;

namespace Simulator.Durability;

/// <summary>
/// Exact answers of a <see cref="StripeModel"/>'s absorbing chain (Ford et al., OSDI 2010, §8).
/// <list type="bullet">
/// <item>Mean time to data loss from every state: the expected times to absorption m solve (−Q_T) m = 1 over the
/// transient states (Q_T the generator restricted to them), a linear system solved by Gaussian elimination in the
/// subtraction-free GTH form (<see cref="MeanTimesToLossHours"/>).</item>
/// <item>P(loss within t): the absorbing entry of e_n exp(Qt). exp(Qτ) for a short τ is summed by uniformization,
/// Σ_j Poisson(j; qτ) P^j with P = I + Q/q ≥ 0, and squared up to t: every term and product is of non-negative numbers,
/// so a probability of 10⁻¹⁵ keeps its relative precision (1 − survival would lose it all).</item>
/// </list>
/// </summary>
public sealed class StripeChain
{
    /// <summary>Largest qτ summed by uniformization before squaring (e^−qτ stays far above the smallest double).</summary>
    private const double MaxUniformizedSpan = 64;

    private readonly StripeModel _model;
    private readonly int _states; // alive counts k − 1 … n, index a − (k − 1)
    private readonly Matrix<double> _generator;

    public StripeChain(StripeModel model)
    {
        _model = model;
        _states = model.Chunks - model.LostState + 1;
        _generator = Matrix<double>.Build.Dense(_states, _states);
        for (int a = model.Needed; a <= model.Chunks; a++)
        {
            int i = a - model.LostState;
            foreach (var (target, rate) in model.Transitions[a])
            {
                _generator[i, target - model.LostState] += rate;
                _generator[i, i] -= rate;
            }
        }
    }

    /// <summary>
    /// Mean time to data loss in hours from every alive count k … n (index a − k): the solution of (−Q_T) m = 1 by
    /// Gaussian elimination in the form of Grassmann, Taksar and Heyman (GTH). Eliminating state p from row i adds
    /// |a_ip| |a_pj| / a_pp to the off-diagonal magnitudes and |a_ip| / a_pp times p's right-hand side and rate to
    /// absorption to i's; each pivot is then the row's rate to absorption plus its off-diagonal magnitudes — a sum of
    /// positive numbers, never the difference (d + b) − b that loses every digit of a stiff chain's last pivot
    /// (MathNet.Numerics' partially pivoted LU is off by 3 × 10⁻⁹ at R = 3 with μ/λ = 8 × 10³, and worse as the chain
    /// gets stiffer: at R = 5 the MTTDL is 10¹⁵ times the repair time). Back substitution adds positive terms too.
    /// </summary>
    public IReadOnlyList<double> MeanTimesToLossHours()
    {
        int m = _states - 1;
        var a = new double[m, m];
        var rhs = new double[m];
        var absorb = new double[m];
        for (int i = 0; i < m; i++)
        {
            rhs[i] = 1;
            absorb[i] = _generator[i + 1, 0];
            for (int j = 0; j < m; j++)
                if (i != j) a[i, j] = _generator[i + 1, j + 1]; // rates between transient states, ≥ 0
        }
        var pivot = new double[m];
        for (int p = m - 1; p >= 0; p--)
        {
            double d = absorb[p];
            for (int j = 0; j < p; j++) d += a[p, j];
            pivot[p] = d;
            for (int i = 0; i < p; i++)
            {
                double f = a[i, p] / d;
                if (f == 0) continue;
                for (int j = 0; j < p; j++)
                    if (j != i) a[i, j] += f * a[p, j];
                rhs[i] += f * rhs[p];
                absorb[i] += f * absorb[p];
            }
        }
        var x = new double[m];
        for (int p = 0; p < m; p++)
        {
            double sum = rhs[p];
            for (int j = 0; j < p; j++) sum += a[p, j] * x[j];
            x[p] = sum / pivot[p];
        }
        return x;
    }

    /// <summary>MTTDL in hours from all n chunks alive.</summary>
    public double MttdlHours() => MeanTimesToLossHours()[^1];

    /// <summary>P(data lost within <paramref name="hours"/>) from all n chunks alive.</summary>
    public double LossProbabilityWithin(double hours)
    {
        if (!(hours >= 0) || !double.IsFinite(hours)) throw new ArgumentOutOfRangeException(nameof(hours), hours, "must be a finite non-negative time");
        if (hours == 0) return 0;
        double q = 0;
        for (int i = 0; i < _states; i++) q = Math.Max(q, -_generator[i, i]);
        int squarings = 0;
        double tau = hours;
        while (q * tau > MaxUniformizedSpan) { tau /= 2; squarings++; }
        var step = Uniformized(q, tau);
        for (int s = 0; s < squarings; s++) step = step * step;
        return step[_states - 1, 0];
    }

    /// <summary>exp(Qτ) = Σ_j e^−qτ (qτ)^j / j! P^j, P = I + Q/q, summed to qτ + 20√(qτ) + 60 terms (the Poisson tail beyond is below 10⁻⁵⁰).</summary>
    private Matrix<double> Uniformized(double q, double tau)
    {
        int n = _states;
        var p = Matrix<double>.Build.Dense(n, n, (i, j) => (i == j ? 1 : 0) + _generator[i, j] / q);
        // Rounding can leave −1e-17 on a diagonal of exactly 0: clamp, so every term stays non-negative.
        p.MapInplace(v => Math.Max(v, 0));
        double x = q * tau, weight = Math.Exp(-x);
        var power = Matrix<double>.Build.DenseIdentity(n);
        var sum = power * weight;
        int maxTerms = (int)Math.Ceiling(x + 20 * Math.Sqrt(x) + 60);
        for (int j = 1; j <= maxTerms; j++)
        {
            power = power * p;
            weight *= x / j;
            sum += power * weight;
        }
        return sum;
    }
}
