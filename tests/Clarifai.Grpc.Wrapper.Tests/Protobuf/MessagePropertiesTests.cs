using Clarifai.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Protobuf;

/// <summary>
/// The client finds fields through the generated C# properties instead of the descriptors (which cost the first call
/// the whole API's descriptor); here, and only here, the descriptors serve as the reference it must agree with, for
/// every message of the API.
/// </summary>
[TestFixture]
public sealed class MessagePropertiesTests
{
    private static readonly MessageDescriptor[] AllMessages = Flatten(
        ServiceReflection.Descriptor.MessageTypes.Concat(ResourcesReflection.Descriptor.MessageTypes)).ToArray();

    private static readonly HashSet<string> NonTextWrappers =
    [
        "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value", "google.protobuf.UInt64Value",
        "google.protobuf.Int32Value", "google.protobuf.UInt32Value", "google.protobuf.BoolValue", "google.protobuf.BytesValue",
    ];

    [Test]
    public void EveryRequestWithAUserAppIdField_GetsTheDefault_AndNoOtherDoes()
    {
        var defaults = new UserAppIDSet { UserId = "u", AppId = "a" };
        var mismatches = new List<string>();
        foreach (var request in V2.Descriptor.Methods.Select(m => m.InputType).DistinctBy(t => t.ClrType))
        {
            var message = (IMessage)typeof(UserAppIdDefaulter).GetMethod(nameof(UserAppIdDefaulter.WithDefault))!.MakeGenericMethod(request.ClrType).Invoke(null, [Activator.CreateInstance(request.ClrType), defaults])!;
            var field = request.FindFieldByName("user_app_id");
            var got = field?.Accessor.GetValue(message);
            var expected = field is not null;
            if (expected != defaults.Equals(got)) mismatches.Add($"{request.Name}: has user_app_id {expected}, defaulted {defaults.Equals(got)}");
        }

        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void TheTextMembersOfEveryMessage_AreItsStringMessageListAndMapFields()
    {
        var mismatches = new List<string>();
        foreach (var message in AllMessages)
        {
            // Wrappers of numbers and booleans are nullable numbers and booleans in C#: they cannot hold a string.
            var expected = message.Fields.InDeclarationOrder()
                .Where(f => f.IsMap || f.FieldType is FieldType.String || (f.FieldType is FieldType.Message && !NonTextWrappers.Contains(f.MessageType.FullName)))
                .Select(f => f.PropertyName)
                .Order(StringComparer.Ordinal);
            var found = MessageProperties.TextMembersOf(message.ClrType).Select(m => m.Name).Order(StringComparer.Ordinal);
            if (!found.SequenceEqual(expected)) mismatches.Add($"{message.FullName}: [{string.Join(", ", found)}], descriptor says [{string.Join(", ", expected)}]");
        }

        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void AStatusIsFoundOnEveryResponseThatHasOne_AndItemsAreCountedWhereTheyCarryStatuses()
    {
        var status = new Clarifai.Api.Status.Status { Code = StatusCode.MixedStatus };
        var mismatches = new List<string>();
        foreach (var response in V2.Descriptor.Methods.Select(m => m.OutputType).DistinctBy(t => t.ClrType))
        {
            var statusField = response.FindFieldByName("status");
            var message = (IMessage)Activator.CreateInstance(response.ClrType)!;
            statusField?.Accessor.SetValue(message, status);
            var read = (Clarifai.Api.Status.Status?)typeof(MessagePropertiesTests).GetMethod(nameof(StatusOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(response.ClrType).Invoke(null, [message]);
            if (statusField is not null != ReferenceEquals(read, status)) mismatches.Add($"{response.Name}: status read {read is not null}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(mismatches, Is.Empty);
            var outputs = new MultiOutputResponse { Outputs = { new Output(), new Output() } };
            Assert.That(ResponseShape<MultiOutputResponse>.ItemCount!(outputs), Is.EqualTo(2));
            Assert.That(ResponseShape<SingleModelResponse>.ItemCount, Is.Null, "a model is not an item with a status of its own");
        });
    }

    [Test]
    public void StatusCodeNames_AreTheProtosFirstDeclaredNames_ForEveryCode()
    {
        var descriptor = Clarifai.Api.Status.StatusCodeReflection.Descriptor.EnumTypes[0];
        var mismatches = descriptor.Values
            .Where(v => ClarifaiStatus.NameOf((StatusCode)v.Number) != descriptor.FindValueByNumber(v.Number).Name)
            .Select(v => $"{v.Number}: {ClarifaiStatus.NameOf((StatusCode)v.Number)} instead of {descriptor.FindValueByNumber(v.Number).Name}")
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(mismatches, Is.Empty);
            Assert.That(StatusCodeNames.Declared, Has.Count.EqualTo(descriptor.Values.Count));
        });
    }

    private static Clarifai.Api.Status.Status? StatusOf<T>(T response) => ResponseShape<T>.StatusOf(response);

    private static IEnumerable<MessageDescriptor> Flatten(IEnumerable<MessageDescriptor> messages) =>
        messages.SelectMany(m => Flatten(m.NestedTypes).Prepend(m)).Where(m => m.ClrType is not null);
}
