using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Services;

[TestFixture]
public sealed class InputServiceTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];

    [Test]
    public async Task AddAsync_SendsUrlsBytesConceptsNegativeConceptsMetadataAndIds()
    {
        var mock = new MockV2().Returns<PostInputsRequest, MultiInputResponse>(
            Responses.Inputs(StatusCode.Success, ("puppy", StatusCode.InputPending), ("", StatusCode.InputPending)));
        using var client = TestClients.Create(mock);

        await client.Inputs.AddAsync(
        [
            NewInput.FromUrl("https://samples.clarifai.com/puppy.jpeg", allowDuplicateUrl: true)
                .WithId("puppy").WithConcepts("charlie").WithoutConcepts("our_wedding")
                .WithMetadata([new KeyValuePair<string, string>("source", "seed")]),
            NewInput.FromBytes(Jpeg).WithConcepts("our_wedding").WithoutConcepts("charlie", "cat"),
        ]);

        var request = (PostInputsRequest)mock.Calls.Single().Request;
        var first = request.Inputs[0];
        var second = request.Inputs[1];
        Assert.Multiple(() =>
        {
            Assert.That(first.Id, Is.EqualTo("puppy"));
            Assert.That(first.Data.Image.Url, Is.EqualTo("https://samples.clarifai.com/puppy.jpeg"));
            Assert.That(first.Data.Image.AllowDuplicateUrl, Is.True);
            Assert.That(first.Data.Concepts.Select(c => (c.Id, c.Value)), Is.EqualTo(new[] { ("charlie", 1f), ("our_wedding", 0f) }));
            Assert.That(first.Data.Metadata.Fields["source"].StringValue, Is.EqualTo("seed"));
            Assert.That(second.Id, Is.Empty);
            Assert.That(second.Data.Image.Base64.ToByteArray(), Is.EqualTo(Jpeg));
            Assert.That(second.Data.Image.Url, Is.Empty);
            Assert.That(second.Data.Concepts.Select(c => (c.Id, c.Value)), Is.EqualTo(new[] { ("our_wedding", 1f), ("charlie", 0f), ("cat", 0f) }));
        });
    }

    [Test]
    public async Task AddAsync_SendsATextInput_AsText_WithItsLabels_AndNoImage()
    {
        var mock = new MockV2().Returns<PostInputsRequest, MultiInputResponse>(Responses.Inputs(StatusCode.Success, ("t1", StatusCode.InputPending)));
        using var client = TestClients.Create(mock);
        var input = NewInput.FromText("the team won the match").WithId("t1").WithConcepts("sports").WithoutConcepts("cooking");

        await client.Inputs.AddAsync([input]);

        var sent = ((PostInputsRequest)mock.Calls.Single().Request).Inputs.Single();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Data.Text.Raw, Is.EqualTo("the team won the match"));
            Assert.That(sent.Data.Image, Is.Null);
            Assert.That(sent.Data.Concepts.Select(c => (c.Id, c.Value)), Is.EqualTo(new[] { ("sports", 1f), ("cooking", 0f) }));
            Assert.That(input.ContentLength, Is.EqualTo(22));
            Assert.That(input.WithMetadata([]).Text, Is.EqualTo("the team won the match"), "the With… copies keep the text");
            Assert.Throws<ArgumentException>(() => NewInput.FromText(""));
        });
    }

    [Test]
    public async Task AddAsync_OnMixedStatus_ReturnsEveryInputWithItsOwnOutcome()
    {
        var mock = new MockV2().Returns<PostInputsRequest, MultiInputResponse>(
            Responses.Inputs(StatusCode.MixedStatus, ("a", StatusCode.InputPending), ("b", StatusCode.InputDuplicate), ("c", StatusCode.InputInvalidUrl)));
        using var client = TestClients.Create(mock);

        var result = await client.Inputs.AddAsync(new[] { "a", "b", "c" }.Select(id => NewInput.FromUrl($"https://example.test/{id}.jpg").WithId(id)));

        Assert.Multiple(() =>
        {
            Assert.That(result.Status.Code, Is.EqualTo(StatusCode.MixedStatus));
            Assert.That(result.AllSucceeded, Is.False);
            Assert.That(result.Inputs.Select(i => i.Id), Is.EqualTo(new[] { "a", "b", "c" }));
            Assert.That(result.Inputs[0].State, Is.EqualTo(InputState.Pending));
            Assert.That(result.Failed.Select(i => (i.Id, i.Status.Code)), Is.EqualTo(new[] { ("b", StatusCode.InputDuplicate), ("c", StatusCode.InputInvalidUrl) }));
        });
    }

    [Test]
    public async Task AddAsync_OnFailureWithItems_ReturnsTheItems_ButFailureWithoutItemsThrows()
    {
        var mock = new MockV2().Returns<PostInputsRequest, MultiInputResponse>(
            Responses.Inputs(StatusCode.Failure, ("a", StatusCode.InputDuplicate)),
            Responses.Inputs(StatusCode.Failure));
        using var client = TestClients.Create(mock);
        NewInput[] one = [NewInput.FromUrl("https://example.test/a.jpg")];

        var result = await client.Inputs.AddAsync(one);
        var ex = await Assert.ThrowsAsync<ClarifaiException>(() => client.Inputs.AddAsync(one));

        Assert.Multiple(() =>
        {
            Assert.That(result.AllSucceeded, Is.False);
            Assert.That(result.Failed.Single().Status.Code, Is.EqualTo(StatusCode.InputDuplicate));
            Assert.That(ex!.Code, Is.EqualTo(StatusCode.Failure));
        });
    }

    [Test]
    public async Task AddAsync_RefusesBadInput_BeforeAnyCall()
    {
        var mock = new MockV2();
        using var client = TestClients.Create(mock);

        var tooMany = Enumerable.Range(0, 129).Select(i => NewInput.FromUrl($"https://example.test/{i}.jpg")).ToList();

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Inputs.AddAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Inputs.AddAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Inputs.AddAsync([null!]));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Inputs.AddAsync(tooMany));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Inputs.GetAsync(""));

        Assert.That(ex!.Message, Does.Contain("129").And.Contain("128"));
        Assert.That(mock.Calls, Is.Empty);
    }

    [Test]
    public async Task NewInput_RefusesBadValues()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => NewInput.FromFileAsync(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".jpg")));
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => NewInput.FromUrl("not a url"));
            Assert.Throws<ArgumentException>(() => NewInput.FromUrl("ftp://example.test/a.jpg"));
            Assert.Throws<ArgumentException>(() => NewInput.FromBytes([]));
            Assert.Throws<ArgumentException>(() => NewInput.FromUrl("https://example.test/a.jpg").WithId("has space"));
            Assert.Throws<ArgumentException>(() => NewInput.FromUrl("https://example.test/a.jpg").WithConcepts());
            Assert.Throws<ArgumentException>(() => NewInput.FromUrl("https://example.test/a.jpg").WithoutConcepts(""));
        });
    }

    [Test]
    public async Task NewInput_FromFileAndStream_ReadTheContent()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, Jpeg);
            var fromFile = await NewInput.FromFileAsync(path);
            await using var stream = new MemoryStream(Jpeg);
            var fromStream = await NewInput.FromStreamAsync(stream);

            Assert.Multiple(() =>
            {
                Assert.That(fromFile.ToProto().Data.Image.Base64.ToByteArray(), Is.EqualTo(Jpeg));
                Assert.That(fromStream.ToProto().Data.Image.Base64.ToByteArray(), Is.EqualTo(Jpeg));
                Assert.That(fromFile.ContentLength, Is.EqualTo(Jpeg.Length));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task WaitForProcessingAsync_PollsPendingInputsUntilEachIsProcessedOrFailed()
    {
        var time = new InstantTimeProvider();
        // Input a: pending, then processed. Input b: in progress twice, then failed.
        var script = new Dictionary<string, Queue<StatusCode>>
        {
            ["a"] = new([StatusCode.InputPending, StatusCode.InputSuccess]),
            ["b"] = new([StatusCode.InputInProgress, StatusCode.InputInProgress, StatusCode.InputFailed]),
        };
        var mock = new MockV2().On<ListInputsRequest, MultiInputResponse>(r => GrpcCalls.Unary(Responses.Inputs(StatusCode.Success, r.Ids.Select(id => (id, script[id].Dequeue())).ToArray())));
        using var client = TestClients.Create(mock, time);

        var inputs = await client.Inputs.WaitForProcessingAsync(["b", "a"]);

        Assert.Multiple(() =>
        {
            Assert.That(inputs.Select(i => (i.Id, i.State)), Is.EqualTo(new[] { ("b", InputState.Failed), ("a", InputState.Processed) }), "in the order asked");
            Assert.That(mock.Calls.Select(c => string.Join(",", ((ListInputsRequest)c.Request).Ids)), Is.EqualTo(new[] { "b,a", "b,a", "b" }), "one ListInputs per poll, for those still waiting");
            Assert.That(time.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(130) }));
        });
    }

    [Test]
    public async Task WaitForProcessingAsync_GivesUpAfterTheTimeout()
    {
        var mock = new MockV2().On<ListInputsRequest, MultiInputResponse>(r => GrpcCalls.Unary(Responses.Inputs(StatusCode.Success, r.Ids.Select(id => (id, StatusCode.InputPending)).ToArray())));
        using var client = TestClients.Create(mock);

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.Inputs.WaitForProcessingAsync(["a"], TimeSpan.FromSeconds(2)));

        Assert.That(ex!.Message, Does.Contain("1 of 1 inputs"));
    }

    [Test]
    public async Task WaitForProcessingAsync_ForAnIdTheServerDoesNotKnow_ThrowsNotFound()
    {
        var mock = new MockV2().On<ListInputsRequest, MultiInputResponse>(_ => GrpcCalls.Unary(Responses.Inputs(StatusCode.Success, ("a", StatusCode.InputPending))));
        using var client = TestClients.Create(mock);

        var ex = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => client.Inputs.WaitForProcessingAsync(["a", "ghost"]));

        Assert.That(ex!.Details, Does.Contain("ghost"));
    }

    [Test]
    public async Task WaitForProcessingAsync_RefusesBadArguments()
    {
        using var client = TestClients.Create(new MockV2());

        await Assert.ThrowsAsync<ArgumentException>(() => client.Inputs.WaitForProcessingAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Inputs.WaitForProcessingAsync([""]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Inputs.WaitForProcessingAsync(["a"], TimeSpan.FromSeconds(-1)));
    }

    [Test]
    public async Task DeleteAsync_SendsEachIdOnce_In128s_AndRefusesBadIdsBeforeAnyCall()
    {
        var mock = new MockV2().Returns<DeleteInputsRequest, Clarifai.Api.Status.BaseResponse>(new Clarifai.Api.Status.BaseResponse { Status = Responses.Status(StatusCode.Success) });
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Inputs.DeleteAsync(["ok", "not ok"]));
        await client.Inputs.DeleteAsync(Enumerable.Range(0, 300).Select(i => $"x{i}").Append("x0"));

        Assert.That(mock.Calls.Select(c => ((DeleteInputsRequest)c.Request).Ids.Count), Is.EqualTo(new[] { 128, 128, 44 }));
    }
}
