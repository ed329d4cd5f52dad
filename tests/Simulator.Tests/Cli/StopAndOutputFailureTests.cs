using System.Diagnostics;
using NUnit.Framework;
using Simulator.Cli;
using Simulator.Experiments;

namespace Simulator.Tests.Cli;

/// <summary>
/// A stop at each stage of an experiment, and results that cannot be written: the exit code, the message, and what is
/// left on disk. Full and read-only disks are real (a small tmpfs, mounted where the tests may mount, as root);
/// a folder removed mid-run is done by the unit itself.
/// </summary>
public sealed class StopAndOutputFailureTests
{
    private string _dir = "";
    private string _scenario = "";
    private string _out = "";

    [SetUp]
    public void CreateFolders()
    {
        _dir = Directory.CreateTempSubdirectory("replsim-stop-output-").FullName;
        _scenario = Path.Combine(_dir, "storm.yaml");
        File.WriteAllText(_scenario, "name: aws-2011-us-east-1\n");
        _out = Path.Combine(_dir, "results");
    }

    [TearDown]
    public void DeleteFolders()
    {
        foreach (var mount in _mounts) Mounts.Unmount(mount);
        Directory.Delete(_dir, recursive: true);
    }

    private readonly List<string> _mounts = [];

    /// <summary>A stop while the second of three units runs abandons it: the first is kept, to resume.</summary>
    [Test]
    public void AStopDuringAUnitAbandonsItAndKeepsTheUnitsDone()
    {
        using var stop = new CancellationTokenSource();
        var runner = new FakeScenarioRunner { DuringRun = (options, _) => { if (options.Replication == 1) stop.Cancel(); } };
        var (code, output, error) = Run(runner, stop.Token, "run", _scenario, "--out", _out, "--replications", "3", "--threads", "1");

        Assert.That(code, Is.EqualTo(ExitCodes.Interrupted), error);
        Assert.That(output, Does.Contain("stopped: 1 of 3 units done"));
        string folder = Directory.GetDirectories(Path.Combine(_out, "aws-2011-us-east-1")).Single();
        Assert.That(File.ReadAllText(Path.Combine(folder, "manifest.json")), Does.Contain("\"status\": \"incomplete\""));
    }

    /// <summary>
    /// A stop after the last unit, as the final files are written: they are not, the units are kept, and --resume writes
    /// them (the same files as a run never stopped).
    /// </summary>
    [Test]
    public void AStopWhileTheFinalFilesAreWrittenLeavesTheUnitsToResume()
    {
        using var stop = new CancellationTokenSource();
        var lastThenStop = new StoppingRunner(new FakeScenarioRunner(), stop, stopAfterReplication: 1);
        var (code, output, error) = Run(lastThenStop, stop.Token, "run", _scenario, "--out", _out, "--replications", "2", "--threads", "1");

        Assert.That(code, Is.EqualTo(ExitCodes.Interrupted), error);
        Assert.That(output, Does.Contain("stopped: 2 of 2 units done"));
        string folder = Directory.GetDirectories(Path.Combine(_out, "aws-2011-us-east-1")).Single();
        Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName), Is.EqualTo(new[] { "manifest.json" }), "no final file half written");
        Assert.That(Directory.GetFiles(Path.Combine(folder, "units")), Is.Not.Empty);

        var (resumed, _, resumeError) = Run(new FakeScenarioRunner(), default, "run", "--resume", folder);
        Assert.That(resumed, Is.EqualTo(ExitCodes.Ok), resumeError);
        Assert.That(File.Exists(Path.Combine(folder, "summary.csv")));
        Assert.That(Directory.Exists(Path.Combine(folder, "units")), Is.False);
    }

    /// <summary>The folder removed while the experiment runs: exit 4 with the cause, and no half-written folder.</summary>
    [Test]
    public void AFolderRemovedMidRunExits4AndLeavesNothing()
    {
        var runner = new FakeScenarioRunner
        {
            DuringRun = (options, _) =>
            {
                if (options.Replication != 1) return;
                foreach (var temp in Directory.GetDirectories(Path.Combine(_out, "aws-2011-us-east-1"), ".*")) Directory.Delete(temp, recursive: true);
            },
        };
        var (code, _, error) = Run(runner, default, "run", _scenario, "--out", _out, "--replications", "3", "--threads", "1");

        Assert.That(code, Is.EqualTo(ExitCodes.OutputFailed), error);
        Assert.That(error, Does.StartWith("replsim: could not write the results in ").And.Contain("(nothing kept)"));
        Assert.That(Directory.Exists(_out) ? Directory.EnumerateFileSystemEntries(_out, "*", SearchOption.AllDirectories) : [], Is.Empty);
    }

    /// <summary>A full disk (a tmpfs of 256 KiB, the estimate overridden): exit 4 naming it, and the disk left empty.</summary>
    [Test]
    public void AFullDiskExits4AndLeavesNothing()
    {
        string disk = Mount("size=256k");
        var (code, _, error) = ReplsimProcess.Start(["run", TinyReplay, .. ExperimentLayer.TinyExperiments.Flags, "--replications", "2",
            "--ignore-estimate", "--out", disk]).Wait();

        Assert.That(code, Is.EqualTo(ExitCodes.OutputFailed), error);
        Assert.That(error, Does.Contain("could not write the results").And.Contain("No space left on device"));
        Assert.That(Directory.EnumerateFileSystemEntries(disk, "*", SearchOption.AllDirectories), Is.Empty);
    }

    /// <summary>A read-only --out (a read-only tmpfs: root ignores permission bits): exit 4 naming it, nothing written.</summary>
    [Test]
    public void AReadOnlyOutExits4()
    {
        string disk = Mount("ro,size=64k");
        var (code, _, error) = ReplsimProcess.Start(["run", TinyReplay, .. ExperimentLayer.TinyExperiments.Flags, "--out", Path.Combine(disk, "results")]).Wait();

        Assert.That(code, Is.EqualTo(ExitCodes.OutputFailed), error);
        Assert.That(error, Does.Contain("could not write the results").And.Contain("Read-only file system"));
        Assert.That(Directory.EnumerateFileSystemEntries(disk), Is.Empty);
    }

    private static string TinyReplay => ExperimentLayer.TinyExperiments.Replay;

    private string Mount(string options)
    {
        string dir = Directory.CreateDirectory(Path.Combine(_dir, $"mount-{_mounts.Count}")).FullName;
        if (!Mounts.TryTmpfs(dir, options, out string why)) Assert.Ignore($"cannot mount a tmpfs here ({why}); the in-process tests cover the message");
        _mounts.Add(dir);
        return dir;
    }

    private static (int Code, string Output, string Error) Run(IScenarioRunner runner, CancellationToken stop, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error, interactive: false, runner, stop);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs units through another runner and stops the experiment once a given replication is done.</summary>
    private sealed class StoppingRunner(IScenarioRunner inner, CancellationTokenSource stop, int stopAfterReplication) : IScenarioRunner
    {
        public LoadedScenario Load(string path, IReadOnlyList<string> overrides) => inner.Load(path, overrides);

        public RunResult Run(LoadedScenario scenario, RunOptions options, IProgress<RunProgress> progress, CancellationToken cancellation)
        {
            var result = inner.Run(scenario, options, progress, cancellation);
            if (options.Replication == stopAfterReplication) stop.Cancel();
            return result;
        }
    }

    /// <summary>tmpfs mounts for the tests that need a full or read-only disk (root on Linux only).</summary>
    private static class Mounts
    {
        public static bool TryTmpfs(string dir, string options, out string why)
        {
            why = "not Linux";
            if (!OperatingSystem.IsLinux()) return false;
            var (code, text) = Exec("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir);
            why = text.Trim();
            return code == 0;
        }

        public static void Unmount(string dir) => Exec("umount", dir);

        private static (int Code, string Text) Exec(string file, params string[] args)
        {
            try
            {
                var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var a in args) info.ArgumentList.Add(a);
                using var process = Process.Start(info)!;
                string text = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                return (process.ExitCode, text);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return (-1, e.Message);
            }
        }
    }
}
