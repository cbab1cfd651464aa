using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Google.Protobuf;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The fields of generated message types, found through their C# properties (each proto field is a public instance
/// property named after it) — never through <see cref="IMessage.Descriptor"/>: the first use of any descriptor of the
/// API builds the descriptors of all its messages and services, which cost about half a second of CPU, thousands of
/// JIT-compiled methods and tens of MiB on the first call, for nothing the client needs. Accessors are typed delegates
/// made once per type; they read and write exactly what the generated properties do.
/// </summary>
internal static class MessageProperties
{
    private static readonly MethodInfo MakeGetterMethod = typeof(MessageProperties).GetMethod(nameof(MakeGetter), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo MakeSetterMethod = typeof(MessageProperties).GetMethod(nameof(MakeSetter), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly ConcurrentDictionary<Type, TextMember[]> TextMembers = new();

    /// <summary>A getter of <paramref name="messageType"/>'s property <paramref name="name"/> of type <typeparamref name="TValue"/>, or null when it has none.</summary>
    public static Func<object, TValue?>? Getter<TValue>(Type messageType, string name)
        where TValue : class =>
        Property(messageType, name, typeof(TValue)) is { GetMethod: not null } property ? Getter<TValue>(messageType, property) : null;

    /// <summary>A setter of <paramref name="messageType"/>'s property <paramref name="name"/> of type <typeparamref name="TValue"/>, or null when it has none.</summary>
    public static Action<object, TValue>? Setter<TValue>(Type messageType, string name)
        where TValue : class =>
        Property(messageType, name, typeof(TValue)) is { SetMethod: { IsPublic: true } setter }
            ? (Action<object, TValue>)MakeSetterMethod.MakeGenericMethod(messageType, typeof(TValue)).Invoke(null, [setter])!
            : null;

    /// <summary>The repeated fields of <paramref name="messageType"/> whose elements are messages with a property <paramref name="elementProperty"/> of type <typeparamref name="TElementValue"/>.</summary>
    public static Func<object, IList>[] ListsOfMessagesWith<TElementValue>(Type messageType, string elementProperty) =>
        Instance(messageType)
            .Where(p => ElementType(p.PropertyType) is { } element && typeof(IMessage).IsAssignableFrom(element) && Property(element, elementProperty, typeof(TElementValue)) is not null)
            .Select(p => Getter<IList>(messageType, p))
            .ToArray();

    /// <summary>
    /// The members of <paramref name="messageType"/> that can hold a string somewhere below them: strings, messages,
    /// repeated strings or messages, maps. Cached per type.
    /// </summary>
    public static TextMember[] TextMembersOf(Type messageType) => TextMembers.GetOrAdd(messageType, static type =>
        Instance(type).Select(p => p.PropertyType switch
        {
            var t when t == typeof(string) => new TextMember(p.Name, TextMemberKind.Text, Getter<object>(type, p), Setter<string>(type, p.Name)),
            var t when typeof(IMessage).IsAssignableFrom(t) => new TextMember(p.Name, TextMemberKind.Message, Getter<object>(type, p), null),
            var t when typeof(IDictionary).IsAssignableFrom(t) => new TextMember(p.Name, TextMemberKind.Map, Getter<object>(type, p), null),
            var t when ElementType(t) is { } e && (e == typeof(string) || typeof(IMessage).IsAssignableFrom(e)) => new TextMember(p.Name, TextMemberKind.List, Getter<object>(type, p), null),
            _ => (TextMember?)null,
        }).OfType<TextMember>().ToArray());

    private static IEnumerable<PropertyInfo> Instance(Type messageType) =>
        messageType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0);

    private static PropertyInfo? Property(Type messageType, string name, Type valueType) =>
        messageType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { } p && valueType.IsAssignableFrom(p.PropertyType) && p.GetIndexParameters().Length == 0 ? p : null;

    /// <summary>The element type of a <c>RepeatedField&lt;T&gt;</c>, else null.</summary>
    private static Type? ElementType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Google.Protobuf.Collections.RepeatedField<>) ? type.GetGenericArguments()[0] : null;

    private static Func<object, TValue> Getter<TValue>(Type messageType, PropertyInfo property)
        where TValue : class =>
        (Func<object, TValue>)MakeGetterMethod.MakeGenericMethod(messageType, typeof(TValue)).Invoke(null, [property.GetMethod!])!;

    private static Func<object, TValue?> MakeGetter<TMessage, TValue>(MethodInfo getter)
        where TMessage : class
        where TValue : class
    {
        // Return types are covariant for reference types, so a Func<TMessage, TValue> binds any reference-typed property.
        var typed = getter.CreateDelegate<Func<TMessage, TValue?>>();
        return message => typed((TMessage)message);
    }

    private static Action<object, TValue> MakeSetter<TMessage, TValue>(MethodInfo setter)
        where TMessage : class
        where TValue : class
    {
        var typed = setter.CreateDelegate<Action<TMessage, TValue>>();
        return (message, value) => typed((TMessage)message, value);
    }
}
