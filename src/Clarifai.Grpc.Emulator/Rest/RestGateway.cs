using System.Globalization;
using System.Text.Json.Nodes;
using Clarifai.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Clarifai's REST API beside gRPC, as a gateway: a request matched by <see cref="RestRouteTable"/> becomes the RPC's
/// request message (the JSON body — snake_case or camelCase — then the path variables, then query parameters), is
/// sent to this server's own gRPC endpoint with the caller's <c>authorization</c> header (so every rule — keys, apps,
/// faults — is the gRPC one), and the answer is written back as JSON with the API's snake_case field names.
/// </summary>
internal sealed class RestGateway : IAsyncDisposable
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true).WithFormatEnumsAsIntegers(true)); // "code": 10000, as the API answers

    private readonly RestRouteTable _routes;
    private readonly IServer _server;
    private readonly Lazy<GrpcChannel> _channel;

    public RestGateway(RestRouteTable routes, IServer server)
    {
        _routes = routes;
        _server = server;
        _channel = new Lazy<GrpcChannel>(() => GrpcChannel.ForAddress(GrpcAddress(), new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 }));
    }

    public async Task HandleAsync(HttpContext http)
    {
        var found = _routes.Find(http.Request.Method, http.Request.Path.Value ?? string.Empty);
        if (found is not { } match)
        {
            await WriteStatusAsync(http, StatusCodes.Status404NotFound, StatusCode.ConnDoesNotExist, $"No REST route {http.Request.Method} {http.Request.Path}").ConfigureAwait(false);
            return;
        }

        IMessage request;
        try
        {
            request = await ReadRequestAsync(http, match.Route, match.Variables).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or System.Text.Json.JsonException or FormatException or OverflowException or ArgumentException or InvalidOperationException or System.Text.EncoderFallbackException or System.Text.DecoderFallbackException)
        {
            // The client's mistake (a body that is not a JSON object, a value of the wrong type, text that is not
            // valid Unicode — System.Text.Json reports a lone surrogate as an InvalidOperationException): the API's 400
            // with a Clarifai status, never a 500 or a logged stack trace.
            await WriteStatusAsync(http, StatusCodes.Status400BadRequest, StatusCode.ConnBadRequestFormat, e.Message).ConfigureAwait(false);
            return;
        }

        var output = match.Route.Method.OutputType;
        var method = new Method<IMessage, IMessage>(
            MethodType.Unary, V2.Descriptor.FullName, match.Route.Method.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => match.Route.Method.InputType.Parser.ParseFrom(bytes)),
            Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => output.Parser.ParseFrom(bytes)));
        var headers = new Metadata();
        if (http.Request.Headers.Authorization is { Count: > 0 } authorization)
        {
            var value = authorization.ToString();
            if (value.Any(c => c is < ' ' or > '~'))
            {
                await WriteStatusAsync(http, StatusCodes.Status401Unauthorized, StatusCode.ConnKeyInvalid, "The Authorization header is not printable ASCII, so it is no key.").ConfigureAwait(false);
                return;
            }

            headers.Add("authorization", value);
        }

        IMessage response;
        try
        {
            response = await _channel.Value.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(headers, cancellationToken: http.RequestAborted), request).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            var (httpStatus, code) = HttpStatusOf(e.StatusCode);
            await WriteStatusAsync(http, httpStatus, code, $"gRPC {e.StatusCode}: {e.Status.Detail}").ConfigureAwait(false);
            return;
        }

        await WriteAsync(http, HttpStatusOf(Statuses.Get(response)?.Code ?? StatusCode.Success), response).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        if (_channel.IsValueCreated) _channel.Value.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The request message: the body, then the path's variables over it, then query parameters for a bodiless route.</summary>
    private static async Task<IMessage> ReadRequestAsync(HttpContext http, RestRoute route, Dictionary<string, string> variables)
    {
        var descriptor = route.Method.InputType;
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        IMessage request = descriptor.Parser.ParseFrom(ByteString.Empty);
        if (body.Trim().Length > 0 && route.Body.Length > 0)
        {
            var target = route.Body == "*" ? descriptor : descriptor.FindFieldByName(route.Body).MessageType;
            var json = JsonNode.Parse(body) as JsonObject ?? throw new FormatException("The request body must be a JSON object.");
            LenientJson.Coerce(json, target);
            var parsed = Parser.Parse(json.ToJsonString(), target);
            if (route.Body == "*") request = parsed;
            else descriptor.FindFieldByName(route.Body).Accessor.SetValue(request, parsed);
        }

        foreach (var (path, value) in variables) Set(request, path, value);
        if (route.Body.Length == 0)
        {
            foreach (var (name, values) in http.Request.Query)
            {
                if (LenientJson.FieldOf(descriptor, name) is not { FieldType: not FieldType.Message and not FieldType.Group } field) continue;
                if (field.IsRepeated)
                {
                    // ?ids=a&ids=b, as grpc-gateway reads a repeated field from the query.
                    var list = (System.Collections.IList)field.Accessor.GetValue(request);
                    foreach (var value in values) list.Add(Parse(field, name, value ?? string.Empty));
                }
                else if (values.Count > 1)
                {
                    throw new FormatException($"The query gives '{name}' {values.Count} times; it takes one value.");
                }
                else
                {
                    Set(request, name, values.ToString());
                }
            }
        }

        return request;
    }

    /// <summary>Sets a (possibly nested, <c>user_app_id.app_id</c>) scalar field from its text.</summary>
    private static void Set(IMessage message, string path, string value)
    {
        var names = path.Split('.');
        for (var i = 0; i < names.Length - 1; i++)
        {
            var holder = message.Descriptor.FindFieldByName(names[i]) ?? throw new FormatException($"The request has no field '{names[i]}'.");
            var child = (IMessage?)holder.Accessor.GetValue(message);
            if (child is null)
            {
                child = holder.MessageType.Parser.ParseFrom(ByteString.Empty);
                holder.Accessor.SetValue(message, child);
            }

            message = child;
        }

        var field = LenientJson.FieldOf(message.Descriptor, names[^1]) ?? throw new FormatException($"The request has no field '{names[^1]}'.");
        if (field.IsRepeated) throw new FormatException($"The field '{path}' is a list; give it in the query as {path}=a&{path}=b.");
        field.Accessor.SetValue(message, Parse(field, path, value));
    }

    /// <summary>A scalar field's value from its text.</summary>
    private static object Parse(FieldDescriptor field, string path, string value) =>
        field.FieldType switch
        {
            FieldType.String => value,
            FieldType.Bool => bool.Parse(value),
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int.Parse(value, CultureInfo.InvariantCulture),
            FieldType.UInt32 or FieldType.Fixed32 => uint.Parse(value, CultureInfo.InvariantCulture),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => long.Parse(value, CultureInfo.InvariantCulture),
            FieldType.UInt64 or FieldType.Fixed64 => ulong.Parse(value, CultureInfo.InvariantCulture),
            FieldType.Float => float.Parse(value, CultureInfo.InvariantCulture),
            FieldType.Double => double.Parse(value, CultureInfo.InvariantCulture),
            FieldType.Enum => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
                : field.EnumType.FindValueByName(value)?.Number ?? throw new FormatException($"'{value}' is not a value of {field.EnumType.Name}."),
            _ => throw new FormatException($"The field '{path}' cannot be set from the path or the query."),
        };

    /// <summary>The HTTP status (and the body's Clarifai code) of a gRPC failure, as grpc-gateway maps them for the API.</summary>
    private static (int HttpStatus, StatusCode Code) HttpStatusOf(global::Grpc.Core.StatusCode code) => code switch
    {
        global::Grpc.Core.StatusCode.InvalidArgument or global::Grpc.Core.StatusCode.FailedPrecondition or global::Grpc.Core.StatusCode.OutOfRange => (StatusCodes.Status400BadRequest, StatusCode.ConnBadRequestFormat),
        global::Grpc.Core.StatusCode.Unauthenticated => (StatusCodes.Status401Unauthorized, StatusCode.ConnKeyInvalid),
        global::Grpc.Core.StatusCode.PermissionDenied => (StatusCodes.Status403Forbidden, StatusCode.ConnInsufficientScopes),
        global::Grpc.Core.StatusCode.NotFound => (StatusCodes.Status404NotFound, StatusCode.ConnDoesNotExist),
        global::Grpc.Core.StatusCode.AlreadyExists or global::Grpc.Core.StatusCode.Aborted => (StatusCodes.Status409Conflict, StatusCode.InternalServerIssue),
        global::Grpc.Core.StatusCode.ResourceExhausted => (StatusCodes.Status429TooManyRequests, StatusCode.ConnThrottled),
        global::Grpc.Core.StatusCode.Cancelled => (499, StatusCode.RpcCanceled),
        global::Grpc.Core.StatusCode.Unimplemented => (StatusCodes.Status501NotImplemented, StatusCode.NotImplemented), // an RPC this server does not serve
        global::Grpc.Core.StatusCode.Unavailable => (StatusCodes.Status503ServiceUnavailable, StatusCode.RpcServerUnavailable),
        global::Grpc.Core.StatusCode.DeadlineExceeded => (StatusCodes.Status504GatewayTimeout, StatusCode.RpcRequestTimeout),
        _ => (StatusCodes.Status500InternalServerError, StatusCode.InternalServerIssue),
    };

    /// <summary>The HTTP status of an answer: 200 for success and batch results, else by the code's family.</summary>
    private static int HttpStatusOf(StatusCode code) => code switch
    {
        StatusCode.Success or StatusCode.MixedStatus or StatusCode.Failure => StatusCodes.Status200OK,
        StatusCode.ConnKeyInvalid or StatusCode.ConnKeyNotFound or StatusCode.ConnCredentialsInvalid or StatusCode.ConnInsufficientScopes => StatusCodes.Status401Unauthorized,
        StatusCode.ConnThrottled or StatusCode.ConnExceedHourlyLimit => StatusCodes.Status429TooManyRequests,
        _ when code.ToString().EndsWith("DoesNotExist", StringComparison.Ordinal) => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status400BadRequest,
    };

    private static Task WriteStatusAsync(HttpContext http, int httpStatus, StatusCode code, string details) =>
        WriteAsync(http, httpStatus, new Clarifai.Api.Status.BaseResponse { Status = Statuses.Of(code, details) });

    private static async Task WriteAsync(HttpContext http, int httpStatus, IMessage message)
    {
        if (Statuses.Get(message) is { ReqId.Length: 0 } status) status.ReqId = RequestIdInterceptor.NewId();
        http.Response.StatusCode = httpStatus;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(Formatter.Format(message), http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>This server's gRPC (HTTP/2) address: the first one it listens on.</summary>
    private string GrpcAddress() =>
        _server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
}
