namespace Simulator.Engine;

/// <summary>
/// Receives the outcome of a <see cref="Resource.Request(IResourceClient, long, Duration)"/>: exactly one of
/// the two methods is called once per request, with the token the requester passed.
/// </summary>
public interface IResourceClient
{
    /// <summary>The request holds one unit of the resource; call <see cref="Resource.Release"/> when done.</summary>
    void OnGranted(long token);

    /// <summary>The request waited for its whole time-out, or was refused because the queue was full. It holds nothing.</summary>
    void OnTimedOut(long token);
}
