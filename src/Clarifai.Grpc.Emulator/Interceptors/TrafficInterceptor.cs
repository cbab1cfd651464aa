using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Clarifai.Grpc.Emulator;

/// <summary>Records every unary request and the status it was answered with (<see cref="EmulatorTraffic"/>), faults included.</summary>
internal sealed class TrafficInterceptor : Interceptor
{
    private readonly EmulatorTraffic _traffic;
    private readonly TimeProvider _time;

    public TrafficInterceptor(EmulatorTraffic traffic, EmulatorOptions options)
    {
        _traffic = traffic;
        _time = options.TimeProvider;
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var method = CallState.MethodOf(context);
        var at = _time.GetUtcNow();
        try
        {
            var response = await continuation(request, context).ConfigureAwait(false);
            _traffic.Record(new EmulatorRequest(method, at, Statuses.Get(response)?.Code));
            return response;
        }
        catch (RpcException)
        {
            _traffic.Record(new EmulatorRequest(method, at, null));
            throw;
        }
    }
}
