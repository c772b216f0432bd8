using System.Diagnostics;
using System.Text;

namespace TypedActors.Http.Tests.Observer;

/// <summary>
/// The observer page in a real browser: Debian's chromium driven by playwright-core (Browser/observer.test.mjs) against
/// a host started here. Both are installed by tests/run.sh; without them this test fails and says so.
/// </summary>
public sealed class ObserverBrowserTests
{
    private const string Install = "run tests/run.sh, which installs chromium (apt) and playwright-core (npm) before the tests";

    [Fact]
    public async Task The_page_counts_floods_charts_dead_letters_and_kills_only_for_operators_in_chromium()
    {
        string chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        string folder = Path.Combine(RepositoryRoot.Directory.FullName, "tests", "TypedActors.Http.Tests", "Browser");
        Assert.True(File.Exists(chromium), $"Chromium is not installed at {chromium}: {Install}.");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "playwright-core")), $"playwright-core is not installed in {folder}: {Install}.");

        await using ObserverHost host = await ObserverHost.StartAsync(options =>
        {
            options.SampleInterval = TimeSpan.FromMilliseconds(250);
            options.EnableActions(ObserverHost.Operators);
        });

        var start = new ProcessStartInfo("node", ["observer.test.mjs"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["OBSERVER_URL"] = host.BaseAddress.ToString();
        start.Environment["CHROMIUM_PATH"] = chromium;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            Assert.Fail($"Node.js could not be started ({exception.Message}): install Node.js, then {Install}.");
            return;
        }

        using (process)
        {
            var output = new StringBuilder();
            process.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
            process.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"The browser test did not finish within 90 s:\n{output}");
            }

            process.WaitForExit(); // the last lines of output
            string log;
            lock (output)
            {
                log = output.ToString();
            }

            Assert.True(process.ExitCode == 0, $"The browser test failed ({process.ExitCode}):\n{log}");
            Assert.Contains("kill through the page terminated the actor", log);
            Assert.Contains("without the policy: no button, and the request refused", log);
        }
    }
}
