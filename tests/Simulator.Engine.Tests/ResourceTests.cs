using NUnit.Framework;

namespace Simulator.Engine.Tests;

public sealed class ResourceTests
{
    private sealed class Client(Simulation sim) : IResourceClient
    {
        public List<(long Token, long Time)> Granted { get; } = [];
        public List<(long Token, long Time)> TimedOut { get; } = [];
        public void OnGranted(long token) => Granted.Add((token, sim.Now.Ticks));
        public void OnTimedOut(long token) => TimedOut.Add((token, sim.Now.Ticks));
    }

    [Test]
    public void RequestsAreGrantedInArrivalOrder()
    {
        var sim = new Simulation();
        var r = new Resource(sim, capacity: 1);
        var c = new Client(sim);
        for (int i = 0; i < 5; i++) r.Request(c, token: i);
        Assert.That(r.InUse, Is.EqualTo(1));
        Assert.That(r.QueueLength, Is.EqualTo(4));
        Assert.That(c.Granted.Select(g => g.Token), Is.EqualTo(new long[] { 0 }), "a free unit is granted at once");
        for (int i = 1; i <= 4; i++) sim.Schedule(new SimTime(i * 10), r.Release);
        sim.Run();
        Assert.That(c.Granted, Is.EqualTo(new[] { (0L, 0L), (1L, 10L), (2L, 20L), (3L, 30L), (4L, 40L) }));
        Assert.That(r.GrantedCount, Is.EqualTo(5));
    }

    [Test]
    public void AQueuedRequestTimesOutAfterItsTimeoutAndLeavesTheQueue()
    {
        var sim = new Simulation();
        var r = new Resource(sim, capacity: 1);
        var c = new Client(sim);
        r.Request(c, 0);
        r.Request(c, 1, Duration.FromSeconds(30));
        r.Request(c, 2, Duration.FromSeconds(60));
        sim.Schedule(SimTime.FromSeconds(45), r.Release);
        sim.Run();
        Assert.That(c.TimedOut, Is.EqualTo(new[] { (1L, 30_000_000L) }));
        Assert.That(c.Granted.Select(g => g.Token), Is.EqualTo(new long[] { 0, 2 }));
        Assert.That(c.Granted[1].Time, Is.EqualTo(45_000_000L));
        Assert.That(r.TimedOutCount, Is.EqualTo(1));
        Assert.That(r.QueueLength, Is.Zero);
        Assert.That(sim.PendingCount, Is.Zero, "the granted request's time-out was cancelled");
    }

    [Test]
    public void RaisingTheCapacityGrantsWaitersAtOnceAndLoweringItLetsHoldersFinish()
    {
        var sim = new Simulation();
        var r = new Resource(sim, capacity: 1);
        var c = new Client(sim);
        for (int i = 0; i < 4; i++) r.Request(c, i);
        sim.Schedule(new SimTime(100), () => r.Capacity = 3);
        sim.RunUntil(new SimTime(100));
        Assert.That(c.Granted, Is.EqualTo(new[] { (0L, 0L), (1L, 100L), (2L, 100L) }));
        Assert.That(r.InUse, Is.EqualTo(3));

        r.Capacity = 1;
        Assert.That(r.InUse, Is.EqualTo(3), "holders keep their units");
        r.Release();
        r.Release();
        sim.Run();
        Assert.That(c.Granted, Has.Count.EqualTo(3), "still at capacity: nobody else is granted");
        r.Release();
        sim.Run();
        Assert.That(c.Granted.Select(g => g.Token), Is.EqualTo(new long[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void ARequestBeyondTheMaximumQueueLengthIsRefusedAtOnce()
    {
        var sim = new Simulation();
        var r = new Resource(sim, capacity: 1, maxQueueLength: 2);
        var c = new Client(sim);
        for (int i = 0; i < 4; i++) r.Request(c, i);
        Assert.That(c.TimedOut, Is.EqualTo(new[] { (3L, 0L) }));
        Assert.That(r.QueueLength, Is.EqualTo(2));
        Assert.That(r.RefusedCount, Is.EqualTo(1));
    }

    [Test]
    public void ReleasingAnIdleResourceIsAnError()
    {
        var r = new Resource(new Simulation(), capacity: 2);
        var ex = Assert.Throws<InvalidOperationException>(r.Release);
        Assert.That(ex!.Message, Does.Contain("no unit"));
    }

    [Test]
    public void CallbackRequestsAndHandlerEventsDoNotAllocateInSteadyState()
    {
        var sim = new Simulation();
        var r = new Resource(sim, capacity: 2);
        var model = new ReleasingClient(sim, r);
        const int rounds = 40, warmupRounds = 30;
        long allocated = 0;
        for (int round = 0; round < rounds; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) r.Request(model, i, Duration.FromSeconds(100));
            sim.Run();
            if (round >= warmupRounds) allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.That(allocated, Is.Zero);
        Assert.That(r.GrantedCount, Is.EqualTo(rounds * 1000));
    }

    private sealed class ReleasingClient(Simulation sim, Resource r) : IResourceClient, IEventHandler
    {
        public void OnGranted(long token) => sim.ScheduleAfter(Duration.FromMilliseconds(1), this);
        public void OnTimedOut(long token) => throw new InvalidOperationException("unexpected time-out");
        public void OnEvent(int kind, long arg) => r.Release();
    }
}
