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

        var authorization = context.RequestHeaders.GetValue("authorization");
        if (string.IsNullOrEmpty(authorization))
        {
            return Statuses.Response<TResponse>(Statuses.Of(StatusCode.ConnKeyNotFound, "No 'authorization: Key …' header was sent"));
        }

        if (!string.Equals(authorization, _expectedAuthorization, StringComparison.Ordinal))
        {
            return Statuses.Response<TResponse>(Statuses.Of(StatusCode.ConnKeyInvalid, "The key is not the emulator's key"));
        }

        if (request is IMessage message && message.Descriptor.FindFieldByName("user_app_id") is { } field)
        {
            var ids = field.Accessor.GetValue(message) as UserAppIDSet;
            if (ids is null || ids.UserId.Length == 0 || ids.AppId.Length == 0)
            {
                return Statuses.Response<TResponse>(Statuses.Of(StatusCode.ConnInvalidRequest, "user_app_id (user_id and app_id) is required with a personal access token"));
            }

            context.UserState[AppKey] = _store.App(ids.UserId, ids.AppId);
        }

        var response = await continuation(request, context).ConfigureAwait(false);
        if (_faults.NextResponseLost())
        {
            throw new RpcException(new global::Grpc.Core.Status(global::Grpc.Core.StatusCode.Unavailable, "Injected fault: the request was handled but its answer was lost"));
        }

        return response;
    }
}
