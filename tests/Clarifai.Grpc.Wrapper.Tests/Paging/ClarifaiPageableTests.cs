using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Paging;

/// <summary>Lists read a page at a time, over a mocked invoker that serves a fixed number of inputs.</summary>
[TestFixture]
public sealed class ClarifaiPageableTests
{
    private static MockV2 Serving(int total) => new MockV2().On<ListInputsRequest, MultiInputResponse>(r =>
    {
        var from = (int)((r.Page - 1) * r.PerPage);
        var ids = Enumerable.Range(from, Math.Max(0, Math.Min((int)r.PerPage, total - from))).Select(i => ($"in{i:D4}", StatusCode.InputSuccess)).ToArray();
        return GrpcCalls.Unary(Responses.Inputs(StatusCode.Success, ids));
    });

    [Test]
    public async Task Enumerating_ReadsPageAfterPage_UntilAShortPage()
    {
        var mock = Serving(250);
        using var client = TestClients.Create(mock);

        var ids = new List<string>();
        await foreach (var input in client.Inputs.ListAsync(pageSize: 100)) ids.Add(input.Id);

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EqualTo(Enumerable.Range(0, 250).Select(i => $"in{i:D4}")));
            Assert.That(mock.Calls.Select(c => ((ListInputsRequest)c.Request).Page), Is.EqualTo(new uint[] { 1, 2, 3 }));
            Assert.That(mock.Calls.Select(c => ((ListInputsRequest)c.Request).PerPage), Is.All.EqualTo(100));
        });
    }

    [Test]
    public async Task AnExactMultiple_EndsWithAnEmptyPage()
    {
        var mock = Serving(200);
        using var client = TestClients.Create(mock);

        var pages = new List<ClarifaiPage<ClarifaiInput>>();
        await foreach (var page in client.Inputs.ListAsync().AsPages(pageSizeHint: 100)) pages.Add(page);

        Assert.Multiple(() =>
        {
            Assert.That(pages.Select(p => p.Items.Length), Is.EqualTo(new[] { 100, 100, 0 }));
            Assert.That(pages.Select(p => p.ContinuationToken), Is.EqualTo(new[] { "2", "3", null }));
        });
    }

    [Test]
    public async Task AContinuationToken_ResumesWhereAnotherEnumerationStopped()
    {
        var mock = Serving(250);
        using var client = TestClients.Create(mock);
        string? token = null;
        await foreach (var page in client.Inputs.ListAsync(pageSize: 100).AsPages())
        {
            token = page.ContinuationToken;
            break; // a process that stopped after its first page, keeping the token
        }

        var rest = new List<string>();
        await foreach (var page in client.Inputs.ListAsync(pageSize: 100).AsPages(token)) rest.AddRange(page.Items.Select(i => i.Id));

        Assert.That(rest, Is.EqualTo(Enumerable.Range(100, 150).Select(i => $"in{i:D4}")));
    }

    [Test]
    public async Task NothingIsFetched_BeforeEnumeration_AndBadArgumentsFailAtOnce()
    {
        var mock = Serving(10);
        using var client = TestClients.Create(mock);

        var pageable = client.Inputs.ListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(mock.Calls, Is.Empty);
            Assert.Throws<ArgumentOutOfRangeException>(() => client.Inputs.ListAsync(pageSize: 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => client.Models.ListAsync(pageSize: 1001));
            Assert.Throws<ArgumentException>(() => pageable.AsPages("not-a-token"));
            Assert.Throws<ArgumentException>(() => client.ModelVersions.ListAsync("bad id"));
        });
        await Task.CompletedTask;
    }

    [Test]
    public async Task APageThatFails_ThrowsTheTypedException()
    {
        var mock = new MockV2().Returns<ListModelVersionsRequest, MultiModelVersionResponse>(Responses.WithStatus(new MultiModelVersionResponse(), StatusCode.ModelDoesNotExist));
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<ClarifaiNotFoundException>(async () =>
        {
            await foreach (var _ in client.ModelVersions.ListAsync("absent"))
            {
            }
        });
    }

    [Test]
    public async Task Cancellation_StopsBetweenPages()
    {
        var mock = Serving(1000);
        using var client = TestClients.Create(mock);
        using var cts = new CancellationTokenSource();

        var read = 0;
        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () =>
        {
            await foreach (var _ in client.Inputs.ListAsync(pageSize: 10).WithCancellation(cts.Token))
            {
                if (++read == 15) await cts.CancelAsync();
            }
        });

        Assert.That(mock.Calls, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task AFakePageable_ServesGivenPages_ForUsersTests()
    {
        var inputs = new Moq.Mock<InputService>();
        var first = new ClarifaiPage<ClarifaiInput>([ClarifaiFakes.Input("a", StatusCode.InputSuccess)], 1, "2");
        var second = new ClarifaiPage<ClarifaiInput>([ClarifaiFakes.Input("b", StatusCode.InputSuccess)], 2, null);
        inputs.Setup(i => i.ListAsync(null, null)).Returns(ClarifaiFakes.Pageable(first, second));

        var ids = new List<string>();
        await foreach (var input in inputs.Object.ListAsync()) ids.Add(input.Id);
        var resumed = new List<int>();
        await foreach (var page in inputs.Object.ListAsync().AsPages("2")) resumed.Add(page.PageNumber);

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(resumed, Is.EqualTo(new[] { 2 }));
        });
    }

    [Test]
    public async Task AScan_SendsTheLastIdOfEachBatch_AsTheNextCursor()
    {
        var all = Enumerable.Range(0, 25).Select(i => $"id{i:D2}").ToList();
        var mock = new MockV2().On<StreamInputsRequest, MultiInputResponse>(r => GrpcCalls.Unary(Responses.Inputs(StatusCode.Success,
            all.Where(id => string.CompareOrdinal(id, r.LastId) > 0).Take((int)r.PerPage).Select(id => (id, StatusCode.InputSuccess)).ToArray())));
        using var client = TestClients.Create(mock);

        var ids = new List<string>();
        await foreach (var input in client.Inputs.ScanAsync(afterId: "id04", batchSize: 10)) ids.Add(input.Id);

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EqualTo(all.Skip(5)));
            Assert.That(mock.Calls.Select(c => ((StreamInputsRequest)c.Request).LastId), Is.EqualTo(new[] { "id04", "id14", "id24" }));
            Assert.That(mock.Calls.Select(c => ((StreamInputsRequest)c.Request).OrderById), Is.All.True);
            Assert.Throws<ArgumentOutOfRangeException>(() => client.Inputs.ScanAsync(batchSize: 0));
            Assert.Throws<ArgumentException>(() => client.Inputs.ScanAsync(afterId: "bad id"));
        });
    }
}
