namespace Simulator.Cli;

/// <summary>
/// Reports progress synchronously on the reporting thread (unlike <see cref="Progress{T}"/>, which posts to the
/// thread pool and can print after the run has finished).
/// </summary>
internal sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
