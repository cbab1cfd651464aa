using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;

namespace Clarifai.Grpc.Wrapper.Tests.Uploads;

/// <summary>
/// A folder is read in one stable, documented order, and a file that cannot be an input (empty, too large, not an image
/// by its content, gone) ends the reading there with its path — after every file before it is uploaded — or is skipped
/// and named when the caller asks.
/// </summary>
[TestFixture]
public sealed class DirectorySourceTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    private string _root = null!;

    [SetUp]
    public void CreateFolder() => _root = Directory.CreateTempSubdirectory("clarifai-folder-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, byte[] content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    private static byte[] Image(int n) => [.. Png, (byte)n, (byte)(n >> 8)];

    [Test]
    public void AFolder_IsListedInOneStableOrder_EachFoldersFilesByOrdinalName_ThenItsSubfolders()
    {
        foreach (var name in new[] { "b.png", "B.png", "a.png", "sub/z.png", "sub/deeper/a.png", "sub/a.png", "a/c.png", "10.png", "9.png" }) Write(name, Png);

        var listed = new DirectoryUploadOptions().FilesIn(_root).Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/')).ToList();

        Assert.That(listed, Is.EqualTo(new[] { "10.png", "9.png", "B.png", "a.png", "b.png", "a/c.png", "sub/a.png", "sub/z.png", "sub/deeper/a.png" }));
    }

    [TestCase(0, "the file is empty.")]
    [TestCase(-1, "the file is not an image: its content is not JPEG, PNG, GIF, BMP, TIFF or WebP.")]
    [TestCase(20 * 1024 * 1024 + 1, "the file is 20,971,521 bytes; Clarifai takes images of at most 20,971,520 bytes (20 MB).")]
    public async Task ABadFileAfter60Images_EndsTheUploadWithItsPath_AfterAll60AreUploaded(int size, string problem)
    {
        for (var i = 0; i < 60; i++) Write($"img-{i:D3}.png", Image(i));
        Write("img-060.png", size < 0 ? "a text saved as .png"u8.ToArray() : new byte[size].Select((_, i) => i < Png.Length ? Png[i] : (byte)0).ToArray());
        Write("img-061.png", Image(61));
        var store = new FakeInputStore();
        using var client = TestClients.Create(new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer));

        var outcomes = new List<UploadOutcome>();
        var upload = client.Uploads.UploadDirectoryAsync(_root, options: new UploadOptions { BatchSize = 16 });
        var error = await Assert.ThrowsAsync<UploadSourceException>(async () =>
        {
            await foreach (var outcome in upload) outcomes.Add(outcome);
        });

        Assert.Multiple(() =>
        {
            Assert.That(error!.Location, Is.EqualTo(Path.Combine(_root, "img-060.png")));
            Assert.That(error.Problem, Is.EqualTo(problem));
            Assert.That(outcomes.Count(o => o.Succeeded), Is.EqualTo(60), "every image before it, the half-filled batch included");
            Assert.That(store.StoredIds, Has.Count.EqualTo(60));
            Assert.That(upload.Summary!.Total, Is.EqualTo(60));
        });
    }

    [Test]
    public async Task WithACallback_BadFilesAreNamedAndSkipped_AndTheRestIsRead()
    {
        Write("a.png", Image(1));
        Write("b.png", []);
        Write("c.png", "text"u8.ToArray());
        Write("d.png", Image(2));
        var skipped = new List<UploadSourceException>();

        var inputs = new List<NewInput>();
        await foreach (var input in new DirectoryUploadOptions().ReadInputsAsync(_root, skipped.Add)) inputs.Add(input);

        Assert.Multiple(() =>
        {
            Assert.That(inputs, Has.Count.EqualTo(2));
            Assert.That(skipped.Select(e => Path.GetFileName(e.Location)), Is.EqualTo(new[] { "b.png", "c.png" }));
            Assert.That(skipped[0].Message, Does.StartWith(Path.Combine(_root, "b.png") + ": the file is empty"));
        });
    }

    [Test]
    public async Task AFileDeletedAfterTheListing_IsNamedAsGone()
    {
        Write("a.png", Image(1));
        var options = new DirectoryUploadOptions();

        var error = await Assert.ThrowsAsync<UploadSourceException>(() => options.ReadFileAsync(_root, Path.Combine(_root, "vanished.png")));

        Assert.That(error!.Problem, Is.EqualTo("the file is gone (deleted or moved after the folder was listed)."));
    }

    [Test]
    public void ImageSignatures_TellImagesFromOtherContent()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ImageSignature.IsImage([0xFF, 0xD8, 0xFF, 0xDB]), Is.True, "JPEG");
            Assert.That(ImageSignature.IsImage(Png), Is.True, "PNG");
            Assert.That(ImageSignature.IsImage("GIF89a..."u8), Is.True, "GIF");
            Assert.That(ImageSignature.IsImage("RIFF\0\0\0\0WEBPVP8 "u8), Is.True, "WebP");
            Assert.That(ImageSignature.IsImage("RIFF\0\0\0\0WAVEfmt "u8), Is.False, "a WAV is RIFF too");
            Assert.That(ImageSignature.IsImage([(byte)'I', (byte)'I', 0x2A, 0x00]), Is.True, "TIFF");
            Assert.That(ImageSignature.IsImage("BM0123456789ab"u8), Is.True, "BMP");
            Assert.That(ImageSignature.IsImage("hello, world"u8), Is.False);
            Assert.That(ImageSignature.IsImage([]), Is.False);
        });
    }
}
