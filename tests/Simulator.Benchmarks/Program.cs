using BenchmarkDotNet.Running;
using Simulator.Benchmarks;

// "hold": the hold-model throughput lines; "flows": the flow network's completion events; "durability": the rare-event
// MTTDL target against the plain Monte Carlo;
// "bdn ...": the BenchmarkDotNet suite (arguments go to BenchmarkSwitcher).
if (args.Length > 0 && args[0] == "hold")
{
    // Optional, for quick measurements: hold <trials> <pending,pending,...> [engine-only]
    int trials = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7;
    int[]? sizes = args.Length > 2 ? args[2].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : null;
    HoldModel.RunAll(Console.Out, trials, sizes, engineOnly: args.Length > 3);
    return 0;
}
if (args.Length > 0 && args[0] == "flows")
{
    // Optional: flows <trials> <nodes> <flows>
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    FlowChurn.RunAll(Console.Out, trials: Arg(1, 5), nodes: Arg(2, 2_000), flows: Arg(3, 10_000));
    return 0;
}
if (args.Length > 0 && args[0] == "durability")
{
    // Optional: durability <trials> <seconds of each plain estimator per trial>
    RareEventBenchmark.Run(Console.Out, trials: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3,
        plainSeconds: args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
    return 0;
}
if (args.Length > 1 && args[0] == "durability-plain")
{
    // durability-plain <cycles>: the unbiased estimator run for as many cycles as the ±10 % interval needs
    RareEventBenchmark.RunPlain(Console.Out, long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}
if (args.Length > 0 && args[0] == "bdn")
{
    BenchmarkSwitcher.FromAssembly(typeof(HoldModel).Assembly).Run(args[1..]);
    return 0;
}
Console.Error.WriteLine("usage: Simulator.Benchmarks hold | flows | durability | bdn [BenchmarkDotNet arguments, e.g. --filter * --job short]");
return 2;
