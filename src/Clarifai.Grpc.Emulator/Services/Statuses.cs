using Google.Protobuf;
using Google.Protobuf.Reflection;
using StatusCode = Clarifai.Api.Status.StatusCode;
using StatusProto = Clarifai.Api.Status.Status;

namespace Clarifai.Grpc.Emulator;

/// <summary>Clarifai statuses as the emulator answers them, and access to the <c>status</c> field every response has.</summary>
internal static class Statuses
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MessageDescriptor, FieldDescriptor?> StatusFields = new();

    public static StatusProto Of(StatusCode code, string details = "") =>
        new() { Code = code, Description = StatusDescriptions.Of(code), Details = details };

    /// <summary>A response of any Clarifai RPC carrying only <paramref name="status"/> (every response message has one).</summary>
    public static TResponse Response<TResponse>(StatusProto status)
        where TResponse : class
    {
        var response = (IMessage)Activator.CreateInstance<TResponse>();
        StatusField(response)?.Accessor.SetValue(response, status);
        return (TResponse)response;
    }

    /// <summary>The response's status, if it has one.</summary>
    public static StatusProto? Get(object response) =>
        response is IMessage message ? StatusField(message)?.Accessor.GetValue(message) as StatusProto : null;

    /// <summary>Aggregates per-item outcomes the way Clarifai does: all ok → 10000, none → 10020, else 10010.</summary>
    public static StatusProto ForBatch(int succeeded, int total) =>
        succeeded == total ? Of(StatusCode.Success) : succeeded == 0 ? Of(StatusCode.Failure) : Of(StatusCode.MixedStatus);

    private static FieldDescriptor? StatusField(IMessage message) =>
        StatusFields.GetOrAdd(message.Descriptor, static d => d.FindFieldByName("status") is { FieldType: FieldType.Message } f && f.MessageType == StatusProto.Descriptor ? f : null);
}
