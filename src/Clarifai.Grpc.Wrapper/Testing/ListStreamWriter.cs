using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Testing;

/// <summary>A request stream that records what is written into a list (<see cref="GrpcCalls"/>).</summary>
internal sealed class ListStreamWriter<T>(IList<T> sent) : IClientStreamWriter<T>
{
    private bool _completed;

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message)
    {
        if (_completed) throw new InvalidOperationException("The request stream was already completed.");
        lock (sent) sent.Add(message);
        return Task.CompletedTask;
    }

    public Task CompleteAsync()
    {
        _completed = true;
        return Task.CompletedTask;
    }
}
