using System.Text.Json.Nodes;
using Clarifai.Cli;
using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>The <c>clarifai</c> command against the local server: upload with resume, predict, models list, exit codes, JSON.</summary>
[TestFixture]
public sealed class CommandLineToolTests : SharedEmulatorFixture
{
    private Task<(int Exit, string Output, string Error)> RunAsync(string appId, params string[] args) => RunAsync(appId, interactive: false, args);

    private Task<(int Exit, string Output, string Error)> RunAsync(string appId, bool interactive, params string[] args) =>
        ToolRun.AgainstAsync(Emulator, appId, args, interactive);

    private static string Folder()
    {
        var root = Path.Combine(Path.GetTempPath(), "clarifai-cli-" + Guid.NewGuid().ToString("N"));
        foreach (var (concept, palette) in new[] { ("warm", ScenePalette.Warm), ("cold", ScenePalette.Cold) })
        {
            Directory.CreateDirectory(Path.Combine(root, concept));
            for (var i = 0; i < 6; i++) File.WriteAllBytes(Path.Combine(root, concept, $"{i}.png"), SceneGenerator.Png(palette, i + (palette == ScenePalette.Warm ? 0 : 100)));
        }

        return root;
    }

    [Test]
    public async Task Upload_SendsTheFolderWithConceptsFromSubFolders_AndAResumedRunSkipsWhatIsDone()
    {
        var appId = EmulatorClients.NewAppId();
        var folder = Folder();
        var checkpoint = Path.Combine(folder, "job.checkpoint.db");

        var first = await RunAsync(appId, "upload", folder, "--json", "--resume", checkpoint, "--rate", "50");
        var again = await RunAsync(appId, "upload", folder, "--json", "--resume", checkpoint);

        var firstSummary = JsonNode.Parse(first.Output)!;
        var againSummary = JsonNode.Parse(again.Output)!;
        using var clarifai = EmulatorClients.Create(Emulator, appId);
        var concepts = new List<string>();
        await foreach (var input in clarifai.Inputs.ListAsync()) concepts.AddRange(input.Concepts.Select(c => c.Id));
        Assert.Multiple(() =>
        {
            Assert.That(first.Exit, Is.EqualTo(0), first.Error);
            Assert.That((string?)firstSummary["result"], Is.EqualTo("All"));
            Assert.That((int)firstSummary["succeeded"]!, Is.EqualTo(12));
            Assert.That((again.Exit, (int)againSummary["skipped"]!, (int)againSummary["succeeded"]!), Is.EqualTo((0, 12, 0)), "the resumed run sends nothing");
            Assert.That(Emulator.CountInputs(EmulatorClients.UserId, appId), Is.EqualTo(12));
            Assert.That(concepts.Distinct(), Is.EquivalentTo(new[] { "warm", "cold" }));
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task Upload_OnATerminal_ShowsLiveProgress_DoneFailedRetriedAndRate_ThenTheSummary()
    {
        var appId = EmulatorClients.NewAppId();
        var folder = Folder();

        var run = await RunAsync(appId, interactive: true, "upload", folder);

        TestContext.Out.WriteLine(run.Output);
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(0), run.Error);
            Assert.That(run.Output, Does.Match(@"12 done, 0 failed, 0 re-sent, \d+ inputs/s"), "the progress line, at its last update");
            Assert.That(run.Output, Does.Contain("100%"));
            Assert.That(run.Output, Does.Contain("12 succeeded"), "the summary after the display");
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task Upload_ReadsCsvAndJsonLines_WithConceptsMetadataAndFiles()
    {
        var appId = EmulatorClients.NewAppId();
        var folder = Directory.CreateTempSubdirectory("clarifai-cli-rows-");
        await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "warm.png"), SceneGenerator.Png(ScenePalette.Warm, 1));
        var csv = Path.Combine(folder.FullName, "inputs.csv");
        await File.WriteAllTextAsync(csv, """"
            id,text,file,concepts,negative_concepts,metadata
            note-1,"a note, with a comma and ""quotes""",,news;sport,weather,"{""source"": ""csv""}"
            image-1,,warm.png,warm,,

            """");
        var jsonl = Path.Combine(folder.FullName, "inputs.jsonl");
        await File.WriteAllLinesAsync(jsonl, [
            """{"id": "note-2", "text": "a line of JSON", "concepts": ["news"], "metadata": {"source": "jsonl"}}""",
            "",
            """{"text": "no id: named by its content", "negative_concepts": ["sport"]}""",
        ]);

        var fromCsv = await RunAsync(appId, "upload", csv, "--json");
        var fromJsonl = await RunAsync(appId, "upload", jsonl, "--json");

        using var clarifai = EmulatorClients.Create(Emulator, appId);
        var stored = new Dictionary<string, ClarifaiInput>();
        await foreach (var input in clarifai.Inputs.ListAsync()) stored[input.Id] = input;
        Assert.Multiple(() =>
        {
            Assert.That((fromCsv.Exit, (int)JsonNode.Parse(fromCsv.Output)!["succeeded"]!), Is.EqualTo((0, 2)), fromCsv.Error);
            Assert.That((fromJsonl.Exit, (int)JsonNode.Parse(fromJsonl.Output)!["succeeded"]!), Is.EqualTo((0, 2)), fromJsonl.Error);
            Assert.That(stored.Keys, Is.SupersetOf(new[] { "note-1", "image-1", "note-2" }));
            Assert.That(stored, Has.Count.EqualTo(4));
            Assert.That(stored["note-1"].Concepts.Select(c => (c.Id, c.Value)), Is.EquivalentTo(new[] { ("news", 1f), ("sport", 1f), ("weather", 0f) }));
            Assert.That(stored["note-1"].Proto.Data.Metadata.Fields["source"].StringValue, Is.EqualTo("csv"));
            Assert.That(stored["note-2"].Proto.Data.Metadata.Fields["source"].StringValue, Is.EqualTo("jsonl"));
            Assert.That(stored["image-1"].Concepts.Select(c => c.Id), Is.EqualTo(new[] { "warm" }));
        });
        folder.Delete(recursive: true);
    }

    [Test]
    public async Task Upload_OfABadRow_StopsThere_WithItsFileAndLine_AfterUploadingTheRowsBefore()
    {
        var appId = EmulatorClients.NewAppId();
        var folder = Directory.CreateTempSubdirectory("clarifai-cli-bad-");
        var jsonl = Path.Combine(folder.FullName, "inputs.jsonl");
        await File.WriteAllLinesAsync(jsonl, [
            """{"text": "first"}""",
            """{"text": "second"}""",
            """{"text": "third", "url": "https://example.test/also.jpg"}""",
            """{"text": "never read"}""",
        ]);
        var csv = Path.Combine(folder.FullName, "inputs.csv");
        await File.WriteAllLinesAsync(csv, ["text,colour", "red,1"]);

        var bad = await RunAsync(appId, "upload", jsonl, "--json");
        var badHeader = await RunAsync(appId, "upload", csv, "--json");

        Assert.Multiple(() =>
        {
            Assert.That(bad.Exit, Is.EqualTo(65));
            Assert.That(bad.Error, Does.Contain("inputs.jsonl:3: a row needs exactly one of url, file or text; it has 2."));
            Assert.That((int)JsonNode.Parse(bad.Output)!["succeeded"]!, Is.EqualTo(2), "the rows before it were uploaded");
            Assert.That(Emulator.CountInputs(EmulatorClients.UserId, appId), Is.EqualTo(2));
            Assert.That(badHeader.Exit, Is.EqualTo(65));
            Assert.That(badHeader.Error, Does.Contain("inputs.csv:1: unknown column 'colour'"));
        });
        folder.Delete(recursive: true);
    }

    [Test]
    public async Task Predict_TakesAModelUrlAndAText_AndModelsList_ShowsTheApps()
    {
        var appId = EmulatorClients.NewAppId();
        using (var clarifai = EmulatorClients.Create(Emulator, appId)) await clarifai.Models.CreateAsync("pets", ["charlie"]);

        var predicted = await RunAsync(appId, "predict", "https://clarifai.com/clarifai/main/models/echo-llm", "hello there", "--json");
        var listed = await RunAsync(appId, "models", "list", "--json");
        var plain = await RunAsync(appId, "predict", "https://clarifai.com/clarifai/main/models/echo-llm", "hi");

        Assert.Multiple(() =>
        {
            Assert.That(predicted.Exit, Is.EqualTo(0), predicted.Error);
            Assert.That((string?)JsonNode.Parse(predicted.Output)!["text"], Is.EqualTo("Echo: hello there"));
            Assert.That(JsonNode.Parse(listed.Output)!.AsArray().Select(m => (string?)m!["id"]), Is.EqualTo(new[] { "pets" }));
            Assert.That(plain.Output.Trim(), Is.EqualTo("Echo: hi"));
        });
    }

    [Test]
    public async Task ModelsCreateAndTrain_AndInputsListAndDelete_Work()
    {
        var appId = EmulatorClients.NewAppId();
        var folder = Folder();
        await RunAsync(appId, "upload", folder, "--json");

        var created = await RunAsync(appId, "models", "create", "temperature", "warm", "cold", "--json");
        var trained = await RunAsync(appId, "models", "train", "temperature", "--json");
        var listed = await RunAsync(appId, "inputs", "list", "--json");
        var ids = JsonNode.Parse(listed.Output)!.AsArray().Select(i => (string)i!["id"]!).ToList();
        var deleted = await RunAsync(appId, "inputs", "delete", ids[0], ids[1], "--json");
        var noPositives = await RunAsync(appId, "models", "create", "unseen", "never-labelled", "--json");
        var failedTraining = await RunAsync(appId, "models", "train", "unseen", "--json");

        Assert.Multiple(() =>
        {
            Assert.That((created.Exit, (string?)JsonNode.Parse(created.Output)!["state"]), Is.EqualTo((0, "Untrained")), created.Error);
            Assert.That((trained.Exit, (string?)JsonNode.Parse(trained.Output)!["state"]), Is.EqualTo((0, "Trained")), trained.Error);
            Assert.That(ids, Has.Count.EqualTo(12));
            Assert.That(JsonNode.Parse(listed.Output)!.AsArray().SelectMany(i => i!["concepts"]!.AsArray().Select(c => (string)c!)).Distinct(), Is.EquivalentTo(new[] { "warm", "cold" }));
            Assert.That((deleted.Exit, (int)JsonNode.Parse(deleted.Output)!["deleted"]!), Is.EqualTo((0, 2)));
            Assert.That(Emulator.CountInputs(EmulatorClients.UserId, appId), Is.EqualTo(10));
            Assert.That(noPositives.Exit, Is.EqualTo(0));
            Assert.That((failedTraining.Exit, (string?)JsonNode.Parse(failedTraining.Output)!["state"]), Is.EqualTo((2, "Failed")), "training without positives fails, and the exit code says so");
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task Upload_WithAWrongKey_FailsBeforeReadingTheSource()
    {
        var folder = Directory.CreateTempSubdirectory("clarifai-cli-key-");
        var jsonl = Path.Combine(folder.FullName, "inputs.jsonl");
        await File.WriteAllLinesAsync(jsonl, ["""{"text": "a bad row: two contents", "url": "https://example.test/a.jpg"}"""]);
        var (exit, output, error) = await ToolRun.RunAsync(["upload", jsonl, "--json", "--endpoint", Emulator.Endpoint.ToString(), "--insecure", "--key", "wrong-key", "--user", "u", "--app", "a"]);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2), "Clarifai refused the key; the source's bad first row (exit 65) was never read");
            Assert.That(error, Does.Not.Contain("inputs.jsonl:1"));
            Assert.That(output, Is.Empty, "no upload, so no summary");
        });
        folder.Delete(recursive: true);
    }

    [Test]
    public async Task ExitCodes_TellUsageErrorsAndRefusalsApart()
    {
        var noKey = await ToolRun.RunAsync(["models", "list", "--endpoint", Emulator.Endpoint.ToString(), "--insecure"]);
        var badOption = await ToolRun.RunAsync(["upload"]);
        var wrongKey = await ToolRun.RunAsync(["models", "list", "--endpoint", Emulator.Endpoint.ToString(), "--insecure", "--key", "wrong-key", "--user", "u", "--app", "a"]);

        Assert.Multiple(() =>
        {
            Assert.That(noKey.Exit, Is.EqualTo(64), "no key configured");
            Assert.That(badOption.Exit, Is.EqualTo(64), "a missing argument");
            Assert.That(wrongKey.Exit, Is.EqualTo(2), "Clarifai refused");
            Assert.That(wrongKey.Error, Is.Not.Empty.And.Not.Contain("wrong-key"), "the refusal is told, and the key never appears in a message");
        });
    }

    [Test]
    public async Task ModelsMethods_PrintsTheSignatures_AndPredictMethod_CallsEachKind()
    {
        var appId = EmulatorClients.NewAppId();
        const string Chat = "https://clarifai.com/clarifai/main/models/echo-chat";

        var methods = await RunAsync(appId, "models", "methods", Chat);
        var methodsJson = await RunAsync(appId, "models", "methods", Chat, "--json");
        var older = await RunAsync(appId, "models", "methods", "https://clarifai.com/clarifai/main/models/echo-llm");
        var unary = await RunAsync(appId, "predict", Chat, "--method", "predict", "--arg", "prompt=one two three", "--arg", "max_tokens=3", "--json");
        var generated = await RunAsync(appId, "predict", Chat, "--method", "generate", "--arg", "prompt=good morning");
        var streamed = await RunAsync(appId, "predict", Chat, "--method", "stream", "--arg", "prefix=Got", "--item", "a", "--item", "b", "--json");
        var badValue = await RunAsync(appId, "predict", Chat, "--method", "predict", "--arg", "max_tokens=many");
        var unknown = await RunAsync(appId, "predict", Chat, "--method", "predict", "--arg", "temprature=1");

        var received = Emulator.Traffic.MethodCalls().Last(c => c.Method == "predict" && c.ModelId == "echo-chat").Arguments;
        Assert.Multiple(() =>
        {
            Assert.That(methods.Exit, Is.EqualTo(0), methods.Error);
            Assert.That(methods.Output, Does.Contain("def predict(prompt: str = \"\", chat_history: List[JSON] = null").And.Contain("# generate"));
            Assert.That(JsonNode.Parse(methodsJson.Output)!["methods"]!.AsArray().Select(m => (string?)m!["name"]), Does.Contain("openai_transport"));
            Assert.That(older.Output, Does.Contain("older kind"));
            Assert.That(unary.Exit, Is.EqualTo(0), unary.Error);
            Assert.That((string?)JsonNode.Parse(unary.Output)!["result"], Is.EqualTo("Echo: one two"));
            Assert.That(received["max_tokens"], Is.EqualTo(3L), "the text 3 went out as the declared int");
            Assert.That(generated.Output.Trim(), Is.EqualTo("Echo: good morning"));
            Assert.That(streamed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (string?)JsonNode.Parse(l)!["result"]), Is.EqualTo(new[] { "Got a", "Got b" }));
            Assert.That(badValue.Exit, Is.EqualTo(ExitCodes.Usage));
            Assert.That(badValue.Error, Does.Contain("--arg max_tokens: 'many' is not int"));
            Assert.That(unknown.Error, Does.Contain("no parameter 'temprature'"));
        });
    }
}
