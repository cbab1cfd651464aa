using Clarifai.Api;
using Clarifai.Grpc.Emulator;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Apps through the library's <see cref="AppService"/> against the local server: user-level requests, the API's codes.</summary>
[TestFixture]
public sealed class AppsTests
{
    private ClarifaiEmulator _emulator = null!;

    [OneTimeSetUp]
    public async Task Start() => _emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { AppKeys = [new EmulatorAppKey("apps-key", "keyed", "only-app")] });

    [OneTimeTearDown]
    public async Task Stop() => await _emulator.DisposeAsync();

    private ClarifaiClient Client(string user) => new(new ClarifaiClientOptions { Endpoint = _emulator.Endpoint, ApiKey = _emulator.ApiKey, AllowInsecureCredentials = true, UserId = user, AppId = "default-app" });

    [Test]
    public async Task CreateGetListDescribeDelete_OnTheUsersLevel()
    {
        var user = "apps-" + Guid.NewGuid().ToString("N")[..8];
        using var clarifai = Client(user);

        var created = await clarifai.Apps.CreateAsync("photos", "holiday pictures");
        var duplicate = await Assert.ThrowsAsync<ClarifaiException>(() => clarifai.Apps.CreateAsync("photos"));
        await clarifai.Apps.CreateAsync("docs");
        var read = await clarifai.Apps.GetAsync("photos");
        var described = await clarifai.Apps.UpdateDescriptionAsync("photos", "all pictures");
        var listed = new List<string>();
        await foreach (var app in clarifai.Apps.ListAsync(pageSize: 1)) listed.Add(app.Id);
        await clarifai.Apps.DeleteAsync("docs");
        var gone = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Apps.DeleteAsync("docs"));
        var missing = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Apps.GetAsync("never"));

        Assert.Multiple(() =>
        {
            Assert.That((created.Id, created.UserId, created.Description), Is.EqualTo(("photos", user, "holiday pictures")));
            Assert.That(duplicate!.Code, Is.EqualTo(StatusCode.DatabaseDuplicateKey));
            Assert.That(read.Description, Is.EqualTo("holiday pictures"));
            Assert.That(described.Description, Is.EqualTo("all pictures"));
            Assert.That(listed, Is.EquivalentTo(new[] { "photos", "docs" }), "the user's apps, one per page");
            Assert.That((gone!.Code, gone.Description), Is.EqualTo((StatusCode.ConnDoesNotExist, "Resource does not exist")), "as Clarifai's SDK tests expect");
            Assert.That(missing!.Code, Is.EqualTo(StatusCode.ConnDoesNotExist));
        });
    }

    [Test]
    public async Task AnAppMadeByFirstUse_IsListed_AndDeletingItDeletesItsInputs()
    {
        var user = "apps-" + Guid.NewGuid().ToString("N")[..8];
        using var clarifai = Client(user);
        await clarifai.Inputs.AddAsync([NewInput.FromText("hello").WithId("t1")]);

        var listed = new List<string>();
        await foreach (var app in clarifai.Apps.ListAsync()) listed.Add(app.Id);
        await clarifai.Apps.DeleteAsync("default-app");

        Assert.Multiple(() =>
        {
            Assert.That(listed, Is.EqualTo(new[] { "default-app" }));
            Assert.That(_emulator.CountInputs(user, "default-app"), Is.Zero);
        });
    }

    [Test]
    public async Task AnAppScopedKey_SeesOnlyItsApp_WhichExistsFromTheStart_AndCannotCreateApps()
    {
        using var clarifai = new ClarifaiClient(new ClarifaiClientOptions { Endpoint = _emulator.Endpoint, ApiKey = "apps-key", AllowInsecureCredentials = true });

        var listed = new List<string>();
        await foreach (var app in clarifai.Apps.ListAsync()) listed.Add(app.Id);
        var create = await Assert.ThrowsAsync<ClarifaiAuthenticationException>(() => clarifai.Apps.CreateAsync("another"));

        Assert.Multiple(() =>
        {
            Assert.That(listed, Is.EqualTo(new[] { "only-app" }), "a key's app exists from the start");
            Assert.That(create!.Code, Is.EqualTo(StatusCode.ConnInsufficientScopes));
        });
    }

    [Test]
    public async Task ATokenRequestThatNamesNoUser_ListsTheTokensOwnersApps_AndThePublicGeneralWorkflowExists()
    {
        using var clarifai = Client(_emulator.Options.UserId);
        await clarifai.Apps.CreateAsync("owned-" + Guid.NewGuid().ToString("N")[..6]);

        // A client without a user or app: the request names no user, as Clarifai's Node.js SDK sends ListApps.
        using var anonymous = new ClarifaiClient(new ClarifaiClientOptions { Endpoint = _emulator.Endpoint, ApiKey = _emulator.ApiKey, AllowInsecureCredentials = true });
        var listed = await anonymous.GrpcClient.ListAppsAsync(new Clarifai.Api.ListAppsRequest());
        var general = await clarifai.Api.GetWorkflowAsync(new Clarifai.Api.GetWorkflowRequest { UserAppId = new Clarifai.Api.UserAppIDSet { UserId = "clarifai", AppId = "main" }, WorkflowId = "General" });

        Assert.Multiple(() =>
        {
            Assert.That(listed.Status.Code, Is.EqualTo(StatusCode.Success));
            Assert.That(listed.Apps.Select(a => a.UserId), Is.Not.Empty.And.All.EqualTo(_emulator.Options.UserId));
            Assert.That(general.Workflow.Nodes.Single().Model.Id, Is.EqualTo("general-image-recognition"));
        });
    }

    [Test]
    public async Task ATokenListThatNamesNoApp_CoversTheUsersApps_AndThePublicModelsAndWorkflows()
    {
        var user = "lists-" + Guid.NewGuid().ToString("N")[..8];
        using var first = new ClarifaiClient(new ClarifaiClientOptions { Endpoint = _emulator.Endpoint, ApiKey = _emulator.ApiKey, AllowInsecureCredentials = true, UserId = user, AppId = "first" });
        using var second = new ClarifaiClient(new ClarifaiClientOptions { Endpoint = _emulator.Endpoint, ApiKey = _emulator.ApiKey, AllowInsecureCredentials = true, UserId = user, AppId = "second" });
        await first.Datasets.CreateAsync("a");
        await second.Datasets.CreateAsync("b");
        await second.Models.CreateAsync("mine", ["x"]);

        // Requests with only a user id: the protos' /v2/users/{user_id}/datasets form, as Clarifai's SDKs send listWorkflows.
        var userOnly = new Clarifai.Api.UserAppIDSet { UserId = user };
        var datasets = await first.GrpcClient.ListDatasetsAsync(new Clarifai.Api.ListDatasetsRequest { UserAppId = userOnly });
        var workflows = await first.GrpcClient.ListWorkflowsAsync(new Clarifai.Api.ListWorkflowsRequest { UserAppId = userOnly });
        var models = await first.GrpcClient.ListModelsAsync(new Clarifai.Api.ListModelsRequest { UserAppId = userOnly });
        var oneApp = await first.GrpcClient.ListDatasetsAsync(new Clarifai.Api.ListDatasetsRequest { UserAppId = new Clarifai.Api.UserAppIDSet { UserId = user, AppId = "second" } });

        Assert.Multiple(() =>
        {
            Assert.That(datasets.Datasets.Select(d => (d.AppId, d.Id)), Is.EquivalentTo(new[] { ("first", "a"), ("second", "b") }), "the user's datasets, not the public app's");
            Assert.That(workflows.Workflows.Select(w => (w.AppId, w.Id)), Is.EquivalentTo(new[] { ("main", "General") }));
            Assert.That(models.Models.Select(m => m.AppId).Distinct(), Is.EquivalentTo(new[] { "second", "main" }));
            Assert.That(models.Models.Where(m => m.AppId == "second").Select(m => m.Id), Is.EqualTo(new[] { "mine" }));
            Assert.That(oneApp.Datasets.Select(d => d.Id), Is.EqualTo(new[] { "b" }), "an app id still lists one app");
        });
    }
}
