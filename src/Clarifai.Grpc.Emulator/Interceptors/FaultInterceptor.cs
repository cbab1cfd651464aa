using Grpc.Core;
using Grpc.Core.Interceptors;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>The injected faults of unary calls (<see cref="FaultOptions"/>): latency, refusals before the work, answers lost after it.</summary>
internal sealed class FaultInterceptor : Interceptor
{
    private readonly FaultInjector _faults;

    private readonly TimeProvider _time;

    public FaultInterceptor(FaultInjector faults, EmulatorOptions options)
    {
        _faults = faults;
        _time = options.TimeProvider;
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var faults = _faults.Options;
        if (faults.Latency > TimeSpan.Zero) await Task.Delay(faults.Latency, _time, context.CancellationToken).ConfigureAwait(false);
        switch (_faults.NextRequest())
        {
            case RequestFault.Unavailable:
                throw new RpcException(new global::Grpc.Core.Status(global::Grpc.Core.StatusCode.Unavailable, "Injected fault: unavailable"));
            case RequestFault.Throttled:
                return Statuses.Response<TResponse>(Statuses.Of(StatusCode.ConnThrottled, "Injected fault: throttled"));
            case RequestFault.RateLimited:
                return Statuses.Response<TResponse>(Statuses.Of(StatusCode.ConnThrottled, $"More than {faults.MaxRequestsPerSecond} requests per second"));
        }

        var response = await continuation(request, context).ConfigureAwait(false);
        if (_faults.NextResponseLost())
        {
            throw new RpcException(new global::Grpc.Core.Status(global::Grpc.Core.StatusCode.Unavailable, "Injected fault: the request was handled but its answer was lost"));
        }

        return response;
    }
}
