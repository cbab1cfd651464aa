using Grpc.Core;
using StatusProto = Clarifai.Api.Status.Status;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// The status translation of streaming calls, message by message, with the same table as unary calls: a message whose
/// Clarifai status is not a success (or a batch answer with items) ends the stream with the typed exception; a gRPC
/// failure becomes a <see cref="ClarifaiTransportException"/>; the caller's cancellation an
/// <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class CheckedResponses<T>
    where T : class
{
    private readonly string _method;
    private readonly Func<T, StatusProto?> _statusOf;
    private readonly Func<T, int>? _itemCount;
    private readonly StreamCallTelemetry _telemetry;
    private readonly CancellationToken _cancellationToken;

    public CheckedResponses(string method, StreamCallTelemetry telemetry, CancellationToken cancellationToken)
    {
        _method = method;
        _statusOf = ResponseShape<T>.StatusOf;
        _itemCount = ResponseShape<T>.ItemCount;
        _telemetry = telemetry;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Checks one message; throws the typed exception for a failed status.</summary>
    public T Check(T message)
    {
        if (_statusOf(message) is not { } proto) return message;
        var status = ClarifaiStatus.FromProto(proto);
        if (StatusAcceptance.Accepts(status.Code, _itemCount, message)) return message;
        var failure = ClarifaiExceptionFactory.Create(status, _method);
        _telemetry.Failed(failure);
        throw failure;
    }

    /// <summary>The exception to throw for a gRPC failure of the stream.</summary>
    public Exception Translate(RpcException exception)
    {
        if (exception.StatusCode == StatusCode.Cancelled && _cancellationToken.IsCancellationRequested)
        {
            _telemetry.Cancelled();
            return new OperationCanceledException($"Clarifai {_method} was cancelled.", exception, _cancellationToken);
        }

        var failure = ClarifaiExceptionFactory.Transport(exception, _method, attempts: 1);
        _telemetry.Failed(failure);
        return failure;
    }

    public void Completed(T? last) => _telemetry.Completed(last is null ? ClarifaiStatus.FromProto(null) : ClarifaiStatus.FromProto(_statusOf(last)));

    public async Task<T> CheckAsync(Task<T> response)
    {
        T message;
        try
        {
            message = await response.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Translate(e);
        }

        Check(message);
        Completed(message);
        return message;
    }
}
