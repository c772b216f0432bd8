using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TypedActors.Orleans.Tests;

/// <summary>
/// A silo in a process of its own (tests/TypedActors.Orleans.ClusterHost, built with this project), on ports the
/// operating system reported free, to be killed with SIGKILL as a crash would. Disposing kills it if it still runs.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(int siloPort, IReadOnlyList<string> arguments)
    {
        SiloPort = siloPort;
        var start = new ProcessStartInfo(CommandRunner.DotNet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TypedActors.Orleans.ClusterHost.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        ChildEnvironment.Apply(start.Environment, null);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
    }

    public int SiloPort { get; }

    /// <summary>Everything the silo printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a silo and returns once it has joined the cluster and spawned its tallies.</summary>
    public static async Task<SiloProcess> StartAsync(int siloPort, int gatewayPort, IReadOnlyList<string> clustering, params string[] tallies)
    {
        List<string> arguments = ["--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", .. clustering];
        if (tallies.Length > 0)
        {
            arguments.AddRange(["--spawn", string.Join(',', tallies)]);
        }

        var silo = new SiloProcess(siloPort, arguments);
        silo._process.Start();
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        Task exited = silo._process.WaitForExitAsync();
        Task first = await Task.WhenAny(silo._ready.Task, exited, Task.Delay(StartDeadline));
        if (first != silo._ready.Task)
        {
            string why = first == exited ? $"exited with code {silo._process.ExitCode}" : $"was not ready within {StartDeadline.TotalSeconds:F0} s";
            await silo.DisposeAsync();
            throw new InvalidOperationException($"The silo on port {siloPort} {why}. Output:{Environment.NewLine}{silo.Output}");
        }

        return silo;
    }

    /// <summary>Kills the silo with SIGKILL, as a crash would: it cannot say goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    /// <summary>Ports the operating system reports free now (bound and released at once, so no two of them are the same).</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (TcpListener listener in listeners)
            {
                listener.Start();
            }

            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (TcpListener listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("ready:", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
