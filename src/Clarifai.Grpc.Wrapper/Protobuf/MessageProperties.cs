using System.Collections.Concurrent;
using Clarifai.Api;
using Clarifai.Api.Accessors;
using StatusProto = Clarifai.Api.Status.Status;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The fields of the API's message types that the library reads without knowing the type — a response's status, a
/// request's <c>user_app_id</c> and <c>model_id</c>, the items of a batch, every member that can hold text — through
/// the typed accessors build/MessageAccessors writes into Clarifai.Api at build time: plain delegates, so nothing
/// here needs reflection (trimming- and Native AOT-safe), and never through <see cref="Google.Protobuf.IMessage.Descriptor"/>:
/// the first use of any descriptor of the API builds them all, which costs a first call about half a second of CPU for
/// nothing the client needs. A type outside the table (not a message of the API) has none of these fields.
/// </summary>
internal static class MessageProperties
{
    private static readonly ConcurrentDictionary<Type, TextMember[]> TextMembers = new();

    /// <summary>Reads the <c>status</c> field of messages of <paramref name="messageType"/>, or null when it has none.</summary>
    public static Func<object, StatusProto?>? StatusGetter(Type messageType) => MessageAccessors.For(messageType)?.Status;

    /// <summary>Writes the <c>status</c> field of messages of <paramref name="messageType"/>, or null when it has none.</summary>
    public static Action<object, StatusProto?>? StatusSetter(Type messageType) => MessageAccessors.For(messageType)?.SetStatus;

    /// <summary>Reads the <c>user_app_id</c> field, or null when the type has none.</summary>
    public static Func<object, UserAppIDSet?>? UserAppIdGetter(Type messageType) => MessageAccessors.For(messageType)?.UserAppId;

    /// <summary>Writes the <c>user_app_id</c> field, or null when the type has none.</summary>
    public static Action<object, UserAppIDSet?>? UserAppIdSetter(Type messageType) => MessageAccessors.For(messageType)?.SetUserAppId;

    /// <summary>Reads the <c>model_id</c> field, or null when the type has none.</summary>
    public static Func<object, string>? ModelIdGetter(Type messageType) => MessageAccessors.For(messageType)?.ModelId;

    /// <summary>Counts the elements of the repeated fields whose messages carry their own status; null when there are none.</summary>
    public static Func<object, int>? StatusItemCount(Type messageType) => MessageAccessors.For(messageType)?.StatusItemCount;

    /// <summary>
    /// The members of <paramref name="messageType"/> that can hold a string somewhere below them: strings, messages,
    /// repeated strings or messages, maps. Cached per type.
    /// </summary>
    public static TextMember[] TextMembersOf(Type messageType) =>
        TextMembers.GetOrAdd(messageType, static type => MessageAccessors.For(type)?.TextMembers() ?? []);
}
