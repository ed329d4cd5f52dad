using System.Buffers.Binary;
using System.Diagnostics;
using NUnit.Framework;
using Simulator.Cli;
using Simulator.Reporting.Html;
using Simulator.Tests.Cli;

namespace Simulator.Tests.Reporting;

/// <summary><c>replsim report</c> and <c>--report</c>: one self-contained, escaped HTML page of a results folder.</summary>
public sealed class ReportTests
{
    private const string Hostile = "# <script>alert('x')</script> & \"quoted\" < 5";
    private string _dir = "";
    private string _scenario = "";
    private string _out = "";

    [SetUp]
    public void CreateFolders()
    {
        _dir = Directory.CreateTempSubdirectory("replsim-report-").FullName;
        _scenario = Path.Combine(_dir, "storm.yaml");
        File.WriteAllText(_scenario, $"name: aws-2011-us-east-1\n{Hostile}\n");
        _out = Path.Combine(_dir, "results");
    }

    [TearDown]
    public void DeleteFolders() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void RunWithReportWritesOnePageWithHeadlinesCisPlotsScenarioAndManifest()
    {
        var (code, output, error) = Run("run", _scenario, "--replications", "3", "--threads", "1", "--out", _out, "--report");

        Assert.That(code, Is.EqualTo(0), error);
        string folder = Folder();
        string path = Path.Combine(folder, "report.html");
        Assert.That(output, Does.Contain($"report: {path}"));
        string html = File.ReadAllText(path);
        Assert.That(html, Does.StartWith("<!DOCTYPE html>").And.Contain("<title>replsim run: aws-2011-us-east-1</title>"));
        Assert.That(html, Does.Contain("volumes_stuck_pct").And.Contain("peak 95 % CI").And.Contain("zone:us-east-1a"));
        int plots = Directory.GetFiles(Path.Combine(folder, "plots"), "*.svg").Length;
        Assert.That(plots, Is.GreaterThan(0));
        Assert.That(CountOf(html, "<svg"), Is.EqualTo(plots), "every plot inlined");
        Assert.That(html, Does.Not.Contain("<?xml"), "XML declarations dropped");
        Assert.That(html, Does.Not.Contain("<script"), "the scenario's text is escaped");
        Assert.That(html, Does.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot; &lt; 5"));
        Assert.That(html, Does.Not.Contain("has changed since the run"), "the file, resolved again, is the scenario the run saved");
        Assert.That(html, Does.Contain("&quot;seed&quot;"), "the manifest, escaped");
        Assert.That(html.Replace("http://www.w3.org/", "", StringComparison.Ordinal), Does.Not.Contain("http"), "nothing to fetch");
    }

    [Test]
    public void ReportCommandRewritesTheReportAndSaysWhenTheScenarioFileIsMissing()
    {
        Assert.That(Run("run", _scenario, "--out", _out).Code, Is.EqualTo(0));
        string folder = Folder();
        File.Delete(_scenario);

        var (code, output, error) = Run("report", folder);

        Assert.That(code, Is.EqualTo(0), error);
        string html = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.That(output, Does.Contain("report.html"));
        Assert.That(html, Does.Contain("storm.yaml is missing").And.Contain("The resolved scenario the run saved (scenario.yaml)"));
        Assert.That(html, Does.Not.Contain("peak 95 % CI"), "one replication has no CI columns");
        Assert.That(html, Does.Contain("Headline figures").And.Contain("volumes_stuck_pct"));
    }

    [Test]
    public void ReportOnAFolderThatIsNotARunExitsTwoAndWritesNothing()
    {
        Directory.CreateDirectory(_out);
        File.WriteAllText(Path.Combine(_out, "summary.csv"), "metric,scope,peak\n");

        var (code, output, error) = Run("report", _out);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("is not a results folder").And.Contain("no manifest.json"));
        Assert.That(output, Is.Empty);
        Assert.That(Directory.GetFiles(_out), Is.EqualTo(new[] { Path.Combine(_out, "summary.csv") }));

        var missing = Run("report", Path.Combine(_dir, "nowhere"));
        Assert.That(missing.Code, Is.EqualTo(2));
        Assert.That(missing.Error, Does.Contain("is not a folder"));
        Assert.That(Directory.Exists(Path.Combine(_dir, "nowhere")), Is.False);
    }

    [Test]
    public void AManifestThatIsNotJsonExitsTwoAndWritesNothing()
    {
        Directory.CreateDirectory(_out);
        File.WriteAllText(Path.Combine(_out, "manifest.json"), "{ not json");

        var (code, _, error) = Run("report", _out);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("not valid JSON"));
        Assert.That(Directory.GetFiles(_out), Has.Length.EqualTo(1));
    }

    [Test]
    public void ADurabilityFolderShowsItsEstimatesWithCisAndItsScenario()
    {
        Directory.CreateDirectory(_out);
        File.WriteAllText(Path.Combine(_out, "manifest.json"),
            $"{{\"kind\": \"run\", \"name\": \"mttdl-r3\", \"scenarios\": [{{\"path\": {System.Text.Json.JsonSerializer.Serialize(_scenario)}, \"sha256\": null}}], \"seed\": 1}}");
        File.WriteAllText(Path.Combine(_out, "durability.csv"),
            "quantity,method,estimate,ci_low,ci_high,unit\nmttdl,exact,32386901384.53611,,,hours\nmttdl,monte_carlo,3.1e10,2.9e10,3.3e10,hours\n");

        var (code, _, error) = Run("report", _out);

        Assert.That(code, Is.EqualTo(0), error);
        string html = File.ReadAllText(Path.Combine(_out, "report.html"));
        Assert.That(html, Does.Contain("<title>replsim run: mttdl-r3</title>"));
        Assert.That(html, Does.Contain("32386901385").And.Contain("[29000000000, 33000000000]").And.Contain("monte_carlo"));
        Assert.That(html, Does.Contain("&lt;script&gt;"), "the scenario file, escaped");
    }

    [Test]
    public void ReportFlagWithADurabilityScenarioExitsTwoBeforeRunning()
    {
        string durability = Path.Combine(_dir, "mttdl.yaml");
        File.WriteAllText(durability, "durability:\n  replicas: 3\n");

        var (code, _, error) = Run("run", durability, "--out", _out, "--report");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--report is not taken with durability scenario files"));
        Assert.That(Directory.Exists(_out), Is.False);
    }

    [Test]
    public void ComparisonTableShowsMeansCisAndPairedDifferencesAndLeavesOutFiguresWithoutValue()
    {
        var table = CsvTable.Parse(
            "variant,scenario,figure,unit,replications,mean,sd,ci95_low,ci95_high,min,max,diff_mean,diff_ci95_low,diff_ci95_high\n" +
            "base,a.yaml,stuck_peak_pct,%,2,10.8,3.6,-22.236132314063713,43.83613231406372,8.2,13.4,,,\n" +
            "base,a.yaml,failovers,volumes,0,,,,,,,,,\n" +
            "\"what <if>\",b.yaml,stuck_peak_pct,%,2,8.72,1,2.1,15.33,8.2,9.24,-2.08,-28.51,24.35\n");

        string html = HtmlTables.Figures(table);

        Assert.That(html, Does.Contain("[-22.24, 43.84]").And.Contain("[-28.51, 24.35]").And.Contain("difference from baseline"));
        Assert.That(html, Does.Contain("what &lt;if&gt;"));
        Assert.That(html, Does.Not.Contain("failovers"), "a figure that does not apply has no mean");
        Assert.That(html, Does.Not.Contain("a.yaml"), "the scenario column is left out");
    }

    [Test]
    public void ValidationTableShowsExpectedRunAndVerdict()
    {
        var table = CsvTable.Parse(
            "figure,source,when,expected,comparison,tolerance,replications,mean,sd,ci95_low,ci95_high,min,max,replications_ok,ok\n" +
            "nodes dark,\"facts ¶4, [P]\",1.1 h,700,at_least,0,1,690,,,,690,690,0,false\n");

        string html = HtmlTables.Validation(table);

        Assert.That(html, Does.Contain("≥ 700").And.Contain(">690<").And.Contain(">NO<").And.Contain("facts ¶4, [P]"));
    }

    [Test]
    public void SvgIdsArePrefixedSoThatPlotsOnOnePageDoNotShareClipPaths()
    {
        const string svg = "<?xml version=\"1.0\" ?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"700\">" +
                           "<clipPath id=\"clip0\"><rect/></clipPath><g clip-path=\"url(#clip0)\"/></svg>";

        string? inlined = SvgInline.Prepare(svg, "plot3");

        Assert.That(inlined, Does.StartWith("<svg").And.Contain("id=\"plot3-clip0\"").And.Contain("url(#plot3-clip0)"));
        Assert.That(inlined, Does.Contain("viewBox=\"0 0 1200 700\"").And.Not.Contain("\"clip0\""));
        Assert.That(SvgInline.Prepare("<svg><script>alert(1)</script></svg>", "p"), Is.Null);
        Assert.That(SvgInline.Prepare("not an image", "p"), Is.Null);
    }

    [Test]
    public void CsvTableReadsQuotedFieldsWithCommasQuotesAndNewlines()
    {
        var table = CsvTable.Parse("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\n");

        Assert.That(table.Header, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(table.Rows, Has.Count.EqualTo(1));
        Assert.That(table.Get(table.Rows[0], "a"), Is.EqualTo("x, y"));
        Assert.That(table.Get(table.Rows[0], "b"), Is.EqualTo("say \"hi\"\nthere"));
        Assert.That(table.Get(table.Rows[0], "c"), Is.Empty);
    }

    /// <summary>The page renders in a real browser: a screenshot with content, the title and figures in the DOM, no console errors.</summary>
    [Test]
    [CancelAfter(120_000)]
    public void ReportRendersInHeadlessChromiumWithoutConsoleErrors()
    {
        string chromium = Chromium.Find();
        Assert.That(Run("run", _scenario, "--replications", "3", "--threads", "1", "--out", _out, "--report").Code, Is.EqualTo(0));
        string url = new Uri(Path.Combine(Folder(), "report.html")).AbsoluteUri;
        string png = Path.Combine(_dir, "report.png");

        var shot = Chromium.Run(chromium, "--enable-logging=stderr", "--v=0", $"--screenshot={png}", "--window-size=1280,2000", url);
        Assert.That(File.Exists(png), Is.True, shot.Error);
        byte[] bytes = File.ReadAllBytes(png);
        Assert.That(bytes.AsSpan(1, 3).ToArray(), Is.EqualTo("PNG"u8.ToArray()));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), Is.EqualTo(1280));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)), Is.EqualTo(2000));
        Assert.That(bytes.Length, Is.GreaterThan(30_000), "a blank 1280×2000 page compresses to a few KB");
        Assert.That(Chromium.ConsoleLines(shot.Error), Is.Empty, "console messages while rendering the report");

        var dom = Chromium.Run(chromium, "--dump-dom", url);
        Assert.That(dom.Output, Does.Contain("<title>replsim run: aws-2011-us-east-1</title>"));
        Assert.That(dom.Output, Does.Contain("volumes_stuck_pct").And.Contain("Headline figures").And.Contain("<svg"));

        // The check above would see a page's error: the same run on a page with a failing script reports it.
        string bad = Path.Combine(_dir, "bad.html");
        File.WriteAllText(bad, "<html><body><script>undefinedFunction()</script></body></html>");
        var control = Chromium.Run(chromium, "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(bad).AbsoluteUri);
        Assert.That(Chromium.ConsoleLines(control.Error), Has.Some.Contain("Uncaught"));
    }

    private string Folder() => Directory.GetDirectories(Path.Combine(_out, "aws-2011-us-east-1")).Single();

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error, interactive: false, new FakeScenarioRunner());
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The Debian <c>chromium</c> package, installed when missing if the tests run as root.</summary>
    private static class Chromium
    {
        public static string Find()
        {
            if (Locate() is { } found) return found;
            if (!OperatingSystem.IsLinux()) Assert.Ignore("chromium is not installed and this is not Linux, where the test would install it");
            if (Environment.UserName != "root") Assert.Ignore("chromium is not installed and the tests do not run as root to install it (apt-get install -y chromium)");
            var install = Exec("apt-get", ["install", "-y", "chromium"], TimeSpan.FromMinutes(10));
            return Locate() ?? throw new IgnoreException($"chromium could not be installed (apt-get install -y chromium exited {install.Code}): " +
                                                         $"{install.Error.Trim()}");
        }

        public static (int Code, string Output, string Error) Run(string chromium, params string[] args) =>
            Exec(chromium, ["--headless", "--no-sandbox", "--disable-gpu", .. args], TimeSpan.FromSeconds(60));

        /// <summary>Lines the page's console wrote (Chromium logs them as <c>:CONSOLE</c>), and uncaught errors.</summary>
        public static List<string> ConsoleLines(string stderr) =>
            [.. stderr.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal))];

        private static string? Locate() =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists);

        private static (int Code, string Output, string Error) Exec(string file, IEnumerable<string> args, TimeSpan timeout)
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in args) info.ArgumentList.Add(arg);
            info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{file} did not finish within {timeout.TotalSeconds} s");
            }
            return (process.ExitCode, output.Result, error.Result);
        }
    }
}
