using System.Globalization;

namespace Clarifai.Grpc.Emulator;

/// <summary>Reads <see cref="EmulatorOptions"/> from command-line arguments.</summary>
internal static class EmulatorCommandLine
{
    public const string Usage = """
        Clarifai emulator: a Clarifai-compatible gRPC server on 127.0.0.1 over HTTP/2 without TLS.

        Options:
          --port N                   gRPC port to listen on (default 5080; 0 picks a free one, and a free REST port too)
          --rest-port N              REST port to listen on (default 5081, or a free one with --port 0; 0 picks a free one)
          --key KEY                  the personal access token clients may send (default: the development PAT)
          --app-key KEY:USER/APP     an app-scoped key bound to USER/APP (repeatable; replaces the default app key)
          --allow-url-host HOST      also fetch image URLs from HOST (repeatable; loopback is always allowed)
          --training-ms N            how long training takes (default 200)
          --sink                     answer PostInputs and PostModelOutputs with success, storing nothing (load tests)
          --offline-samples          answer https://samples.clarifai.com/... image URLs from built-in images (nothing fetched)
          --latency-ms N             fault: latency added to every request
          --unavailable-rate P       fault: share of requests answered gRPC Unavailable (0..1)
          --throttle-rate P          fault: share of requests answered 11005 CONN_THROTTLED (0..1)
          --lost-response-rate P     fault: share of handled requests whose answer is replaced by Unavailable (0..1)
          --input-failure-rate P     fault: share of added inputs that fail with 30002 (0..1)
          --max-rps N                fault: at most N requests per second, the rest get 11005
          --seed N                   seed of the fault draws (default 42)
          --help                     this text

        Environment (so that an orchestrator need not put secrets on a command line):
          CLARIFAI_LOCAL_SERVER_KEY      the personal access token, when --key is not given
          CLARIFAI_LOCAL_SERVER_APP_KEY  an app key as KEY:USER/APP, when no --app-key is given
        Keys taken from the environment are not printed.
        """;

    /// <summary>The environment variable that holds the personal access token when <c>--key</c> is not given.</summary>
    public const string KeyVariable = "CLARIFAI_LOCAL_SERVER_KEY";

    /// <summary>The environment variable that holds an app key (<c>KEY:USER/APP</c>) when no <c>--app-key</c> is given.</summary>
    public const string AppKeyVariable = "CLARIFAI_LOCAL_SERVER_APP_KEY";

    /// <summary>Reads the options from <paramref name="args"/>, then the environment for the keys not given there.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="environment">Reads an environment variable; <see langword="null"/> for none.</param>
    /// <returns>The options, validated.</returns>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value or has a bad one.</exception>
    public static EmulatorOptions Parse(IReadOnlyList<string> args, Func<string, string?>? environment = null) =>
        Parse(args, environment, out _, out _);

    /// <summary>Reads the options, and says which keys came from the environment (those are not to be printed).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="environment">Reads an environment variable; <see langword="null"/> for none.</param>
    /// <param name="keyFromEnvironment">Whether the token came from <see cref="KeyVariable"/>.</param>
    /// <param name="appKeyFromEnvironment">Whether the app key came from <see cref="AppKeyVariable"/>.</param>
    /// <returns>The options, validated.</returns>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value or has a bad one.</exception>
    public static EmulatorOptions Parse(IReadOnlyList<string> args, Func<string, string?>? environment, out bool keyFromEnvironment, out bool appKeyFromEnvironment)
    {
        keyFromEnvironment = false;
        appKeyFromEnvironment = false;
        var options = new EmulatorOptions { Port = 5080, RestPort = 5081 };
        var faults = FaultOptions.None;
        var hosts = options.AllowedUrlHosts.ToList();
        List<EmulatorAppKey>? appKeys = null;
        var restPortGiven = false;
        var keyGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Int() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            double Rate() => double.Parse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture);
            switch (name)
            {
                case "--port": options = options with { Port = Int() }; break;
                case "--rest-port": options = options with { RestPort = Int() }; restPortGiven = true; break;
                case "--key": options = options with { ApiKey = Value() }; keyGiven = true; break;
                case "--app-key": (appKeys ??= []).Add(EmulatorAppKey.Parse(Value())); break;
                case "--allow-url-host": hosts.Add(Value()); break;
                case "--training-ms": options = options with { TrainingDuration = TimeSpan.FromMilliseconds(Int()) }; break;
                case "--sink": options = options with { Sink = true }; break;
                case "--offline-samples": options = options with { OfflineSamples = true }; break;
                case "--latency-ms": faults = faults with { Latency = TimeSpan.FromMilliseconds(Int()) }; break;
                case "--unavailable-rate": faults = faults with { UnavailableRate = Rate() }; break;
                case "--throttle-rate": faults = faults with { ThrottleRate = Rate() }; break;
                case "--lost-response-rate": faults = faults with { LostResponseRate = Rate() }; break;
                case "--input-failure-rate": faults = faults with { InputFailureRate = Rate() }; break;
                case "--max-rps": faults = faults with { MaxRequestsPerSecond = Int() }; break;
                case "--seed": faults = faults with { Seed = Int() }; break;
                default: throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (!keyGiven && environment?.Invoke(KeyVariable) is { Length: > 0 } key)
        {
            options = options with { ApiKey = key };
            keyFromEnvironment = true;
        }

        if (appKeys is null && environment?.Invoke(AppKeyVariable) is { Length: > 0 } appKey)
        {
            appKeys = [AppKeyFromEnvironment(appKey)];
            appKeyFromEnvironment = true;
        }

        options = options with { AllowedUrlHosts = hosts, Faults = faults, AppKeys = appKeys ?? options.AppKeys };

        // An ephemeral gRPC port asks for an ephemeral REST port too: two servers started with --port 0 must not collide.
        if (options.Port == 0 && !restPortGiven) options = options with { RestPort = 0 };
        options.Validate();
        return options;
    }

    // The variable holds a secret: a bad value is named by the variable, never quoted.
    private static EmulatorAppKey AppKeyFromEnvironment(string value)
    {
        try
        {
            return EmulatorAppKey.Parse(value);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"{AppKeyVariable} is not an app key of the form KEY:USER/APP.");
        }
    }
}
