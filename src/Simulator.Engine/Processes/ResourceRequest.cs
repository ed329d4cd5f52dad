using System.Threading.Tasks.Sources;

namespace Simulator.Engine;

/// <summary>
/// The pending <see cref="Resource.RequestAsync(Duration)"/> of a process: a reusable value-task source,
/// pooled by its resource. Continuations run inline, on the event that decided the request; flags asking
/// for a captured context are ignored on purpose (the event loop is the only scheduler).
/// </summary>
internal sealed class ResourceRequest : IValueTaskSource<bool>, IResourceClient
{
    private readonly Stack<ResourceRequest> _pool;
    private Action<object?>? _continuation;
    private object? _continuationState;
    private bool _done;
    private bool _result;

    public ResourceRequest(Stack<ResourceRequest> pool) => _pool = pool;

    /// <summary>Changes every time the source is reused, so a stale <see cref="ValueTask{TResult}"/> is detected.</summary>
    public short Version { get; private set; }

    public void OnGranted(long token) => Complete(true);

    public void OnTimedOut(long token) => Complete(false);

    private void Complete(bool result)
    {
        _result = result;
        _done = true;
        Action<object?>? continuation = _continuation;
        if (continuation is not null)
        {
            _continuation = null;
            continuation(_continuationState);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token)
    {
        CheckToken(token);
        return _done ? ValueTaskSourceStatus.Succeeded : ValueTaskSourceStatus.Pending;
    }

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        CheckToken(token);
        if (_continuation is not null) throw new InvalidOperationException("a resource request can be awaited only once");
        if (_done)
        {
            continuation(state);
            return;
        }
        _continuation = continuation;
        _continuationState = state;
    }

    public bool GetResult(short token)
    {
        CheckToken(token);
        if (!_done) throw new InvalidOperationException("the resource request is still pending");
        bool result = _result;
        _done = false;
        _continuationState = null;
        Version++;
        _pool.Push(this);
        return result;
    }

    private void CheckToken(short token)
    {
        if (token != Version) throw new InvalidOperationException("this resource request was already awaited");
    }
}
