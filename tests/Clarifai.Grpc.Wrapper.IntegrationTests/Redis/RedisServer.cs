using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Clarifai.Grpc.Wrapper.IntegrationTests.Redis;

/// <summary>
/// A real <c>redis-server</c> (Debian's package; .ci/run installs it when missing) on a free loopback port, without
/// persistence, for the tests of the fleet features. Stopped (killed) on dispose.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private Process _process;

    private RedisServer(Process process, int port, ConnectionMultiplexer connection)
    {
        _process = process;
        Port = port;
        Connection = connection;
    }

    /// <summary>The port it listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for it.</summary>
    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>The test's own connection.</summary>
    public ConnectionMultiplexer Connection { get; }

    public static async Task<RedisServer> StartAsync()
    {
        var port = LoopbackPorts.Free();
        var process = Launch(port);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var connection = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { { IPAddress.Loopback, port } }, ConnectTimeout = 1000, AbortOnConnectFail = true });
                return new RedisServer(process, port, connection);
            }
            catch (RedisConnectionException) when (deadline.Elapsed < TimeSpan.FromSeconds(15) && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Kills the server (SIGKILL: nothing flushed, every connection dropped).</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Starts a new, empty server on the same port (there is no persistence), and waits until it answers.</summary>
    public async Task RestartAsync()
    {
        _process.Dispose();
        _process = Launch(Port);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { { IPAddress.Loopback, Port } }, ConnectTimeout = 1000, AbortOnConnectFail = true });
                return;
            }
            catch (RedisConnectionException) when (deadline.Elapsed < TimeSpan.FromSeconds(15) && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static Process Launch(int port)
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException("redis-server is not on PATH. The fleet tests need a real Redis: install Debian's package (apt-get install redis-server); .ci/run does this on a fresh machine.");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);
}
