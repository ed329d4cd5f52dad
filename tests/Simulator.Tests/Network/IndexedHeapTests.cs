using NUnit.Framework;
using Simulator.Network;

namespace Simulator.Tests.Network;

/// <summary>The heap under the shared link queues, against a sorted list: adds, removals, new keys, pops.</summary>
public sealed class IndexedHeapTests
{
    private sealed class Heap(int items) : IndexedHeap
    {
        public readonly int[] Places = new int[items];

        protected override int PlaceOf(int item) => Places[item];

        protected override void SetPlace(int item, int place) => Places[item] = place;
    }

    [Test]
    public void RandomOperationsKeepTheOrderOfKeysThenTies([Range(0, 19)] int seed)
    {
        var rng = new System.Random(seed);
        const int items = 200;
        var heap = new Heap(items);
        var keys = new Dictionary<int, double>();
        for (int op = 0; op < 5_000; op++)
        {
            int item = rng.Next(items);
            // Few distinct keys: many ties, broken by the item (its tie here).
            double key = rng.Next(20);
            int kind = rng.Next(4);
            if (!keys.ContainsKey(item))
            {
                heap.Add(item, key, item);
                keys[item] = key;
            }
            else if (kind == 0)
            {
                heap.Remove(item);
                keys.Remove(item);
                Assert.That(heap.Places[item], Is.Zero, "out of the heap");
            }
            else if (kind == 1)
            {
                heap.Update(item, key);
                keys[item] = key;
            }
            else
            {
                var expected = keys.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key).First();
                Assert.That((heap.MinKey, heap.MinItem), Is.EqualTo((expected.Value, expected.Key)));
                Assert.That(heap.Pop(), Is.EqualTo(expected.Key));
                keys.Remove(expected.Key);
            }
            Assert.That(heap.Count, Is.EqualTo(keys.Count));
        }
        heap.Clear();
        Assert.That(heap.Count, Is.Zero);
        Assert.That(heap.Places, Is.All.Zero);
    }
}
