namespace Simulator.Storage;

/// <summary>Hears when a volume's I/O becomes blocked or unblocked (databases on volumes listen).</summary>
public interface IVolumeObserver
{
    /// <summary>
    /// <paramref name="blocked"/>: the volume is now stuck or lost (true) or serving again (false).
    /// <paramref name="byNetwork"/>: the block follows a network interruption (not a node crash).
    /// </summary>
    void OnBlockedChanged(int cluster, int volume, bool blocked, bool byNetwork);
}
