using Grpc.Core;

namespace Clarifai.Grpc.Emulator;

/// <summary>What the interceptors learn about a call and hand on, in the call's <see cref="ServerCallContext.UserState"/>.</summary>
internal static class CallState
{
    private const string AppSlot = "clarifai-emulator-app";
    private const string AppKeySlot = "clarifai-emulator-app-key";
    private const string UserSlot = "clarifai-emulator-user";

    /// <summary>The RPC's name (<c>PostInputs</c>) of a call's full method path.</summary>
    public static string MethodOf(ServerCallContext context) => context.Method[(context.Method.LastIndexOf('/') + 1)..];

    /// <summary>The app the call acts on (set by <see cref="TenantInterceptor"/>).</summary>
    public static AppData AppOf(ServerCallContext context) => (AppData)context.UserState[AppSlot];

    /// <summary>The app the call acts on, or <see langword="null"/> for a user-level call.</summary>
    public static AppData? AppOrNullOf(ServerCallContext context) => context.UserState.TryGetValue(AppSlot, out var app) ? (AppData)app : null;

    public static void SetApp(ServerCallContext context, AppData app) => context.UserState[AppSlot] = app;

    /// <summary>The app-scoped key of the call, or <see langword="null"/> for the personal access token (set by <see cref="AuthenticationInterceptor"/>).</summary>
    public static EmulatorAppKey? AppKeyOf(ServerCallContext context) =>
        context.UserState.TryGetValue(AppKeySlot, out var key) ? (EmulatorAppKey?)key : null;

    /// <summary>The user a user-level call (apps themselves, or a list across the user's apps) acts for (set by <see cref="TenantInterceptor"/>).</summary>
    public static string UserOf(ServerCallContext context) => (string)context.UserState[UserSlot];

    public static void SetUser(ServerCallContext context, string userId) => context.UserState[UserSlot] = userId;

    public static void SetAppKey(ServerCallContext context, EmulatorAppKey appKey) => context.UserState[AppKeySlot] = appKey;
}
