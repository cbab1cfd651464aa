using Google.Protobuf;
using Google.Protobuf.Reflection;
using StatusCode = Clarifai.Api.Status.StatusCode;
using StatusProto = Clarifai.Api.Status.Status;

namespace Clarifai.Grpc.Emulator;

/// <summary>Clarifai statuses as the emulator answers them, and access to the <c>status</c> field every response has.</summary>
internal static class Statuses
{
    /// <summary>
    /// The descriptions the emulator answers: the seed's texts for the seed's statuses (10000, 21100, 21102, 21103,
    /// 30000, exactly), otherwise the protos' own comments for the code (status_code.proto), short as the API's are.
    /// </summary>
    private static readonly Dictionary<StatusCode, string> Descriptions = new()
    {
        [StatusCode.Success] = "Ok",
        [StatusCode.MixedStatus] = "Mixed Success",
        [StatusCode.Failure] = "Failure",
        [StatusCode.ConnCredentialsInvalid] = "Invalid auth credentials",
        [StatusCode.ConnInsufficientScopes] = "API key has insufficient permissions",
        [StatusCode.ConnKeyInvalid] = "API key is invalid",
        [StatusCode.ConnKeyNotFound] = "API key not found",
        [StatusCode.ConnThrottled] = "Making too many requests",
        [StatusCode.ConnInvalidRequest] = "Invalid request",
        [StatusCode.ModelTrained] = "Model trained successfully",
        [StatusCode.ModelTraining] = "Custom model is currently training.",
        [StatusCode.ModelUntrained] = "Model not yet trained",
        [StatusCode.ModelQueuedForTraining] = "Custom model is currently in queue for training, waiting on inputs to process.",
        [StatusCode.ModelTrainingNoData] = "Custom model training had no data.",
        [StatusCode.ModelTrainingNoPositives] = "Custom model training had no positive examples.",
        [StatusCode.ModelDoesNotExist] = "Model does not exist",
        [StatusCode.ModelInvalidArgument] = "Invalid argument",
        [StatusCode.InputSuccess] = "Download complete",
        [StatusCode.InputPending] = "Download pending",
        [StatusCode.InputFailed] = "Download failed",
        [StatusCode.InputInProgress] = "Download in progress",
        [StatusCode.InputDuplicate] = "Input is a duplicate",
        [StatusCode.InputDoesNotExist] = "Input does not exist",
        [StatusCode.InputInvalidArgument] = "Invalid input argument",
        [StatusCode.InputOverLimit] = "Input is over the size limit",
        [StatusCode.DatabaseDuplicateKey] = "Object already exists",
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MessageDescriptor, FieldDescriptor?> StatusFields = new();

    public static StatusProto Of(StatusCode code, string details = "") =>
        new() { Code = code, Description = Descriptions.GetValueOrDefault(code, code.ToString()), Details = details };

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
