using StatusProto = Clarifai.Api.Status.Status;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// Where a response type of the API keeps its Clarifai status, and how many items with their own statuses it lists,
/// read once per type from its generated accessors (see <see cref="MessageProperties"/>).
/// </summary>
internal static class ResponseShape<T>
{
    /// <summary>Reads the <c>status</c> field; answers <see langword="null"/> for types without one.</summary>
    public static readonly Func<T, StatusProto?> StatusOf = BuildStatusOf();

    /// <summary>Counts the elements of the repeated fields whose messages carry their own status; null when there are none.</summary>
    public static readonly Func<T, int>? ItemCount = BuildItemCount();

    private static Func<T, StatusProto?> BuildStatusOf()
    {
        if (MessageProperties.StatusGetter(typeof(T)) is not { } status) return static _ => null;
        return response => status(response!);
    }

    private static Func<T, int>? BuildItemCount() =>
        MessageProperties.StatusItemCount(typeof(T)) is { } count ? response => count(response!) : null;
}
