namespace Clarifai.Grpc.Wrapper;

/// <summary>The HTTP verb an RPC is bound to in Clarifai's protos (<c>google.api.http</c>).</summary>
internal enum RpcVerb
{
    Get,
    Post,
    Put,
    Patch,
    Delete,
}
