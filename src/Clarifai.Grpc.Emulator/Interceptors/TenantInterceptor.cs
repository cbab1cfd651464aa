using Clarifai.Api;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// The app a request acts on, from its <c>user_app_id</c> and the call's key (<see cref="TenantResolver"/>), kept in the
/// call's state for the service. Bidirectional streams resolve each request on its own, in the service.
/// </summary>
internal sealed class TenantInterceptor : Interceptor
{
    private readonly TenantResolver _tenants;

    public TenantInterceptor(TenantResolver tenants) => _tenants = tenants;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        Resolve(request, context) is { } refusal ? Task.FromResult(Statuses.Response<TResponse>(refusal)) : continuation(request, context);

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (Resolve(request, context) is { } refusal) await responseStream.WriteAsync(Statuses.Response<TResponse>(refusal)).ConfigureAwait(false);
        else await continuation(request, responseStream, context).ConfigureAwait(false);
    }

    /// <summary>The RPCs about apps themselves, which act for a user (and may name no app, or one that does not exist yet).</summary>
    private static readonly HashSet<string> UserLevel = ["PostApps", "ListApps", "PatchApps", "GetApp", "DeleteApp"];

    /// <summary>
    /// The lists that also have a user-level form (<c>/v2/users/{user_id}/workflows</c>, <c>/v2/workflows</c> in the
    /// protos' HTTP bindings): with a personal access token and no app id they list across the user's apps, as the
    /// SDKs' <c>listWorkflows</c> sends them. With an app id, or an app key, they list one app as before.
    /// </summary>
    private static readonly HashSet<string> AcrossApps = ["ListModels", "ListWorkflows", "ListDatasets", "ListModules"];

    private Clarifai.Api.Status.Status? Resolve(object request, ServerCallContext context)
    {
        if (request is not IMessage message || message.Descriptor.FindFieldByName("user_app_id") is not { } field) return null;
        if (UserLevel.Contains(CallState.MethodOf(context)))
        {
            if (_tenants.ResolveUser(CallState.AppKeyOf(context), field.Accessor.GetValue(message) as UserAppIDSet, out var user) is { } refused) return refused;
            CallState.SetUser(context, user);
            return null;
        }

        var ids = field.Accessor.GetValue(message) as UserAppIDSet;
        if (AcrossApps.Contains(CallState.MethodOf(context)) && CallState.AppKeyOf(context) is null && ids is not { AppId.Length: > 0 })
        {
            _ = _tenants.ResolveUser(null, ids, out var user);
            CallState.SetUser(context, user);
            return null;
        }

        if (_tenants.Resolve(CallState.AppKeyOf(context), ids, out var app) is { } refusal) return refusal;
        CallState.SetApp(context, app!);
        return null;
    }
}
