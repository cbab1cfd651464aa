using System.Collections.Concurrent;
using Clarifai.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The default <c>user_app_id</c> rule: a request message that has the field and leaves it unset gets the client's
/// user and app. Found through the protobuf descriptor, once per message type, so it covers every RPC of the generated
/// client, not only ours.
/// </summary>
internal static class UserAppIdDefaulter
{
    private static readonly ConcurrentDictionary<MessageDescriptor, FieldDescriptor?> Fields = new();

    /// <summary>Whether <paramref name="request"/> has a <c>user_app_id</c> field that is unset.</summary>
    public static bool NeedsDefault(object request, out FieldDescriptor field)
    {
        field = null!;
        if (request is not IMessage message) return false;
        var found = Fields.GetOrAdd(message.Descriptor, static d =>
        {
            var f = d.FindFieldByName("user_app_id");
            return f is { FieldType: FieldType.Message, IsRepeated: false } && f.MessageType == UserAppIDSet.Descriptor ? f : null;
        });
        if (found is null) return false;
        var current = (UserAppIDSet?)found.Accessor.GetValue(message);
        if (current is not null && (current.UserId.Length > 0 || current.AppId.Length > 0)) return false;
        field = found;
        return true;
    }

    /// <summary>
    /// <paramref name="request"/> itself when it needs no default, else a copy of it with the default set: the
    /// caller's message is never modified, so a request reused by several clients goes to each client's own app.
    /// </summary>
    public static TRequest WithDefault<TRequest>(TRequest request, UserAppIDSet defaults)
        where TRequest : class
    {
        if (!NeedsDefault(request, out var field)) return request;
        var copy = request is IDeepCloneable<TRequest> cloneable ? cloneable.Clone() : throw new NotSupportedException($"{request.GetType()} cannot be copied.");
        field.Accessor.SetValue((IMessage)copy, defaults.Clone());
        return copy;
    }

    /// <summary>Sets the default on a request the caller owns (one the library built itself), without copying.</summary>
    public static void ApplyInPlace(object request, UserAppIDSet defaults)
    {
        if (NeedsDefault(request, out var field)) field.Accessor.SetValue((IMessage)request, defaults.Clone());
    }
}
