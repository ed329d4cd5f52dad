using MathNet.Numerics.Distributions;
using NUnit.Framework;

namespace Simulator.Engine.Tests;

/// <summary>
/// Queues written on the engine the way the model writes its parts — one <see cref="IEventHandler"/> with
/// <c>(kind, arg)</c> events and a queue of its own — against their closed forms. Each replication gives one
/// estimate of each measure; the closed form must lie in the 99 % Student-t confidence interval of the
/// replication means, and the interval must be narrow enough for the comparison to mean something. Seeds are
/// fixed, so the outcome is the same on every run.
/// </summary>
public sealed class QueueingOracleTests
{
    private const int Replications = 10;
    private static readonly SimTime Warmup = SimTime.FromSeconds(1_000);
    private static readonly SimTime End = SimTime.FromSeconds(41_000);

    /// <summary>What one replication measures over [<see cref="Warmup"/>, <see cref="End"/>].</summary>
    private readonly record struct Estimate(double MeanWaitSeconds, double WaitingShare, double MeanQueueLength, double Utilisation);

    [Test]
    public void AnMM1QueueMatchesItsClosedForm()
    {
        const double lambda = 0.7, mu = 1.0;
        double rho = lambda / mu;
        // M/M/1: an arrival waits when the server is busy, P = ρ (PASTA); Wq = ρ / (μ − λ); Lq = λ Wq (Little).
        double expectedWait = rho / (mu - lambda);
        var estimates = Enumerable.Range(0, Replications).Select(r => new MMcQueue(1, lambda, mu, 20240601, r).Run()).ToArray();
        AssertWithinConfidenceInterval(estimates.Select(e => e.MeanWaitSeconds), expectedWait, "mean wait in queue (s)");
        AssertWithinConfidenceInterval(estimates.Select(e => e.WaitingShare), rho, "share of arrivals that wait");
        AssertWithinConfidenceInterval(estimates.Select(e => e.MeanQueueLength), lambda * expectedWait, "time-average queue length");
        AssertWithinConfidenceInterval(estimates.Select(e => e.Utilisation), rho, "utilisation");
    }

    [Test]
    public void AnMMcQueueMatchesErlangC()
    {
        const int c = 3;
        const double lambda = 2.1, mu = 1.0;
        double a = lambda / mu;
        // M/M/c: an arrival waits with the Erlang C probability; Wq = C(c, a) / (cμ − λ); Lq = λ Wq (Little).
        double waiting = ErlangC(c, a);
        double expectedWait = waiting / (c * mu - lambda);
        var estimates = Enumerable.Range(0, Replications).Select(r => new MMcQueue(c, lambda, mu, 20240602, r).Run()).ToArray();
        AssertWithinConfidenceInterval(estimates.Select(e => e.MeanWaitSeconds), expectedWait, "mean wait in queue (s)");
        AssertWithinConfidenceInterval(estimates.Select(e => e.WaitingShare), waiting, "share of arrivals that wait");
        AssertWithinConfidenceInterval(estimates.Select(e => e.MeanQueueLength), lambda * expectedWait, "time-average queue length");
        AssertWithinConfidenceInterval(estimates.Select(e => e.Utilisation), lambda / (c * mu), "utilisation");
    }

    [Test]
    public void ErlangCMatchesPublishedValues()
    {
        // Two servers, offered load 1 Erlang: P(wait) = 1/3 (a standard textbook example).
        Assert.That(ErlangC(2, 1.0), Is.EqualTo(1.0 / 3).Within(1e-12));
        // One server: P(wait) = ρ.
        Assert.That(ErlangC(1, 0.7), Is.EqualTo(0.7).Within(1e-12));
    }

    /// <summary>Probability that an arrival waits in an M/M/c queue with offered load <paramref name="a"/> = λ/μ.</summary>
    private static double ErlangC(int c, double a)
    {
        double term = 1, sum = 0; // term = a^k / k!
        for (int k = 0; k < c; k++)
        {
            sum += term;
            term *= a / (k + 1);
        }
        double top = term * c / (c - a);
        return top / (sum + top);
    }

    private static void AssertWithinConfidenceInterval(IEnumerable<double> samples, double expected, string what)
    {
        double[] x = samples.ToArray();
        double mean = x.Average();
        double sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
        double halfWidth = StudentT.InvCDF(0, 1, x.Length - 1, 0.995) * sd / Math.Sqrt(x.Length);
        TestContext.Out.WriteLine($"{what}: closed form {expected:F4}, simulated {mean:F4} ± {halfWidth:F4}");
        Assert.That(halfWidth, Is.LessThan(0.1 * expected), $"{what}: the interval is too wide to test anything");
        Assert.That(expected, Is.InRange(mean - halfWidth, mean + halfWidth),
            $"{what}: closed form {expected:F4}, simulated {mean:F4} ± {halfWidth:F4} (99 %, {x.Length} replications)");
    }

    /// <summary>
    /// An M/M/c queue: Poisson arrivals at rate λ, c servers each serving at rate μ, one FIFO queue. Its state is
    /// the number of busy servers and the arrival times of the waiting customers; customers who arrive after the
    /// warm-up are measured, and levels are integrated over the observation window.
    /// </summary>
    private sealed class MMcQueue : IEventHandler
    {
        private const int KindArrival = 0, KindDeparture = 1;

        private readonly Simulation _sim = new();
        private readonly int _servers;
        private readonly double _lambda, _mu;
        private readonly RandomStream _arrivals;
        private readonly RandomStream _service;
        private readonly Queue<long> _waiting = new(); // arrival times (ticks), oldest first
        private int _busy;

        private long _arrived, _arrivedToWait, _started;
        private double _waitSeconds;
        private double _busyArea, _queueArea; // in server-ticks and customer-ticks, from the warm-up on
        private long _accountedTicks;

        public MMcQueue(int servers, double lambda, double mu, ulong seed, int replication)
        {
            var streams = new RandomStreams(seed, replication);
            _arrivals = streams.Get("arrivals");
            _service = streams.Get("service");
            _servers = servers;
            _lambda = lambda;
            _mu = mu;
        }

        public Estimate Run()
        {
            ScheduleArrival();
            _sim.RunUntil(End);
            Account();
            double window = End.Ticks - Warmup.Ticks;
            return new Estimate(_waitSeconds / _started, (double)_arrivedToWait / _arrived, _queueArea / window, _busyArea / window / _servers);
        }

        public void OnEvent(int kind, long arg)
        {
            Account();
            long now = _sim.Now.Ticks;
            switch (kind)
            {
                case KindArrival:
                    bool measured = now >= Warmup.Ticks;
                    if (measured) _arrived++;
                    if (_busy < _servers)
                    {
                        _busy++;
                        StartService(now, now);
                    }
                    else
                    {
                        if (measured) _arrivedToWait++;
                        _waiting.Enqueue(now);
                    }
                    ScheduleArrival();
                    break;
                case KindDeparture:
                    if (_waiting.Count > 0) StartService(_waiting.Dequeue(), now); // the server goes to the next customer
                    else _busy--;
                    break;
            }
        }

        private void StartService(long arrivedTicks, long now)
        {
            if (arrivedTicks >= Warmup.Ticks)
            {
                _started++;
                _waitSeconds += (double)(now - arrivedTicks) / Duration.TicksPerSecond;
            }
            _sim.ScheduleAfter(Duration.FromSeconds(_service.NextExponential(_mu)), this, KindDeparture);
        }

        private void ScheduleArrival() =>
            _sim.ScheduleAfter(Duration.FromSeconds(_arrivals.NextExponential(_lambda)), this, KindArrival);

        /// <summary>Integrates the busy servers and the queue length since the last change, within the observation window.</summary>
        private void Account()
        {
            long now = _sim.Now.Ticks;
            long from = Math.Max(_accountedTicks, Warmup.Ticks);
            if (now > from)
            {
                _busyArea += (double)_busy * (now - from);
                _queueArea += (double)_waiting.Count * (now - from);
            }
            _accountedTicks = now;
        }
    }
}
