using Simulator.Experiments;

namespace Simulator.Tests.Support;

/// <summary>Reads one metric of one scope off a run's tidy rows.</summary>
public static class Series
{
    /// <summary>The (time in hours, value) samples of <paramref name="metric"/> in <paramref name="scope"/>, in time order.</summary>
    public static List<(double TimeH, double Value)> Of(SimulationRun run, string scope, string metric) =>
        run.Rows.Where(r => r.Scope == scope && r.Metric == metric).Select(r => (r.TimeH, r.Value)).ToList();

    /// <summary>Values sampled in [<paramref name="fromH"/>, <paramref name="toH"/>].</summary>
    public static List<double> Between(SimulationRun run, string scope, string metric, double fromH, double toH) =>
        Of(run, scope, metric).Where(s => s.TimeH >= fromH - 1e-9 && s.TimeH <= toH + 1e-9).Select(s => s.Value).ToList();

    /// <summary>The value sampled at <paramref name="timeH"/> (or the last one before it).</summary>
    public static double At(SimulationRun run, string scope, string metric, double timeH) =>
        Of(run, scope, metric).Last(s => s.TimeH <= timeH + 1e-9).Value;

    /// <summary>A rate metric (per second) integrated over the run: the count it stands for.</summary>
    public static double Integrated(SimulationRun run, string scope, string metric)
    {
        var s = Of(run, scope, metric);
        double total = 0;
        for (int i = 1; i < s.Count; i++) total += s[i].Value * (s[i].TimeH - s[i - 1].TimeH) * 3600;
        return total;
    }
}
