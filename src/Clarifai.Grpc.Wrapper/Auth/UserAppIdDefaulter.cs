using System.Collections.Concurrent;
using Clarifai.Api;
using Google.Protobuf;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The default <c>user_app_id</c> rule: a request message that has the field and leaves it unset gets the client's
/// user and app. Found through the generated <c>UserAppId</c> property, once per message type (see
/// <see cref="MessageProperties"/>), so it covers every RPC of the generated client, not only ours. Applied in one
/// place, the credentials layer (<see cref="ClarifaiCallInvoker"/>), to every request message of every call kind.
/// </summary>
internal static class UserAppIdDefaulter
{
    private static readonly ConcurrentDictionary<Type, UserAppIdField?> Fields = new();

    /// <summary>
    /// <paramref name="request"/> itself when it needs no default, else a copy of it with the default set: the
    /// caller's message is never modified, so a request reused by several clients goes to each client's own app.
    /// </summary>
    public static TRequest WithDefault<TRequest>(TRequest request, UserAppIDSet defaults)
        where TRequest : class
    {
        if (FieldNeedingDefault(request) is not { } field) return request;
        var copy = request is IDeepCloneable<TRequest> cloneable ? cloneable.Clone() : throw new NotSupportedException($"{request.GetType()} cannot be copied.");
        field.Set(copy, defaults.Clone());
        return copy;
    }

    /// <summary>
    /// <paramref name="request"/> with the default set in place: only for requests the library built itself, never
    /// handed to user code nor shared, and not written after (one instance of the defaults serves every call).
    /// </summary>
    public static TRequest InPlace<TRequest>(TRequest request, UserAppIDSet defaults)
        where TRequest : class
    {
        FieldNeedingDefault(request)?.Set(request, defaults);
        return request;
    }

    /// <summary>The request's <c>user_app_id</c> field when it has one and leaves it unset; else null.</summary>
    private static UserAppIdField? FieldNeedingDefault(object request)
    {
        if (request is not IMessage) return null;
        var field = Fields.GetOrAdd(request.GetType(), static type =>
            MessageProperties.UserAppIdGetter(type) is { } get && MessageProperties.UserAppIdSetter(type) is { } set
                ? new UserAppIdField(get, set)
                : null);
        if (field is null) return null;
        var current = field.Get(request);
        return current is not null && (current.UserId.Length > 0 || current.AppId.Length > 0) ? null : field;
    }

    private sealed record UserAppIdField(Func<object, UserAppIDSet?> Get, Action<object, UserAppIDSet?> Set);
}
