using Clarifai.Api;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// What every RPC goes through, before and after its handler: injected faults (latency, Unavailable, throttling,
/// the rate cap), the key check, the <c>user_app_id</c> check, and a <c>req_id</c> on every answer.
/// </summary>
internal sealed class EmulatorInterceptor : Interceptor
{
    internal const string AppKey = "clarifai-emulator-app";

    /// <summary>Where the call's app-scoped key is kept in the call's state (absent for the personal access token).</summary>
    private const string AppKeyKey = "clarifai-emulator-app-key";

    private readonly FaultInjector _faults;
    private readonly TenantResolver _tenants;

    public EmulatorInterceptor(FaultInjector faults, TenantResolver tenants)
    {
        _faults = faults;
        _tenants = tenants;
    }

    /// <summary>Streams: the same key and <c>user_app_id</c> rules; a refusal is the stream's one message.</summary>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (Admit(request, context) is { } refusal)
        {
            await responseStream.WriteAsync(Statuses.Response<TResponse>(refusal)).ConfigureAwait(false);
            return;
        }

        await continuation(request, responseStream, context).ConfigureAwait(false);
    }

    /// <summary>Bidirectional streams: the key is checked once; each request names its app (the service resolves it).</summary>
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (Authenticate(context) is { } refusal)
        {
            await responseStream.WriteAsync(Statuses.Response<TResponse>(refusal)).ConfigureAwait(false);
            return;
        }

        await continuation(requestStream, responseStream, context).ConfigureAwait(false);
    }

    /// <summary>The app-scoped key a call was made with, or <see langword="null"/> for the personal access token (in the call's state).</summary>
    public static EmulatorAppKey? AppKeyOf(ServerCallContext context) =>
        context.UserState.TryGetValue(AppKeyKey, out var key) ? (EmulatorAppKey?)key : null;

    /// <summary>Checks the key, and resolves the app the request names into the call's state; or says why not.</summary>
    private Clarifai.Api.Status.Status? Admit(object request, ServerCallContext context)
    {
        if (Authenticate(context) is { } refusal) return refusal;
        if (request is IMessage message && message.Descriptor.FindFieldByName("user_app_id") is { } field)
        {
            if (_tenants.Resolve(AppKeyOf(context), field.Accessor.GetValue(message) as UserAppIDSet, out var app) is { } denied) return denied;
            context.UserState[AppKey] = app!;
        }

        return null;
    }

    private Clarifai.Api.Status.Status? Authenticate(ServerCallContext context)
    {
        var refusal = _tenants.Authenticate(context.RequestHeaders.GetValue("authorization"), out var appKey);
        if (appKey is not null) context.UserState[AppKeyKey] = appKey;
        return refusal;
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var response = await HandleAsync(request, context, continuation).ConfigureAwait(false);
        if (Statuses.Get(response) is { } status && status.ReqId.Length == 0) status.ReqId = "emu-" + Guid.NewGuid().ToString("N");
        return response;
    }

    private async Task<TResponse> HandleAsync<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        var faults = _faults.Options;
        if (faults.Latency > TimeSpan.Zero) await Task.Delay(faults.Latency, context.CancellationToken).ConfigureAwait(false);
        switch (_faults.NextRequest())
        {
            case RequestFault.Unavailable:
                throw new RpcException(new global::Grpc.Core.Status(global::Grpc.Core.StatusCode.Unavailable, "Injected fault: unavailable"));
            case RequestFault.Throttled:
                return Statuses.Response<TResponse>(Statuses.Of(StatusCode.ConnThrottled, "Injected fault: throttled"));
            case RequestFault.RateLimited:
                return Statuses.Response<TResponse>(Statuses.Of(StatusCode.ConnThrottled, $"More than {faults.MaxRequestsPerSecond} requests per second"));
        }

        if (Admit(request, context) is { } refusal) return Statuses.Response<TResponse>(refusal);

        var response = await continuation(request, context).ConfigureAwait(false);
        if (_faults.NextResponseLost())
        {
            throw new RpcException(new global::Grpc.Core.Status(global::Grpc.Core.StatusCode.Unavailable, "Injected fault: the request was handled but its answer was lost"));
        }

        return response;
    }
}
