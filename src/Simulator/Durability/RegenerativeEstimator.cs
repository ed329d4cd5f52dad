using Simulator.Engine;

namespace Simulator.Durability;

/// <summary>
/// Monte Carlo MTTDL of a <see cref="StripeModel"/> (exponential lifetimes, with or without bursts) by regenerative
/// cycles. The chain regenerates each time all n chunks are alive again; a cycle runs from all alive until it is back
/// there or the data is lost. With C the cycle's length and γ = P(a cycle ends in loss), MTTDL = E[C] / γ (Wald: the
/// loss comes in a geometric number of cycles). E[C] is estimated from plain cycles, each summing the mean holding
/// time 1/q of the states it visits (conditional Monte Carlo). γ is the rare part:
/// <list type="bullet">
/// <item>importance sampling (the default): cycles are drawn under <b>balanced failure biasing</b> (Shahabuddin,
/// Management Science 1994): in a state where a repair can happen, a failure is chosen with probability
/// <see cref="FailureBias"/> instead of its tiny λ/(λ + μ), and the failure's target is drawn half in proportion to
/// the true rates, half uniformly over the possible targets (so that bursts that take several chunks are tried
/// too); every cycle that ends in loss contributes its likelihood ratio Π p/p′, the others 0.</item>
/// <item>plain: the same cycles under the true probabilities, γ̂ the share that end in loss — the clock run to the
/// loss, for comparison.</item>
/// </list>
/// The two estimates are independent, and the 95 % interval of their ratio is by the delta method:
/// (half width / MTTDL)² = z² (Var Ĉ / Ĉ² + Var γ̂ / γ̂²). Cycles are drawn in blocks of <see cref="BlockSize"/>, block b
/// from its own stream keyed by (seed, b), and the block sums are added in block order, so the result does not
/// depend on the thread count.
/// </summary>
public static class RegenerativeEstimator
{
    /// <summary>Probability of a failure in a state where a repair can also happen, under the biased measure.</summary>
    public const double FailureBias = 0.5;

    /// <summary>Share of a biased failure choice drawn uniformly over the failure targets (the rest in proportion to the rates).</summary>
    public const double UniformShare = 0.5;

    public const int BlockSize = 1024;

    /// <summary>What one run gives: the two estimates, their ratio, and how many cycles ended in loss.</summary>
    public sealed record Result(Estimate CycleHours, Estimate LossPerCycle, Estimate MttdlHours, long PlainCycles, long BiasedCycles, long LossCycles);

    /// <param name="model">The stripe.</param>
    /// <param name="cycles">Cycles in all: half for E[C], half for γ.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="threads">Threads (the result does not depend on it).</param>
    /// <param name="importance">False for plain cycles (no biasing).</param>
    public static Result Run(StripeModel model, long cycles, ulong seed, int threads, bool importance = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cycles, 4);
        var table = new Table(model);
        long half = cycles / 2;
        var streams = new RandomStreams(seed, 0);
        var plain = Blocks(half, threads, b => table.PlainBlock(streams.Get("durability-cycle-length", b), BlockLength(half, b)));
        var biased = Blocks(cycles - half, threads, b => importance
            ? table.BiasedBlock(streams.Get("durability-cycle-loss", b), BlockLength(cycles - half, b))
            : table.PlainLossBlock(streams.Get("durability-cycle-loss", b), BlockLength(cycles - half, b)));
        var length = Estimate.Mean(plain.Sum, plain.SumOfSquares, half);
        var gamma = Estimate.Mean(biased.Sum, biased.SumOfSquares, cycles - half);
        Estimate mttdl;
        if (biased.Sum > 0)
        {
            double value = length.Value / gamma.Value;
            double relC = (length.High - length.Value) / Estimate.Z95 / length.Value;
            double relG = (gamma.High - gamma.Value) / Estimate.Z95 / gamma.Value;
            double halfWidth = Estimate.Z95 * value * Math.Sqrt(relC * relC + relG * relG);
            mttdl = new Estimate(value, Math.Max(0, value - halfWidth), value + halfWidth);
        }
        else
            mttdl = new Estimate(double.PositiveInfinity, double.NaN, double.PositiveInfinity);
        return new Result(length, gamma, mttdl, half, cycles - half, biased.Hits);
    }

    private static int BlockLength(long total, long block) => (int)Math.Min(BlockSize, total - block * BlockSize);

    private static Sums Blocks(long count, int threads, Func<long, Sums> block)
    {
        long blocks = (count + BlockSize - 1) / BlockSize;
        var results = new Sums[blocks];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, b => results[b] = block(b));
        var total = new Sums();
        foreach (var r in results) total = total.Add(r);
        return total;
    }

    private readonly record struct Sums(double Sum, double SumOfSquares, long Hits)
    {
        public Sums Add(Sums o) => new(Sum + o.Sum, SumOfSquares + o.SumOfSquares, Hits + o.Hits);
    }

    /// <summary>The chain's jump probabilities, true and biased, as cumulative tables per state.</summary>
    private sealed class Table
    {
        private readonly int _full, _lost;
        private readonly int[][] _targets;
        private readonly double[][] _cumulative, _biasedCumulative, _ratio;
        private readonly double[] _meanHold;

        public Table(StripeModel model)
        {
            _full = model.Chunks;
            _lost = model.LostState;
            int n = model.Chunks + 1;
            _targets = new int[n][];
            _cumulative = new double[n][];
            _biasedCumulative = new double[n][];
            _ratio = new double[n][];
            _meanHold = new double[n];
            for (int a = model.Needed; a <= model.Chunks; a++)
            {
                var moves = model.Transitions[a];
                double q = moves.Sum(m => m.Rate);
                _meanHold[a] = 1 / q;
                _targets[a] = [.. moves.Select(m => m.Target)];
                var p = moves.Select(m => m.Rate / q).ToArray();
                double repair = model.RepairRate(a);
                int failures = repair > 0 ? moves.Count - 1 : moves.Count;
                double failureRate = q - repair;
                var biased = new double[moves.Count];
                double failureMass = repair > 0 ? FailureBias : 1;
                for (int i = 0; i < failures; i++)
                    biased[i] = failureMass * ((1 - UniformShare) * moves[i].Rate / failureRate + UniformShare / failures);
                if (repair > 0) biased[^1] = 1 - FailureBias;
                _cumulative[a] = Cumulative(p);
                _biasedCumulative[a] = Cumulative(biased);
                _ratio[a] = [.. p.Select((x, i) => x / biased[i])];
            }
        }

        private static double[] Cumulative(double[] p)
        {
            var c = new double[p.Length];
            double s = 0;
            for (int i = 0; i < p.Length; i++) c[i] = s += p[i];
            c[^1] = 1;
            return c;
        }

        private static int Pick(double[] cumulative, double u)
        {
            int i = 0;
            while (u >= cumulative[i]) i++;
            return i;
        }

        /// <summary>Cycle lengths (sum of mean holding times) under the true measure.</summary>
        public Sums PlainBlock(RandomStream stream, int cycles)
        {
            double sum = 0, squares = 0;
            for (int c = 0; c < cycles; c++)
            {
                int a = _full;
                double length = 0;
                do
                {
                    length += _meanHold[a];
                    a = _targets[a][Pick(_cumulative[a], stream.NextDouble())];
                } while (a != _full && a != _lost);
                sum += length;
                squares += length * length;
            }
            return new Sums(sum, squares, 0);
        }

        /// <summary>Loss indicators of cycles under the true measure.</summary>
        public Sums PlainLossBlock(RandomStream stream, int cycles)
        {
            long losses = 0;
            for (int c = 0; c < cycles; c++)
            {
                int a = _full;
                do a = _targets[a][Pick(_cumulative[a], stream.NextDouble())];
                while (a != _full && a != _lost);
                if (a == _lost) losses++;
            }
            return new Sums(losses, losses, losses);
        }

        /// <summary>Likelihood ratios of the cycles that end in loss under failure biasing (0 for the others).</summary>
        public Sums BiasedBlock(RandomStream stream, int cycles)
        {
            double sum = 0, squares = 0;
            long losses = 0;
            for (int c = 0; c < cycles; c++)
            {
                int a = _full;
                double ratio = 1;
                do
                {
                    int i = Pick(_biasedCumulative[a], stream.NextDouble());
                    ratio *= _ratio[a][i];
                    a = _targets[a][i];
                } while (a != _full && a != _lost);
                if (a != _lost) continue;
                losses++;
                sum += ratio;
                squares += ratio * ratio;
            }
            return new Sums(sum, squares, losses);
        }
    }
}
