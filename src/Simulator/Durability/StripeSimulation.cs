using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using Simulator.Engine;

namespace Simulator.Durability;

/// <summary>
/// Plain Monte Carlo of one stripe, event by event, for what the chain cannot take: Weibull lifetimes (and bursts with
/// them). Each history starts with all n chunks new at time 0 and runs until the data is lost or the horizon. Each
/// chunk's node fails on its own after a lifetime of mean 1/λ_ind (Weibull of the given shape; 1 is exponential); with
/// bursts (<see cref="BurstModel"/>) its failure may take others of the stripe's alive chunks with it, and bursts
/// started outside the stripe arrive at rate (N − a) λ_ind p (a superposition of many nodes' failures: Poisson).
/// A lost chunk is rebuilt after an exponential time of rate μ, serially (first lost, first rebuilt) or all at once,
/// on a new node whose lifetime starts then. The clock is a double in hours (no tick limit).
/// <para>
/// Estimates: P(loss within the horizon) is the share of histories lost by then (Wilson interval); the MTTDL is the
/// time observed over the losses observed, E / L, the estimate of a constant loss rate, with the exact Poisson interval
/// [2E / χ²(0.975; 2L + 2), 2E / χ²(0.025; 2L)] (an upper bound of ∞ when no history lost its data).
/// Histories are drawn in blocks, block b from its own stream, so the result does not depend on the thread count.
/// </para>
/// </summary>
public sealed class StripeSimulation(StripeModel model, double weibullShape = 1)
{
    public const int BlockSize = 256;

    public sealed record Result(Estimate LossWithinHorizon, Estimate MttdlHours, long Histories, long Losses, double ExposureHours, long Events,
        IReadOnlyList<double> LossTimes);

    public Result Run(long histories, double horizonHours, ulong seed, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(histories, 1);
        if (!(horizonHours > 0)) throw new ArgumentOutOfRangeException(nameof(horizonHours), horizonHours, "must be positive");
        long blocks = (histories + BlockSize - 1) / BlockSize;
        var sums = new (long Losses, double Exposure, long Events)[blocks];
        var lossTimes = new List<double>[blocks];
        var streams = new RandomStreams(seed, 0);
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, b =>
        {
            var history = new History(model, weibullShape, streams.Get("durability-history", b));
            int count = (int)Math.Min(BlockSize, histories - b * BlockSize);
            lossTimes[b] = [];
            for (int i = 0; i < count; i++)
            {
                double end = history.Run(horizonHours);
                sums[b].Exposure += end;
                if (end >= horizonHours) continue;
                sums[b].Losses++;
                lossTimes[b].Add(end);
            }
            sums[b].Events = history.Events;
        });
        long losses = 0, events = 0;
        double exposure = 0;
        foreach (var s in sums)
        {
            losses += s.Losses;
            exposure += s.Exposure;
            events += s.Events;
        }
        double low = 2 * exposure / ChiSquared.InvCDF(2 * losses + 2, 0.975);
        var mttdl = losses == 0
            ? new Estimate(double.PositiveInfinity, low, double.PositiveInfinity)
            : new Estimate(exposure / losses, low, 2 * exposure / ChiSquared.InvCDF(2 * losses, 0.025));
        var times = lossTimes.SelectMany(t => t).Order().ToList();
        return new Result(Estimate.Proportion(losses, histories), mttdl, histories, losses, exposure, events, times);
    }

    /// <summary>One history's state, reused across the histories of a block.</summary>
    private sealed class History
    {
        private readonly StripeModel _m;
        private readonly RandomStream _stream;
        private readonly double _shape, _scale, _mu;
        private readonly bool[] _alive;
        private readonly double[] _failAt, _repairAt;
        private readonly Queue<int> _waiting = new();
        private readonly int[] _scratch;
        private int _aliveCount;
        private int _repairing; // serial: the chunk being rebuilt, −1 for none

        public long Events { get; private set; }

        public History(StripeModel model, double shape, RandomStream stream)
        {
            _m = model;
            _stream = stream;
            _shape = shape;
            _scale = 1 / model.IndependentPerHour / SpecialFunctions.Gamma(1 + 1 / shape);
            _mu = model.RepairPerHour;
            _alive = new bool[model.Chunks];
            _failAt = new double[model.Chunks];
            _repairAt = new double[model.Chunks];
            _scratch = new int[model.Chunks];
        }

        private double Lifetime() => _shape == 1 ? _stream.NextExponential(_m.IndependentPerHour) : Weibull.Sample(_stream, _shape, _scale);

        /// <summary>Runs one history from all chunks new; returns the time of the loss, or the horizon.</summary>
        public double Run(double horizon)
        {
            int n = _m.Chunks;
            for (int s = 0; s < n; s++)
            {
                _alive[s] = true;
                _failAt[s] = Lifetime();
                _repairAt[s] = double.PositiveInfinity;
            }
            _aliveCount = n;
            _waiting.Clear();
            _repairing = -1;
            var bursts = _m.Bursts;
            double outsideRate = bursts is null ? 0 : _m.IndependentPerHour * bursts.StartProbability;
            double now = 0;
            while (true)
            {
                double external = outsideRate > 0 ? now + _stream.NextExponential(outsideRate * (bursts!.ClusterNodes - _aliveCount)) : double.PositiveInfinity;
                int next = -1;
                double at = external;
                bool repair = false;
                for (int s = 0; s < n; s++)
                {
                    if (_alive[s] && _failAt[s] < at) { at = _failAt[s]; next = s; repair = false; }
                    else if (!_alive[s] && _repairAt[s] < at) { at = _repairAt[s]; next = s; repair = true; }
                }
                if (at >= horizon) return horizon;
                now = at;
                Events++;
                if (repair)
                {
                    Rebuilt(next, now);
                    continue;
                }
                if (next >= 0)
                {
                    Kill(next, now);
                    if (bursts is not null && _stream.NextDouble() < bursts.StartProbability)
                        KillSome(bursts.DrawHits(_stream, _aliveCount, bursts.DrawMembers(_stream)), now);
                }
                else
                    KillSome(bursts!.DrawHits(_stream, _aliveCount, bursts.DrawMembers(_stream)), now);
                if (_aliveCount < _m.Needed) return now;
            }
        }

        private void KillSome(int count, double now)
        {
            int alive = 0;
            for (int s = 0; s < _alive.Length; s++) if (_alive[s]) _scratch[alive++] = s;
            _stream.ShuffleFirst(_scratch.AsSpan(0, alive), count);
            for (int i = 0; i < count; i++) Kill(_scratch[i], now);
        }

        private void Kill(int s, double now)
        {
            _alive[s] = false;
            _aliveCount--;
            if (_m.Repair == RepairMode.Parallel) _repairAt[s] = now + _stream.NextExponential(_mu);
            else if (_repairing < 0) StartRepair(s, now);
            else _waiting.Enqueue(s);
        }

        private void StartRepair(int s, double now)
        {
            _repairing = s;
            _repairAt[s] = now + _stream.NextExponential(_mu);
        }

        private void Rebuilt(int s, double now)
        {
            _alive[s] = true;
            _aliveCount++;
            _repairAt[s] = double.PositiveInfinity;
            _failAt[s] = now + Lifetime();
            if (_m.Repair == RepairMode.Serial)
            {
                _repairing = -1;
                if (_waiting.Count > 0) StartRepair(_waiting.Dequeue(), now);
            }
        }
    }
}
