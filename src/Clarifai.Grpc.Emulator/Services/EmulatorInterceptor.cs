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

    private readonly FaultInjector _faults;
    private readonly EmulatorStore _store;
    private readonly string _expectedAuthorization;

    public EmulatorInterceptor(FaultInjector faults, EmulatorStore store, EmulatorOptions options)
    {
        _faults = faults;
        _store = store;
        _expectedAuthorization = "Key " + options.ApiKey;
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

    /// <summary>The answer to a call on an app that names none.</summary>
    public static Clarifai.Api.Status.Status MissingUserAppId() =>
        Statuses.Of(StatusCode.ConnInvalidRequest, "user_app_id (user_id and app_id) is required with a personal access token");

    /// <summary>Checks the key, and resolves the app the request names into the call's state; or says why not.</summary>
    private Clarifai.Api.Status.Status? Admit(object request, ServerCallContext context)
    {
        if (Authenticate(context) is { } refusal) return refusal;
        if (request is IMessage message && message.Descriptor.FindFieldByName("user_app_id") is { } field)
        {
            var ids = field.Accessor.GetValue(message) as UserAppIDSet;
            if (ids is null || ids.UserId.Length == 0 || ids.AppId.Length == 0) return MissingUserAppId();
            context.UserState[AppKey] = _store.App(ids.UserId, ids.AppId);
        }

        return null;
    }

    private Clarifai.Api.Status.Status? Authenticate(ServerCallContext context)
    {
        var authorization = context.RequestHeaders.GetValue("authorization");
        if (string.IsNullOrEmpty(authorization)) return Statuses.Of(StatusCode.ConnKeyNotFound, "No 'authorization: Key …' header was sent");
        return string.Equals(authorization, _expectedAuthorization, StringComparison.Ordinal) ? null : Statuses.Of(StatusCode.ConnKeyInvalid, "The key is not the emulator's key");
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
