using Clarifai.Api;
using Grpc.Core;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The request stream of a client-streaming or bidirectional call, where each message written gets the client's
/// default <c>user_app_id</c> by the one rule (<see cref="UserAppIdDefaulter.WithDefault"/>): a message without one is
/// copied and the copy written, so the caller's message is never modified — as for unary and server-streaming requests.
/// Messages the library built itself (<paramref name="owned"/>) get it in place.
/// </summary>
internal sealed class DefaultingStreamWriter<T>(IClientStreamWriter<T> inner, UserAppIDSet defaults, bool owned) : IClientStreamWriter<T>
    where T : class
{
    public WriteOptions? WriteOptions
    {
        get => inner.WriteOptions;
        set => inner.WriteOptions = value;
    }

    public Task WriteAsync(T message) => inner.WriteAsync(Defaulted(message));

    public Task WriteAsync(T message, CancellationToken cancellationToken) => inner.WriteAsync(Defaulted(message), cancellationToken);

    private T Defaulted(T message) => owned ? UserAppIdDefaulter.InPlace(message, defaults) : UserAppIdDefaulter.WithDefault(message, defaults);

    public Task CompleteAsync() => inner.CompleteAsync();
}
