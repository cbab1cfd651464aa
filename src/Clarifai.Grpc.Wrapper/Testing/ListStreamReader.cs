using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Testing;

/// <summary>A response stream over given messages, ending with OK or failing with a given status (<see cref="GrpcCalls"/>).</summary>
internal sealed class ListStreamReader<T>(IReadOnlyList<T> messages, global::Grpc.Core.Status? failure) : IAsyncStreamReader<T>
{
    private int _next;

    public T Current { get; private set; } = default!;

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_next < messages.Count)
        {
            Current = messages[_next++];
            return Task.FromResult(true);
        }

        return failure is { } status ? Task.FromException<bool>(new RpcException(status)) : Task.FromResult(false);
    }
}
