using System.Collections;
using Google.Protobuf;
using StatusProto = Clarifai.Api.Status.Status;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// Where a response type of the API keeps its Clarifai status, and how many items with their own statuses it lists,
/// read once per type from its generated properties (see <see cref="MessageProperties"/>).
/// </summary>
internal static class ResponseShape<T>
{
    /// <summary>Reads the <c>status</c> field; answers <see langword="null"/> for types without one.</summary>
    public static readonly Func<T, StatusProto?> StatusOf = BuildStatusOf();

    /// <summary>Counts the elements of the repeated fields whose messages carry their own status; null when there are none.</summary>
    public static readonly Func<T, int>? ItemCount = BuildItemCount();

    /// <summary>The generated property of a <c>status</c> field.</summary>
    private const string StatusProperty = "Status";

    private static bool IsMessage => typeof(IMessage).IsAssignableFrom(typeof(T));

    private static Func<T, StatusProto?> BuildStatusOf()
    {
        if (!IsMessage || MessageProperties.Getter<StatusProto>(typeof(T), StatusProperty) is not { } status) return static _ => null;
        return response => status(response!);
    }

    private static Func<T, int>? BuildItemCount()
    {
        var lists = IsMessage ? MessageProperties.ListsOfMessagesWith<StatusProto>(typeof(T), StatusProperty) : [];
        if (lists.Length == 0) return null;
        return response =>
        {
            var count = 0;
            foreach (var list in lists) count += list(response!).Count;
            return count;
        };
    }
}
