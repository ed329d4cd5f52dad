using MathNet.Numerics.Distributions;
using NUnit.Framework;

namespace Simulator.Engine.Tests;

/// <summary>
/// Queues built on the engine's <see cref="Resource"/> against their closed forms. Each replication gives one
/// estimate; the closed form must lie in the 99 % Student-t confidence interval of the replication means,
/// and the interval must be narrow enough for the comparison to mean something. Seeds are fixed, so the
/// outcome is the same on every run.
/// </summary>
public sealed class QueueingOracleTests
{
    private const int Replications = 10;
    private static readonly SimTime Warmup = SimTime.FromSeconds(1_000);
    private static readonly SimTime End = SimTime.FromSeconds(41_000);

    private readonly record struct Estimate(double MeanWaitSeconds, double Utilisation);

    [Test]
    public void AnMM1QueueOfProcessesMatchesItsClosedForm()
    {
        const double lambda = 0.7, mu = 1.0;
        double rho = lambda / mu;
        double expectedWait = rho / (mu - lambda); // Wq of M/M/1
        var estimates = Enumerable.Range(0, Replications).Select(r => RunMM1WithProcesses(lambda, mu, r)).ToArray();
        AssertWithinConfidenceInterval(estimates.Select(e => e.MeanWaitSeconds), expectedWait, "mean wait in queue (s)");
        AssertWithinConfidenceInterval(estimates.Select(e => e.Utilisation), rho, "utilisation");
    }

    [Test]
    public void AnMMcQueueOfCallbacksMatchesErlangC()
    {
        const int c = 3;
        const double lambda = 2.1, mu = 1.0;
        double a = lambda / mu;
        double expectedWait = ErlangC(c, a) / (c * mu - lambda); // Wq of M/M/c
        var estimates = Enumerable.Range(0, Replications).Select(r => new MMcCallbacks(c, lambda, mu, r).Run()).ToArray();
        AssertWithinConfidenceInterval(estimates.Select(e => e.MeanWaitSeconds), expectedWait, "mean wait in queue (s)");
        AssertWithinConfidenceInterval(estimates.Select(e => e.Utilisation), lambda / (c * mu), "utilisation");
    }

    [Test]
    public void ErlangCMatchesAPublishedValue()
    {
        // Two servers, offered load 1 Erlang: P(wait) = 1/3 (a standard textbook example).
        Assert.That(ErlangC(2, 1.0), Is.EqualTo(1.0 / 3).Within(1e-12));
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

    private static Estimate RunMM1WithProcesses(double lambda, double mu, int replication)
    {
        var sim = new Simulation();
        var streams = new RandomStreams(20240601, replication);
        RandomStream arrivals = streams.Get("arrivals");
        RandomStream service = streams.Get("service");
        var server = new Resource(sim, capacity: 1);
        var waits = new Tally();
        double busySeconds = 0;

        async ProcessTask Customer()
        {
            SimTime arrived = sim.Now;
            await server.RequestAsync();
            var serviceTime = Duration.FromSeconds(service.NextExponential(mu));
            if (arrived >= Warmup) waits.Add(sim.Now - arrived);
            // Busy time inside the observation window [Warmup, End].
            SimTime from = SimTime.Max(sim.Now, Warmup), to = SimTime.Min(sim.Now + serviceTime, End);
            if (to > from) busySeconds += (to - from).TotalSeconds;
            await sim.Delay(serviceTime);
            server.Release();
        }

        sim.Start(async () =>
        {
            while (true)
            {
                await sim.Delay(Duration.FromSeconds(arrivals.NextExponential(lambda)));
                if (sim.Now > End) break;
                sim.Start(Customer);
            }
        });
        sim.RunUntil(End);
        return new Estimate(waits.Mean, busySeconds / (End - Warmup).TotalSeconds);
    }

    /// <summary>M/M/c in callback style: no allocation per customer.</summary>
    private sealed class MMcCallbacks : IEventHandler, IResourceClient
    {
        private readonly Simulation _sim = new();
        private readonly Resource _servers;
        private readonly RandomStream _arrivals;
        private readonly RandomStream _service;
        private readonly double _lambda, _mu;
        private readonly Tally _waits = new();
        private TimeWeightedLevel? _busy;

        public MMcCallbacks(int c, double lambda, double mu, int replication)
        {
            var streams = new RandomStreams(20240602, replication);
            _arrivals = streams.Get("arrivals");
            _service = streams.Get("service");
            _servers = new Resource(_sim, c);
            _lambda = lambda;
            _mu = mu;
        }

        private const int KindArrival = 0, KindDeparture = 1, KindWarmupEnds = 2;

        public Estimate Run()
        {
            _sim.ScheduleAfter(Duration.FromSeconds(_arrivals.NextExponential(_lambda)), this, KindArrival);
            _sim.Schedule(Warmup, this, KindWarmupEnds);
            _sim.RunUntil(End);
            return new Estimate(_waits.Mean, _busy!.Mean(End) / _servers.Capacity);
        }

        public void OnEvent(int kind, long arg)
        {
            switch (kind)
            {
                case KindArrival:
                    _servers.Request(this, token: _sim.Now.Ticks); // the token carries the arrival time
                    _sim.ScheduleAfter(Duration.FromSeconds(_arrivals.NextExponential(_lambda)), this, KindArrival);
                    break;
                case KindDeparture:
                    _servers.Release();
                    _busy?.Set(_sim.Now, _servers.InUse);
                    break;
                case KindWarmupEnds:
                    _busy = new TimeWeightedLevel(_sim.Now, _servers.InUse);
                    break;
            }
        }

        public void OnGranted(long arrivedTicks)
        {
            if (arrivedTicks >= Warmup.Ticks) _waits.Add((_sim.Now - new SimTime(arrivedTicks)).TotalSeconds);
            _busy?.Set(_sim.Now, _servers.InUse);
            _sim.ScheduleAfter(Duration.FromSeconds(_service.NextExponential(_mu)), this, KindDeparture);
        }

        public void OnTimedOut(long token) => throw new InvalidOperationException("no time-outs in M/M/c");
    }
}
