using BenchmarkDotNet.Running;
using Simulator.Benchmarks;

// "hold": the hold-model throughput lines; "bdn ...": the BenchmarkDotNet suite (arguments go to BenchmarkSwitcher).
if (args.Length > 0 && args[0] == "hold")
{
    // Optional, for quick measurements: hold <trials> <pending,pending,...> [engine-only]
    int trials = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7;
    int[]? sizes = args.Length > 2 ? args[2].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : null;
    HoldModel.RunAll(Console.Out, trials, sizes, engineOnly: args.Length > 3);
    return 0;
}
if (args.Length > 0 && args[0] == "bdn")
{
    BenchmarkSwitcher.FromAssembly(typeof(HoldModel).Assembly).Run(args[1..]);
    return 0;
}
Console.Error.WriteLine("usage: Simulator.Benchmarks hold | bdn [BenchmarkDotNet arguments, e.g. --filter * --job short]");
return 2;
