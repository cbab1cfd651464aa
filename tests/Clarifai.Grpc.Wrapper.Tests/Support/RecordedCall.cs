using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>One call that reached the mocked invoker: which RPC, with what request and options.</summary>
internal sealed record RecordedCall(string Method, object Request, CallOptions Options)
{
    public string? Header(string key) => Options.Headers?.GetValue(key);
}
