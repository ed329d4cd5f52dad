using NUnit.Framework;
using Simulator.Network;

namespace Simulator.Tests.Network;

/// <summary>The solver's monotone queue against a sorted list, on random pushes that never go below the last level taken.</summary>
public sealed class LevelQueueTests
{
    [Test]
    public void TakesLevelsInOrderLikeASortedList([Range(0, 19)] int seed)
    {
        var rng = new System.Random(seed);
        var queue = new LevelQueue();
        for (int round = 0; round < 3; round++)
        {
            queue.Clear();
            var oracle = new List<(double Level, int Id)>();
            double last = 0;
            int nextId = 0;
            for (int i = 0; i < 200; i++) Push(Level(rng, 0));
            while (oracle.Count > 0)
            {
                Assert.That(queue.TryPeek(out double level), Is.True);
                double min = oracle.Min(e => e.Level);
                Assert.That(level, Is.EqualTo(min));
                int id = queue.Pop();
                int at = oracle.FindIndex(e => e.Id == id);
                Assert.That(at, Is.GreaterThanOrEqualTo(0), $"id {id} was queued");
                Assert.That(oracle[at].Level, Is.EqualTo(min), $"id {id} taken at the lowest level");
                oracle.RemoveAt(at);
                last = min;
                if (rng.Next(3) == 0) Push(Level(rng, last)); // re-queued higher, as the solver does
                if (rng.Next(10) == 0) Push(last);              // or at the very level just taken
            }
            Assert.That(queue.TryPeek(out _), Is.False);

            void Push(double level)
            {
                queue.Push(level, nextId);
                oracle.Add((level, nextId++));
            }
        }
    }

    /// <summary>Clustered levels (a few values, many equal) and spread ones, at or above <paramref name="floor"/>.</summary>
    private static double Level(System.Random rng, double floor) => rng.Next(3) switch
    {
        0 => floor + 1e9 / (1 + rng.Next(30)),
        1 => floor + rng.NextDouble() * 1e6,
        _ => floor + Math.Round(rng.NextDouble() * 4),
    };
}
