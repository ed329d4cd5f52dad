namespace Simulator.Engine;

/// <summary>Hears whether a resource request was granted or timed out.</summary>
public interface IResourceClient
{
    void OnGranted(long token);
    void OnTimedOut(long token);
}
