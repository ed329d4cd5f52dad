using System.Diagnostics;
using System.Runtime.InteropServices;
using NUnit.Framework;
using Simulator.Cli;

namespace Simulator.Tests.Cli;

/// <summary>
/// <c>dotnet replsim.dll …</c> as its own OS process: the replsim.dll this test assembly loaded, so every process is
/// the build under test.
/// </summary>
internal sealed class ReplsimProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private ReplsimProcess(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The dotnet host and the replsim.dll under test; fails the test when the build is missing.</summary>
    public static (string Host, string Dll) Locate()
    {
        string dll = typeof(CliApp).Assembly.Location;
        string runtimeConfig = Path.ChangeExtension(dll, ".runtimeconfig.json");
        if (!File.Exists(dll) || !File.Exists(runtimeConfig))
            Assert.Fail($"replsim.dll with its runtimeconfig.json not found next to the tests ({dll}); build Simulator.sln first");
        return (DotnetHost(), dll);
    }

    public static ReplsimProcess Start(IEnumerable<string> args)
    {
        var (host, dll) = Locate();
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return new ReplsimProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}"));
    }

    /// <summary>Sends SIGTERM, as a scheduler stops a task (Linux and macOS).</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, Sigterm) != 0) Assert.Fail($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public (int Code, string Output, string Error) Wait()
    {
        using (_process)
        {
            if (!_process.WaitForExit(Timeout))
            {
                _process.Kill(entireProcessTree: true);
                Assert.Fail($"replsim {string.Join(' ', _process.StartInfo.ArgumentList)} did not end within {Timeout}");
            }
            _process.WaitForExit();
            return (_process.ExitCode, _output.Result, _error.Result);
        }
    }

    /// <summary>The host running the tests (set by <c>dotnet test</c>), else <c>dotnet</c> on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } host && File.Exists(host) ? host : "dotnet";
}
