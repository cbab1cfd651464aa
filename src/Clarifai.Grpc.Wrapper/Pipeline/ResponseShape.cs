using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using StatusProto = Clarifai.Api.Status.Status;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Where a response type of the API keeps its Clarifai status, and how many items with their own statuses it lists,
/// read once per type from its protobuf descriptor.
/// </summary>
internal static class ResponseShape<T>
{
    /// <summary>Reads the <c>status</c> field; answers <see langword="null"/> for types without one.</summary>
    public static readonly Func<T, StatusProto?> StatusOf = BuildStatusOf();

    /// <summary>Counts the elements of the repeated fields whose messages carry their own status; null when there are none.</summary>
    public static readonly Func<T, int>? ItemCount = BuildItemCount();

    private static Func<T, StatusProto?> BuildStatusOf()
    {
        var field = Descriptor()?.FindFieldByName("status");
        if (field is not { FieldType: FieldType.Message, IsRepeated: false } || field.MessageType != StatusProto.Descriptor) return static _ => null;
        var accessor = field.Accessor;
        return response => (StatusProto?)accessor.GetValue((IMessage)response!);
    }

    private static Func<T, int>? BuildItemCount()
    {
        var lists = Descriptor()?.Fields.InDeclarationOrder()
            .Where(f => f is { IsRepeated: true, IsMap: false, FieldType: FieldType.Message } && f.MessageType.FindFieldByName("status")?.MessageType == StatusProto.Descriptor)
            .Select(f => f.Accessor)
            .ToArray();
        if (lists is not { Length: > 0 }) return null;
        return response => lists.Sum(a => ((IList)a.GetValue((IMessage)response!)).Count);
    }

    private static MessageDescriptor? Descriptor() =>
        typeof(IMessage).IsAssignableFrom(typeof(T)) && typeof(T).GetConstructor(Type.EmptyTypes) is { } ctor ? ((IMessage)ctor.Invoke(null)).Descriptor : null;
}
