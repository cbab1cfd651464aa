using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Grpc.Health.V1;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Binds <see cref="LocalServerHealth"/>'s two methods: the local server replaces Grpc.AspNetCore's generic binder
/// (see <see cref="StrictParsingMethodProvider"/>), so each service it maps has a provider of its own.
/// </summary>
internal sealed class HealthMethodProvider : IServiceMethodProvider<LocalServerHealth>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<LocalServerHealth> context) =>
        Health.BindService(new Binder(context), serviceImpl: null!);

    private sealed class Binder(ServiceMethodProviderContext<LocalServerHealth> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(method, [], static (service, request, call) => (Task<TResponse>)(object)service.Check((HealthCheckRequest)(object)request, call));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(method, [], static (service, request, stream, call) => service.Watch((HealthCheckRequest)(object)request, (IServerStreamWriter<HealthCheckResponse>)stream, call));
    }
}
