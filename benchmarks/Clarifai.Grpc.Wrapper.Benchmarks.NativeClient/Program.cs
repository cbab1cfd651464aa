using System.Globalization;
using Clarifai.Grpc.Wrapper.Benchmarks.External;

// native-client client <scenario> <endpoint> <key> <count>: the benchmark's "client" mode, natively (see the csproj).
if (args.Length != 5 || args[0] != "client")
{
    Console.Error.WriteLine("usage: native-client client <scenario> <endpoint> <key> <count>");
    return 64;
}

return await ClientRun.RunAsync(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture));
