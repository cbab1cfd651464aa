namespace Clarifai.Grpc.Wrapper;

/// <summary>An operation that has already ended, with a value or a failure: for users' tests (<see cref="Testing.ClarifaiFakes"/>).</summary>
internal sealed class FixedOperation<T>(string id, T? value, Exception? failure) : ClarifaiOperation<T>
{
    public override string Id => id;

    public override bool HasCompleted => true;

    public override T Value => failure is null ? value! : throw failure;

    public override Task UpdateStatusAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public override Task<T> WaitForCompletionAsync(CancellationToken cancellationToken = default) =>
        failure is null ? Task.FromResult(value!) : Task.FromException<T>(failure);

    public override Task<T> WaitForCompletionAsync(PollingSettings polling, CancellationToken cancellationToken = default) =>
        WaitForCompletionAsync(cancellationToken);
}
