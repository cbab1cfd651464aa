namespace Clarifai.Grpc.Wrapper;

/// <summary>A member of a message that can hold a string below it (see <see cref="MessageProperties.TextMembersOf"/>).</summary>
/// <param name="Name">The generated property's name.</param>
/// <param name="Kind">What the member holds.</param>
/// <param name="Get">Reads it from a message of its type.</param>
/// <param name="SetText">Writes it, for <see cref="TextMemberKind.Text"/> members.</param>
internal sealed record TextMember(string Name, TextMemberKind Kind, Func<object, object?> Get, Action<object, string>? SetText);
