using Clarifai.Api;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Registers the V2 service's methods as Grpc.AspNetCore's own binder does, but with request deserializers that answer
/// a body that is not the expected protobuf message with gRPC <c>Internal</c>, as the gRPC status code spec says
/// ("error parsing request proto"). Grpc.AspNetCore lets the parser's exception escape, which it then answers as
/// <c>Unknown</c> ("Exception was thrown by handler.").
/// </summary>
internal sealed class StrictParsingMethodProvider : IServiceMethodProvider<EmulatedV2Service>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<EmulatedV2Service> context) =>
        V2.BindService(new Binder(context), serviceImpl: null!);

    private static Method<TRequest, TResponse> Strict<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        var inner = method.RequestMarshaller;
        var requests = new Marshaller<TRequest>(inner.ContextualSerializer, context =>
        {
            try
            {
                return inner.ContextualDeserializer(context);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new RpcException(new Status(StatusCode.Internal, $"The request is not a valid {typeof(TRequest).Name}: {e.Message}"));
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, requests, method.ResponseMarshaller);
    }

    /// <summary>The service's own method, by name and parameters, as an open-instance delegate (virtual dispatch included).</summary>
    private static TDelegate Invoker<TDelegate>(string name, params Type[] parameters)
        where TDelegate : Delegate =>
        (typeof(EmulatedV2Service).GetMethod(name, parameters) ?? throw new InvalidOperationException($"V2.{name} has no implementation to bind."))
            .CreateDelegate<TDelegate>();

    private sealed class Binder(ServiceMethodProviderContext<EmulatedV2Service> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(Strict(method), [], Invoker<UnaryServerMethod<EmulatedV2Service, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext)));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(Strict(method), [], Invoker<ServerStreamingServerMethod<EmulatedV2Service, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddClientStreamingMethod(Strict(method), [], Invoker<ClientStreamingServerMethod<EmulatedV2Service, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(Strict(method), [], Invoker<DuplexStreamingServerMethod<EmulatedV2Service, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)));
    }
}
