using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>The emulator's command line: every fault and setting it documents, and clear errors for bad values.</summary>
[TestFixture]
public sealed class EmulatorCommandLineTests
{
    [Test]
    public void EveryOption_SetsItsValue()
    {
        var options = EmulatorCommandLine.Parse(
        [
            "--port", "0", "--rest-port", "6001", "--key", "k", "--app-key", "ak:ann/photos", "--app-key", "ak2:bob/docs", "--allow-url-host", "images.example.test", "--training-ms", "50", "--sink", "--offline-samples",
            "--latency-ms", "20", "--unavailable-rate", "0.2", "--throttle-rate", "0.1", "--lost-response-rate", "0.05",
            "--input-failure-rate", "0.05", "--max-rps", "100", "--seed", "7",
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(options.Port, Is.Zero);
            Assert.That(options.RestPort, Is.EqualTo(6001));
            Assert.That(options.ApiKey, Is.EqualTo("k"));
            Assert.That(options.AppKeys, Is.EqualTo(new[] { new EmulatorAppKey("ak", "ann", "photos"), new EmulatorAppKey("ak2", "bob", "docs") }));
            Assert.That(options.AllowedUrlHosts, Does.Contain("images.example.test").And.Contain("127.0.0.1"));
            Assert.That(options.TrainingDuration, Is.EqualTo(TimeSpan.FromMilliseconds(50)));
            Assert.That(options.Sink, Is.True);
            Assert.That(options.OfflineSamples, Is.True);
            Assert.That(options.Faults, Is.EqualTo(new FaultOptions
            {
                Latency = TimeSpan.FromMilliseconds(20), UnavailableRate = 0.2, ThrottleRate = 0.1, LostResponseRate = 0.05,
                InputFailureRate = 0.05, MaxRequestsPerSecond = 100, Seed = 7,
            }));
        });
    }

    [Test]
    public void TheDefaults_AreLoopbackPort5080AndTheDevelopmentKey()
    {
        var options = EmulatorCommandLine.Parse([]);

        Assert.Multiple(() =>
        {
            Assert.That(options.Port, Is.EqualTo(5080));
            Assert.That(options.ApiKey, Is.EqualTo(EmulatorOptions.DevelopmentKey));
            Assert.That(options.AppKeys, Is.EqualTo(new[] { new EmulatorAppKey(EmulatorOptions.DevelopmentAppKey, "emulator-user", "emulator-app") }));
            Assert.That(options.Faults.Any, Is.False);
            Assert.That(options.Sink, Is.False);
        });
    }

    [Test]
    public void Keys_ComeFromTheEnvironment_WhenTheCommandLineGivesNone_AndABadOneIsNeverQuoted()
    {
        var environment = new Dictionary<string, string>
        {
            [EmulatorCommandLine.KeyVariable] = "pat-from-env",
            [EmulatorCommandLine.AppKeyVariable] = "app-key-from-env:ann/photos",
        };
        string? Read(string name) => environment.GetValueOrDefault(name);

        var fromEnvironment = EmulatorCommandLine.Parse([], Read, out var keyFromEnvironment, out var appKeyFromEnvironment);
        var fromCommandLine = EmulatorCommandLine.Parse(["--key", "k", "--app-key", "ak:bob/docs"], Read, out var keyFromCommandLineFlag, out var appKeyFromCommandLineFlag);
        environment[EmulatorCommandLine.AppKeyVariable] = "secret-without-app";

        Assert.Multiple(() =>
        {
            Assert.That(fromEnvironment.ApiKey, Is.EqualTo("pat-from-env"));
            Assert.That(fromEnvironment.AppKeys, Is.EqualTo(new[] { new EmulatorAppKey("app-key-from-env", "ann", "photos") }));
            Assert.That((keyFromEnvironment, appKeyFromEnvironment), Is.EqualTo((true, true)), "taken from the environment: not to be printed");
            Assert.That((keyFromCommandLineFlag, appKeyFromCommandLineFlag), Is.EqualTo((false, false)));
            Assert.That(fromCommandLine.ApiKey, Is.EqualTo("k"));
            Assert.That(fromCommandLine.AppKeys, Is.EqualTo(new[] { new EmulatorAppKey("ak", "bob", "docs") }));
            Assert.That(
                () => EmulatorCommandLine.Parse([], Read),
                Throws.ArgumentException.With.Message.Contains(EmulatorCommandLine.AppKeyVariable).And.Message.Not.Contains("secret"));
        });
    }

    [Test]
    public void PortZero_PicksAFreeRestPortToo_SoTwoServersDoNotCollide()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EmulatorCommandLine.Parse(["--port", "0"]).RestPort, Is.Zero);
            Assert.That(EmulatorCommandLine.Parse(["--port", "0", "--rest-port", "6002"]).RestPort, Is.EqualTo(6002));
            Assert.That(EmulatorCommandLine.Parse([]).RestPort, Is.EqualTo(5081));
            Assert.That(EmulatorCommandLine.Parse([]).OfflineSamples, Is.False);
        });
    }

    [TestCase("--unavailable-rate", "1.5")]
    [TestCase("--port", "70000")]
    [TestCase("--latency-ms", "-1")]
    public void OutOfRangeValues_AreRefused(string option, string value) =>
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => EmulatorCommandLine.Parse([option, value]));

    [Test]
    public void UnknownOptionsAndMissingValues_AreRefusedWithTheirName()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => EmulatorCommandLine.Parse(["--nope"]), Throws.ArgumentException.With.Message.Contains("--nope"));
            Assert.That(() => EmulatorCommandLine.Parse(["--seed"]), Throws.ArgumentException.With.Message.Contains("--seed"));
            Assert.That(() => EmulatorCommandLine.Parse(["--seed", "x"]), Throws.InstanceOf<FormatException>());
            Assert.That(() => EmulatorCommandLine.Parse(["--app-key", "no-app"]), Throws.ArgumentException.With.Message.Contains("KEY:USER/APP"));
            Assert.That(() => EmulatorCommandLine.Parse(["--key", "same", "--app-key", "same:u/a"]), Throws.ArgumentException.With.Message.Contains("different"));
        });
    }
}
