using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// The seed's cURL walkthrough against the local server's REST API over real HTTP — HTTP/1.1 on the REST port and
/// HTTP/2 (prior knowledge) on the gRPC port — with both kinds of key: the seed's request bodies with only the hosts
/// changed (the sample images are served on loopback), snake_case answers, the API's status codes and texts.
/// </summary>
[TestFixture]
public sealed class RestApiTests : IDisposable
{
    private HttpListener _images = null!;
    private string _imageBase = null!;

    [OneTimeSetUp]
    public void ServeTheSampleImages()
    {
        // The seed's samples.clarifai.com images, stood in for by scenes: the puppy warm, the wedding cold.
        var port = LoopbackPorts.Free();
        _imageBase = $"http://127.0.0.1:{port}/";
        _images = new HttpListener { Prefixes = { _imageBase } };
        _images.Start();
        _ = Task.Run(async () =>
        {
            while (_images.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _images.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                var path = context.Request.Url!.AbsolutePath;
                var body = path.StartsWith("/puppy", StringComparison.Ordinal) ? SceneGenerator.Png(ScenePalette.Warm, path.Length) : SceneGenerator.Png(ScenePalette.Cold, path.Length);
                context.Response.ContentType = "image/png";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
    }

    [OneTimeTearDown]
    public void Dispose() => ((IDisposable)_images).Dispose();

    [TestCase("1.1", "app key")]
    [TestCase("2.0", "app key")]
    [TestCase("1.1", "personal access token")]
    [TestCase("2.0", "personal access token")]
    public async Task TheSeedsRestWalkthrough_Runs(string httpVersion, string keyKind)
    {
        var appId = EmulatorClients.NewAppId();
        var appKey = new EmulatorAppKey("rest-key-" + appId, "emulator-user", appId);
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { AppKeys = [appKey] });
        var baseAddress = httpVersion == "2.0" ? emulator.Endpoint : emulator.RestEndpoint;
        using var http = new HttpClient { BaseAddress = baseAddress, DefaultRequestVersion = Version.Parse(httpVersion), DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var key = keyKind == "app key" ? appKey.Key : emulator.ApiKey;
        // With the token, routes name the app (users/me/apps/{app}/…); with the app key, the seed's short routes work.
        var prefix = keyKind == "app key" ? "/v2" : $"/v2/users/me/apps/{appId}";

        // 1. Add inputs (the seed's body; "value": true/false as documented).
        var added = await SendAsync(http, key, HttpMethod.Post, $"{prefix}/inputs", $$"""
            {
              "inputs": [
                { "data": { "image": { "url": "{{_imageBase}}puppy.jpeg", "allow_duplicate_url": true },
                            "concepts": [ { "id": "charlie", "value": true }, { "id": "our_wedding", "value": false } ] } },
                { "data": { "image": { "url": "{{_imageBase}}wedding.jpg", "allow_duplicate_url": true },
                            "concepts": [ { "id": "our_wedding", "value": true }, { "id": "charlie", "value": false }, { "id": "cat", "value": false } ] } }
              ]
            }
            """, httpVersion);

        // 2. Create the model.
        var model = await SendAsync(http, key, HttpMethod.Post, $"{prefix}/models", """
            { "model": { "id": "pets", "output_info": { "data": { "concepts": [ { "id": "charlie" } ] },
                         "output_config": { "concepts_mutually_exclusive": false, "closed_environment": false } } } }
            """, httpVersion);

        // 3. Train it: the seed posts no body. 4. Poll the version until trained.
        var trained = await SendAsync(http, key, HttpMethod.Post, $"{prefix}/models/pets/versions", null, httpVersion);
        var versionId = (string)trained["model"]!["model_version"]!["id"]!;
        JsonObject version;
        var polls = 0;
        do
        {
            await Task.Delay(50);
            version = await SendAsync(http, key, HttpMethod.Get, $"/v2/users/me/apps/{appId}/models/pets/versions/{versionId}", null, httpVersion);
        }
        while ((int)version["model_version"]!["status"]!["code"]! != 21100 && ++polls < 200);

        // 5. Predict with that version (the seed's body).
        var predicted = await SendAsync(http, key, HttpMethod.Post, $"{prefix}/models/pets/versions/{versionId}/outputs", $$"""
            { "inputs": [ { "data": { "image": { "url": "{{_imageBase}}puppy.jpeg" } } } ] }
            """, httpVersion);

        Assert.Multiple(() =>
        {
            Assert.That((int)added["status"]!["code"]!, Is.EqualTo(10000));
            Assert.That((string)added["status"]!["description"]!, Is.EqualTo("Ok"));
            Assert.That(added["inputs"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(added["inputs"]![0]!["created_at"], Is.Not.Null, "snake_case, as the API answers");
            Assert.That((bool)added["inputs"]![0]!["data"]!["image"]!["allow_duplicate_url"]!, Is.True);
            Assert.That((string)model["model"]!["model_version"]!["status"]!["description"]!, Is.EqualTo("Model not yet trained"));
            Assert.That((int)trained["model"]!["model_version"]!["status"]!["code"]!, Is.AnyOf(21103, 21101, 21100));
            Assert.That((string)version["model_version"]!["status"]!["description"]!, Is.EqualTo("Model trained successfully"));
            Assert.That((string)predicted["outputs"]![0]!["data"]!["concepts"]![0]!["id"]!, Is.EqualTo("charlie"));
            Assert.That((double)predicted["outputs"]![0]!["data"]!["concepts"]![0]!["value"]!, Is.GreaterThan(0.5));
        });
    }

    [Test]
    public async Task RestRefusals_AreTheApisCodes_WithHttpStatuses()
    {
        var appKey = new EmulatorAppKey("rest-key-refusals", "emulator-user", "mine");
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { AppKeys = [appKey] });
        using var http = new HttpClient { BaseAddress = emulator.RestEndpoint };

        var (wrongKey, wrongKeyBody) = await RawAsync(http, "not-a-key", HttpMethod.Get, "/v2/models");
        var (otherApp, otherAppBody) = await RawAsync(http, appKey.Key, HttpMethod.Get, "/v2/users/someone/apps/else/models");
        // Inputs live in one app (the protos bind /v2/inputs to no user-level form, unlike /v2/models: a list across apps).
        var (tokenWithoutApp, tokenWithoutAppBody) = await RawAsync(http, emulator.ApiKey, HttpMethod.Get, "/v2/inputs");
        var (noRoute, _) = await RawAsync(http, appKey.Key, HttpMethod.Get, "/v2/no/such/route");
        var (missing, missingBody) = await RawAsync(http, appKey.Key, HttpMethod.Get, "/v2/models/nope");
        var (notServed, _) = await RawAsync(http, appKey.Key, HttpMethod.Get, "/v2/collectors");

        Assert.Multiple(() =>
        {
            Assert.That((wrongKey, Code(wrongKeyBody)), Is.EqualTo((HttpStatusCode.Unauthorized, 11008)));
            Assert.That((otherApp, Code(otherAppBody)), Is.EqualTo((HttpStatusCode.Unauthorized, 11007)));
            Assert.That((tokenWithoutApp, Code(tokenWithoutAppBody)), Is.EqualTo((HttpStatusCode.BadRequest, 11102)));
            Assert.That(noRoute, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((missing, Code(missingBody)), Is.EqualTo((HttpStatusCode.NotFound, 21200)));
            Assert.That(notServed, Is.EqualTo(HttpStatusCode.NotImplemented), "ListCollectors is not served: gRPC Unimplemented");
        });
    }

    [Test]
    public async Task ClientMistakes_AreTheApis4xxWithAClarifaiStatus_Never500()
    {
        var appKey = new EmulatorAppKey("rest-key-mistakes", "emulator-user", "mine");
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { AppKeys = [appKey] });
        // UTF-8 request headers, so that a non-ASCII key reaches the server as a client could send it.
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        using var http = new HttpClient(handler) { BaseAddress = emulator.RestEndpoint };

        var (nullBody, nullBodyJson) = await RawAsync(http, appKey.Key, HttpMethod.Post, "/v2/inputs", "null");
        var (arrayBody, _) = await RawAsync(http, appKey.Key, HttpMethod.Post, "/v2/inputs", "[1, 2]");
        var (surrogate, surrogateJson) = await RawAsync(http, appKey.Key, HttpMethod.Post, "/v2/inputs", "{\"inputs\":[{\"id\":\"\\ud800\",\"data\":{\"text\":{\"raw\":\"x\"}}}]}");
        var (nonAsciiKey, nonAsciiKeyJson) = await RawAsync(http, "clé-non-ascii", HttpMethod.Get, "/v2/models");
        var (repeated, _) = await RawAsync(http, appKey.Key, HttpMethod.Get, "/v2/inputs?ids=a&ids=b");
        var (twice, twiceJson) = await RawAsync(http, appKey.Key, HttpMethod.Get, "/v2/models?per_page=2&per_page=3");
        var (wrongType, wrongTypeJson) = await RawAsync(http, appKey.Key, HttpMethod.Get, "/v2/models?per_page=many");

        Assert.Multiple(() =>
        {
            Assert.That((nullBody, Code(nullBodyJson)), Is.EqualTo((HttpStatusCode.BadRequest, 11100)), "a JSON null body");
            Assert.That(arrayBody, Is.EqualTo(HttpStatusCode.BadRequest), "a JSON array body");
            Assert.That((surrogate, Code(surrogateJson)), Is.EqualTo((HttpStatusCode.BadRequest, 11100)), "a lone UTF-16 surrogate");
            Assert.That((nonAsciiKey, Code(nonAsciiKeyJson)), Is.EqualTo((HttpStatusCode.Unauthorized, 11008)), "a non-ASCII key is no key");
            Assert.That(repeated, Is.EqualTo(HttpStatusCode.OK), "a repeated field in the query, as grpc-gateway reads it");
            Assert.That((twice, Code(twiceJson)), Is.EqualTo((HttpStatusCode.BadRequest, 11100)), "a single field given twice");
            Assert.That((wrongType, Code(wrongTypeJson)), Is.EqualTo((HttpStatusCode.BadRequest, 11100)));
        });
    }

    private static int Code(JsonObject body) => (int)body["status"]!["code"]!;

    private static async Task<JsonObject> SendAsync(HttpClient http, string key, HttpMethod method, string path, string? json, string httpVersion)
    {
        var (status, body) = await RawAsync(http, key, method, path, json, httpVersion);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), $"{method} {path}: {body}");
        return body;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> RawAsync(HttpClient http, string key, HttpMethod method, string path, string? json = null, string httpVersion = "1.1")
    {
        using var request = new HttpRequestMessage(method, path) { Version = Version.Parse(httpVersion), VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.TryAddWithoutValidation("Authorization", "Key " + key);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        Assert.That(response.Version, Is.EqualTo(Version.Parse(httpVersion)), "the protocol asked for");
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }
}
