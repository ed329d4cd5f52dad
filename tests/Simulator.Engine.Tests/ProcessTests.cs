using NUnit.Framework;

namespace Simulator.Engine.Tests;

public sealed class ProcessTests
{
    [Test]
    public void AProcessWaitingOnADelayResumesAtTheRightSimulatedTime()
    {
        var sim = new Simulation();
        var resumed = new List<SimTime>();
        sim.Start(async () =>
        {
            resumed.Add(sim.Now);
            await sim.Delay(Duration.FromSeconds(5));
            resumed.Add(sim.Now);
            await sim.Delay(Duration.FromMilliseconds(250));
            resumed.Add(sim.Now);
        });
        sim.Run();
        Assert.That(resumed, Is.EqualTo(new[] { SimTime.Zero, SimTime.FromSeconds(5), SimTime.FromSeconds(5.25) }));
    }

    [Test]
    public void AProcessStartsAtTheCurrentTimeAfterTheEventsAlreadyDue()
    {
        var sim = new Simulation();
        var order = new List<string>();
        sim.Schedule(SimTime.Zero, () => order.Add("event"));
        var p = sim.Start(() => { order.Add("process"); return ProcessTask.CompletedTask; });
        Assert.That(p.IsCompleted, Is.False, "nothing runs before the loop does");
        sim.Run();
        Assert.That(order, Is.EqualTo(new[] { "event", "process" }));
        Assert.That(p.IsCompleted, Is.True);
    }

    [Test]
    public void ProcessesAtTheSameTimeInterleaveInSchedulingOrder()
    {
        var sim = new Simulation();
        var log = new List<string>();
        foreach (string name in new[] { "a", "b", "c" })
        {
            sim.Start(async () =>
            {
                for (int i = 0; i < 3; i++)
                {
                    log.Add($"{name}{i}@{sim.Now.Ticks}");
                    await sim.Delay(Duration.FromMicroseconds(10));
                }
            });
        }
        sim.Run();
        Assert.That(log, Is.EqualTo(new[] { "a0@0", "b0@0", "c0@0", "a1@10", "b1@10", "c1@10", "a2@20", "b2@20", "c2@20" }));
    }

    [Test]
    public void AnExceptionInAProcessPropagatesOutOfRun()
    {
        var sim = new Simulation();
        sim.Start(async () =>
        {
            await sim.Delay(Duration.FromSeconds(1));
            throw new InvalidDataException("model bug");
        });
        var ex = Assert.Throws<InvalidDataException>(() => sim.Run());
        Assert.That(ex!.Message, Is.EqualTo("model bug"));
        Assert.That(sim.Now, Is.EqualTo(SimTime.FromSeconds(1)));
    }

    [Test]
    public void AProcessCanWaitForAnotherToComplete()
    {
        var sim = new Simulation();
        var worker = sim.Start(async () => await sim.Delay(Duration.FromMinutes(3)));
        SimTime joined = SimTime.MaxValue;
        sim.Start(async () =>
        {
            await worker.WaitAsync();
            joined = sim.Now;
            await worker.WaitAsync(); // already complete: does not suspend
        });
        sim.Run();
        Assert.That(joined, Is.EqualTo(SimTime.At(Duration.FromMinutes(3))));
    }

    [Test]
    public void ASignalWakesAllCurrentWaitersInFifoOrderAfterTheRaisingEvent()
    {
        var sim = new Simulation();
        var signal = new Signal(sim);
        var log = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            int id = i;
            sim.Start(async () =>
            {
                await signal.WaitAsync();
                log.Add($"woke{id}@{sim.Now.Ticks}");
            });
        }
        sim.Schedule(new SimTime(100), () =>
        {
            Assert.That(signal.WaiterCount, Is.EqualTo(3));
            Assert.That(signal.Raise(), Is.EqualTo(3));
            log.Add("raised");
        });
        sim.Run();
        Assert.That(log, Is.EqualTo(new[] { "raised", "woke0@100", "woke1@100", "woke2@100" }));
        Assert.That(signal.WaiterCount, Is.Zero);
    }

    [Test]
    public void AWaiterThatWaitsAgainNeedsTheNextRaise()
    {
        var sim = new Simulation();
        var signal = new Signal(sim);
        var woke = new List<long>();
        sim.Start(async () =>
        {
            while (true)
            {
                await signal.WaitAsync();
                woke.Add(sim.Now.Ticks);
            }
        });
        sim.Schedule(new SimTime(10), () => signal.Raise());
        sim.Schedule(new SimTime(20), () => signal.Raise());
        sim.Run();
        Assert.That(woke, Is.EqualTo(new long[] { 10, 20 }));
    }

    [Test]
    public void CallbackWaitersOfASignalReceiveTheirKindAndArgument()
    {
        var sim = new Simulation();
        var signal = new Signal(sim);
        var handler = new RecordingHandler(sim);
        signal.Wait(handler, kind: 7, arg: 42);
        sim.Schedule(new SimTime(5), () => signal.Raise());
        sim.Run();
        Assert.That(handler.Fired, Is.EqualTo(new[] { (5L, 7, 42L) }));
    }

    private sealed class RecordingHandler(Simulation sim) : IEventHandler
    {
        public List<(long Time, int Kind, long Arg)> Fired { get; } = [];
        public void OnEvent(int kind, long arg) => Fired.Add((sim.Now.Ticks, kind, arg));
    }

    [Test]
    public void AProcessCanAwaitAStepThatWaitsAndCatchItsException()
    {
        var sim = new Simulation();
        async ProcessTask Step(int n)
        {
            await sim.Delay(Duration.FromSeconds(n));
            if (n == 2) throw new TimeoutException("step 2 failed");
        }
        var log = new List<string>();
        sim.Start(async () =>
        {
            await Step(1);
            log.Add($"step 1 done at {sim.Now}");
            try { await Step(2); }
            catch (TimeoutException e) { log.Add($"{e.Message} at {sim.Now}"); }
        });
        sim.Run();
        Assert.That(log, Is.EqualTo(new[] { "step 1 done at t+1s", "step 2 failed at t+3s" }));
    }

    [Test]
    public void AwaitingARealTaskInAProcessIsRefused()
    {
        var sim = new Simulation();
        sim.Start(async () => await Task.Delay(1));
        var ex = Assert.Throws<InvalidOperationException>(() => sim.Run());
        Assert.That(ex!.Message, Does.Contain("thread pool"));
    }

    [Test]
    public void ProcessesRunOnTheCallingThreadEvenUnderASynchronizationContext()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
        try
        {
            var sim = new Simulation();
            var r = new Resource(sim, capacity: 1);
            int thread = Environment.CurrentManagedThreadId;
            var threads = new List<int>();
            for (int i = 0; i < 3; i++)
            {
                sim.Start(async () =>
                {
                    if (await r.RequestAsync())
                    {
                        threads.Add(Environment.CurrentManagedThreadId);
                        await sim.Delay(Duration.FromSeconds(1));
                        threads.Add(Environment.CurrentManagedThreadId);
                        r.Release();
                    }
                });
            }
            sim.Run();
            Assert.That(threads, Has.Count.EqualTo(6).And.All.EqualTo(thread));
            Assert.That(sim.Now, Is.EqualTo(SimTime.FromSeconds(3)));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}
