using System.Collections.Concurrent;
using Clarifai.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Fills the <c>user_app_id</c> field of any request message that has one and leaves it unset. Found through the
/// protobuf descriptor, once per message type, so it covers every RPC of the generated client, not only ours.
/// </summary>
internal static class UserAppIdDefaulter
{
    private static readonly ConcurrentDictionary<MessageDescriptor, FieldDescriptor?> Fields = new();

    /// <summary>Sets <c>user_app_id</c> on <paramref name="request"/> to a copy of <paramref name="defaults"/> when it is unset.</summary>
    /// <returns><see langword="true"/> if the field was filled.</returns>
    public static bool Apply(object request, UserAppIDSet defaults)
    {
        if (request is not IMessage message) return false;
        var field = Fields.GetOrAdd(message.Descriptor, static d =>
        {
            var f = d.FindFieldByName("user_app_id");
            return f is { FieldType: FieldType.Message, IsRepeated: false } && f.MessageType == UserAppIDSet.Descriptor ? f : null;
        });
        if (field is null) return false;
        var current = (UserAppIDSet?)field.Accessor.GetValue(message);
        if (current is not null && (current.UserId.Length > 0 || current.AppId.Length > 0)) return false;
        field.Accessor.SetValue(message, defaults.Clone());
        return true;
    }
}
