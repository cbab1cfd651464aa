namespace Clarifai.Grpc.Wrapper;

/// <summary>What a <see cref="TextMember"/> holds.</summary>
internal enum TextMemberKind
{
    /// <summary>A string.</summary>
    Text,

    /// <summary>A message.</summary>
    Message,

    /// <summary>A repeated field of strings or messages.</summary>
    List,

    /// <summary>A map.</summary>
    Map,
}
