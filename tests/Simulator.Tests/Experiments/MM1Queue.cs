using MathNet.Numerics.Distributions;
using Simulator.Engine;

namespace Simulator.Tests.ExperimentLayer;

/// <summary>
/// An M/M/1 queue on the engine (arrivals at rate λ, one server at rate μ), started in its stationary state: the
/// number in the system at time 0 is drawn from the geometric law P(n) = (1 − ρ)ρⁿ. Stationary from the start, the
/// time-average number in the system over any horizon has expectation exactly L = ρ / (1 − ρ): no warm-up bias, so a
/// confidence interval should cover L as often as it claims.
/// </summary>
internal sealed class MM1Queue : IResourceClient
{
    private static readonly Duration NoTimeout = Duration.FromDays(365 * 1000);
    private readonly Simulation _sim = new();
    private readonly Resource _server;
    private readonly RandomStream _arrivals;
    private readonly RandomStream _services;
    private readonly RandomStream _initial;
    private readonly double _lambda;
    private readonly double _mu;
    private int _inSystem;
    private double _area;
    private double _lastS;

    public MM1Queue(double lambda, double mu, ulong seed, int replication)
    {
        _lambda = lambda;
        _mu = mu;
        _server = new Resource(_sim, capacity: 1);
        var streams = new RandomStreams(seed, replication);
        _arrivals = streams.Get("arrivals");
        _services = streams.Get("services");
        _initial = streams.Get("initial-state");
    }

    public static double ExpectedInSystem(double lambda, double mu) => lambda / mu / (1 - lambda / mu);

    /// <summary>The time-average number in the system over [0, <paramref name="horizonS"/>] seconds.</summary>
    public double TimeAverageInSystem(double horizonS)
    {
        double rho = _lambda / _mu;
        int initial = (int)Math.Floor(Math.Log(1 - _initial.NextDouble()) / Math.Log(rho));
        for (int i = 0; i < initial; i++) Arrive();
        ScheduleArrival();
        _sim.RunUntil(SimTime.At(Duration.FromSeconds(horizonS)));
        Account();
        return _area / horizonS;
    }

    public void OnGranted(long token) =>
        _sim.ScheduleAfter(Duration.FromSeconds(Exponential.Sample(_services, _mu)), Depart);

    public void OnTimedOut(long token) => throw new InvalidOperationException("an M/M/1 customer never gives up");

    private void ScheduleArrival() =>
        _sim.ScheduleAfter(Duration.FromSeconds(Exponential.Sample(_arrivals, _lambda)), () =>
        {
            Arrive();
            ScheduleArrival();
        });

    private void Arrive()
    {
        Account();
        _inSystem++;
        _server.Request(this, 0, NoTimeout);
    }

    private void Depart()
    {
        Account();
        _inSystem--;
        _server.Release();
    }

    private void Account()
    {
        double now = _sim.Now.TotalSeconds;
        _area += _inSystem * (now - _lastS);
        _lastS = now;
    }
}
