using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// A Clarifai-compatible server on loopback HTTP/2 (no TLS), in this process: start one per test or sample, point a
/// client at <see cref="Endpoint"/> with <see cref="ApiKey"/>, dispose it when done. Instances are independent (own
/// port, own in-memory state), so many can run side by side.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await ClarifaiEmulator.StartAsync();
/// // ClarifaiClientOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey, AllowInsecureCredentials = true, UserId = "me", AppId = "app" }
/// </code>
/// </example>
public sealed class ClarifaiEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FaultInjector _faults;
    private readonly EmulatorStore _store;
    private int _stopped;

    private ClarifaiEmulator(WebApplication app, EmulatorOptions options, Uri endpoint, Uri restEndpoint)
    {
        RestEndpoint = restEndpoint;
        _app = app;
        Options = options;
        Endpoint = endpoint;
        _faults = app.Services.GetRequiredService<FaultInjector>();
        _store = app.Services.GetRequiredService<EmulatorStore>();
        Traffic = app.Services.GetRequiredService<EmulatorTraffic>();
    }

    /// <summary>The gRPC address clients connect to (HTTP/2), for example <c>http://127.0.0.1:50123</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// The REST API's base address over HTTP/1.1: <c>POST {RestEndpoint}v2/inputs</c> and the other routes of the protos.
    /// The same routes answer over HTTP/2 (prior knowledge) on <see cref="Endpoint"/>.
    /// </summary>
    public Uri RestEndpoint { get; }

    /// <summary>The personal access token the emulator accepts (calls name their app in <c>user_app_id</c>).</summary>
    public string ApiKey => Options.ApiKey;

    /// <summary>The first app-scoped key, with its app (calls without <c>user_app_id</c> act on that app).</summary>
    /// <exception cref="InvalidOperationException">The emulator was started without app keys.</exception>
    public EmulatorAppKey AppKey => Options.AppKeys.Count > 0 ? Options.AppKeys[0] : throw new InvalidOperationException("This emulator was started without app keys (EmulatorOptions.AppKeys is empty).");

    /// <summary>The options the emulator started with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The unary requests answered so far, with when they came and how they were answered.</summary>
    public EmulatorTraffic Traffic { get; }

    /// <summary>The faults in force; set to change them while running (the random sequence restarts from the new seed).</summary>
    public FaultOptions Faults
    {
        get => _faults.Options;
        set => _faults.Options = value;
    }

    /// <summary>Starts an emulator on a loopback port.</summary>
    /// <param name="options">Its settings; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<ClarifaiEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        options.Validate();
        var app = Build(options, LogLevel.Warning);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal))).ToList();
        return new ClarifaiEmulator(app, options, addresses[0], addresses[1]);
    }

    /// <summary>How many inputs an app holds (all states): what a client's uploads can be checked against.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="appId">The app id.</param>
    /// <returns>The number of inputs.</returns>
    public int CountInputs(string userId, string appId)
    {
        if (!_store.TryGetApp(userId, appId, out var app)) return 0;
        lock (app!.Gate) return app.Inputs.Count;
    }

    /// <summary>The ids of an app's inputs, in creation order.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="appId">The app id.</param>
    /// <returns>The ids.</returns>
    public IReadOnlyList<string> InputIds(string userId, string appId)
    {
        if (!_store.TryGetApp(userId, appId, out var app)) return [];
        lock (app!.Gate) return app.InputOrder.ToList();
    }

    /// <summary>Stops the server: open calls are aborted.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        using var immediately = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(immediately.Token).ConfigureAwait(false);
    }

    /// <summary>Stops the server and releases it.</summary>
    /// <returns>A task that completes when it is released.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The web application of an emulator: Kestrel on loopback, HTTP/2 only (gRPC without TLS), the V2 service.</summary>
    internal static WebApplication Build(EmulatorOptions options, LogLevel minimumLogLevel)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(minimumLogLevel);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // First gRPC and REST over HTTP/2 (cleartext HTTP/2 needs prior knowledge, so this port speaks nothing else),
            // then REST over HTTP/1.1 (without TLS Kestrel cannot offer both on one port).
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, options.RestPort, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new FaultInjector(options.Faults, options.TimeProvider));
        builder.Services.AddSingleton<EmulatorStore>();
        builder.Services.AddSingleton<TenantResolver>();
        builder.Services.AddSingleton<ImageFetcher>();
        builder.Services.AddSingleton<InputProcessor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InputProcessor>());
        builder.Services.AddSingleton<ModelTrainer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ModelTrainer>());
        builder.Services.AddSingleton<EvaluationRunner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EvaluationRunner>());
        builder.Services.AddSingleton<EmulatorTraffic>();
        builder.Services.AddSingleton<UnservedRpcInterceptor>();
        builder.Services.AddSingleton<RequestIdInterceptor>();
        builder.Services.AddSingleton<TrafficInterceptor>();
        builder.Services.AddSingleton<FaultInterceptor>();
        builder.Services.AddSingleton<AuthenticationInterceptor>();
        builder.Services.AddSingleton<TenantInterceptor>();
        builder.Services.AddSingleton<RestRouteTable>();
        builder.Services.AddSingleton<RestGateway>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = 64 * 1024 * 1024;
            grpc.MaxSendMessageSize = 64 * 1024 * 1024;
        }).AddServiceOptions<EmulatedV2Service>(api =>
        {
            // The API's concerns, one interceptor each, outermost first: request ids on every answer, faults, the key,
            // the app. On the API's service only: the health probe needs no key and carries no request id.
            api.Interceptors.Add<UnservedRpcInterceptor>();
            api.Interceptors.Add<RequestIdInterceptor>();
            api.Interceptors.Add<TrafficInterceptor>();
            api.Interceptors.Add<FaultInterceptor>();
            api.Interceptors.Add<AuthenticationInterceptor>();
            api.Interceptors.Add<TenantInterceptor>();
        });

        // Our binder instead of Grpc.AspNetCore's, so that a body that is not protobuf is answered Internal (see the type).
        builder.Services.RemoveAll(typeof(IServiceMethodProvider<>));
        builder.Services.AddSingleton<IServiceMethodProvider<EmulatedV2Service>, StrictParsingMethodProvider>();
        builder.Services.AddSingleton<IServiceMethodProvider<LocalServerHealth>, HealthMethodProvider>();

        var app = builder.Build();
        app.MapGrpcService<EmulatedV2Service>();
        app.MapGrpcService<LocalServerHealth>();
        var gateway = app.Services.GetRequiredService<RestGateway>();
        app.Map("/v2/{**rest}", gateway.HandleAsync);
        return app;
    }
}
