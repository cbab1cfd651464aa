namespace Clarifai.Grpc.Wrapper;

/// <summary>One RPC's entry in <see cref="RpcResendability"/>: its verb in the protos, its rule, and why when the rule is not the verb's.</summary>
/// <param name="Verb">The verb of its <c>google.api.http</c> binding.</param>
/// <param name="Resend">When a request may be sent twice.</param>
/// <param name="Why">Why the rule differs from the verb's default (<see cref="RpcResendability.DefaultFor"/>); <see langword="null"/> when it does not.</param>
internal sealed record RpcResendRule(RpcVerb Verb, Resend Resend, string? Why);
