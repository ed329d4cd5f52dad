using Simulator.Engine;
using Simulator.Metrics;

namespace Simulator.Faults;

/// <summary>
/// The operators' actions as a run goes: those at a time are scheduled at once; those set off by a condition
/// (<see cref="OperatorActionSpec.When"/>) are watched at every sample, on the values just sampled, and taken their
/// delay after the condition has held for its time; those that follow another (<see cref="OperatorActionSpec.After"/>)
/// are taken their delay after it, or, with a condition too, start watching it once the other is taken. Each action is
/// taken at most once. Watching costs one look-up per watched action per sample, nothing per event; the values watched
/// are those of the time series, so it is as deterministic as the run.
/// </summary>
public sealed class OperatorPlaybook
{
    private readonly TimelineContext _timeline;
    private readonly IReadOnlyList<OperatorActionSpec> _actions;
    private readonly List<int>[] _followers;
    private readonly List<Watch> _watched = [];

    /// <summary>Schedules the actions at a time, in the scenario's order, and starts watching the others' conditions.</summary>
    public OperatorPlaybook(TimelineContext timeline, IReadOnlyList<OperatorActionSpec> actions)
    {
        _timeline = timeline;
        _actions = actions;
        _followers = [.. actions.Select(_ => new List<int>())];
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < actions.Count; i++)
            if (actions[i].Name is { } name) byName.TryAdd(name, i);
        for (int i = 0; i < actions.Count; i++)
            if (actions[i].After is { } leader && byName.TryGetValue(leader, out int l)) _followers[l].Add(i);
        for (int i = 0; i < actions.Count; i++)
        {
            if (actions[i].At is { } at) Take(i, at);
            else if (actions[i] is { When: { } when, After: null }) _watched.Add(new Watch(i, when, Duration.Zero));
        }
    }

    /// <summary>The markers of the actions taken so far (and faults), in time order.</summary>
    public IReadOnlyList<TimelineMarker> Markers() => _timeline.Markers();

    /// <summary>
    /// Checks every watched condition on the sample taken at <paramref name="now"/> (rows ordered by scope, then metric,
    /// as <see cref="MetricsSampler.LastSample"/> has them): a condition that holds now and has held since a sample at least
    /// its time ago sets its action off, <see cref="OperatorActionSpec.Delay"/> from now. A metric not sampled in the
    /// scope, or NaN, does not meet any condition.
    /// </summary>
    public void OnSample(Duration now, IReadOnlyList<TimeSeriesRow> sample)
    {
        for (int k = 0; k < _watched.Count; k++) // taking an action can start watching its followers: they are checked too
        {
            var w = _watched[k];
            if (w.Taken || now < w.From) continue;
            if (!w.Trigger.Holds(ValueOf(sample, w.Trigger.Scope, w.Trigger.Metric)))
            {
                w.HeldSince = null;
                continue;
            }
            w.HeldSince ??= now;
            if (now - w.HeldSince.Value < w.Trigger.For) continue;
            w.Taken = true;
            Take(w.Action, now + _actions[w.Action].Delay);
        }
    }

    /// <summary>Takes an action at <paramref name="at"/>; its followers are taken their delay later, or watched from then.</summary>
    private void Take(int action, Duration at)
    {
        _actions[action].Take(_timeline, action, at);
        foreach (int follower in _followers[action])
            if (_actions[follower].When is { } when) _watched.Add(new Watch(follower, when, at));
            else Take(follower, at + _actions[follower].Delay);
    }

    private static double ValueOf(IReadOnlyList<TimeSeriesRow> sample, string scope, string metric)
    {
        int lo = 0, hi = sample.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            var row = sample[mid];
            int c = string.CompareOrdinal(row.Scope, scope);
            if (c == 0) c = string.CompareOrdinal(row.Metric, metric);
            if (c == 0) return row.Value;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return double.NaN;
    }

    /// <summary>An action waiting for its condition, watched at the samples from <see cref="From"/> on.</summary>
    private sealed class Watch(int action, TriggerSpec trigger, Duration from)
    {
        public int Action { get; } = action;
        public TriggerSpec Trigger { get; } = trigger;
        public Duration From { get; } = from;
        public Duration? HeldSince { get; set; }
        public bool Taken { get; set; }
    }
}
