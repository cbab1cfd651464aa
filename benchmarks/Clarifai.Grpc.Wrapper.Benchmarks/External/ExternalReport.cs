using System.Globalization;
using System.Text;

namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>
/// The external run's tables in Markdown: each figure as min–max over the rounds, then ours against the raw stub's as
/// ratios paired per round (round k of ours over round k of the raw pattern with the same concurrency), min–max and median.
/// </summary>
internal static class ExternalReport
{
    private static readonly (string Name, Func<ClientFigures, double> Value, string Format)[] UploadFigures =
    [
        ("steady CPU µs/input (optimized)", f => f.SteadyCpuUsPerOp, "0.0"),
        ("whole-process CPU µs/input", f => f.WholeCpuUsPerOp, "0.0"),
        ("first call CPU ms", f => f.FirstCallCpuMs, "0"),
        ("JIT methods at first call", f => f.FirstCallJittedMethods, "0"),
        ("allocated B/input (optimized)", f => f.AllocatedBytesPerOp, "0"),
        ("allocated per image byte (optimized)", f => f.AllocatedPerImageByte, "0.00"),
        ("inputs/s (optimized)", f => f.OpsPerSecond, "0"),
        ("context switches per 1k inputs (optimized)", f => f.ContextSwitchesPerOp * 1000, "0"),
        ("peak RSS MiB", f => f.PeakRssMiB, "0"),
        ("peak heap MiB", f => f.PeakHeapMiB, "0"),
    ];

    private static readonly (string Name, Func<ClientFigures, double> Value, string Format)[] PredictFigures =
    [
        ("p50 µs (optimized)", f => f.P50Us, "0"),
        ("p99 µs (optimized)", f => f.P99Us, "0"),
        ("CPU µs/call (optimized)", f => f.SteadyCpuUsPerOp, "0.0"),
        ("allocated B/call (optimized)", f => f.AllocatedBytesPerOp, "0"),
        ("context switches/call (optimized)", f => f.ContextSwitchesPerOp, "0.0"),
        ("whole-process CPU µs/call", f => f.WholeCpuUsPerOp, "0.0"),
        ("first call CPU ms", f => f.FirstCallCpuMs, "0"),
        ("JIT methods at first call", f => f.FirstCallJittedMethods, "0"),
        ("peak RSS MiB", f => f.PeakRssMiB, "0"),
    ];

    public static string Format(IReadOnlyDictionary<string, List<ClientFigures>> results, int rounds)
    {
        var text = new StringBuilder();
        Table(text, "Uploads", results.Where(r => r.Key.StartsWith("upload", StringComparison.Ordinal)).ToList(), UploadFigures, rounds);
        Table(text, "Predictions (one call at a time)", results.Where(r => r.Key.StartsWith("predict", StringComparison.Ordinal)).ToList(), PredictFigures, rounds);
        return text.ToString();
    }

    private static void Table(StringBuilder text, string title, List<KeyValuePair<string, List<ClientFigures>>> scenarios, (string Name, Func<ClientFigures, double> Value, string Format)[] figures, int rounds)
    {
        if (scenarios.Count == 0) return;
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}: min–max over {rounds} rounds");
        text.AppendLine();
        text.AppendLine("| figure | " + string.Join(" | ", scenarios.Select(s => s.Key)) + " |");
        text.AppendLine("|---|" + string.Concat(scenarios.Select(_ => "---:|")));
        foreach (var (name, value, format) in figures)
        {
            text.AppendLine("| " + name + " | " + string.Join(" | ", scenarios.Select(s => Range(s.Value.Select(value), format))) + " |");
        }

        text.AppendLine();
        var pairs = scenarios.Where(s => s.Key.Contains("-ours", StringComparison.Ordinal))
            .Select(s => (Ours: s, Raw: RawCounterpart(s.Key, scenarios)))
            .Where(p => p.Raw.Value is not null)
            .ToList();

        // A native scenario is also compared with the JIT raw stub: what a process gains by going native.
        pairs.AddRange(scenarios.Where(s => s.Key.EndsWith("@aot", StringComparison.Ordinal))
            .Select(s => (Ours: s, Raw: scenarios.FirstOrDefault(r => r.Key == s.Key[..^"@aot".Length].Replace("-ours", "-raw", StringComparison.Ordinal))))
            .Where(p => p.Raw.Value is not null));
        if (pairs.Count == 0) return;
        text.AppendLine("Ratios, ours ÷ raw, paired per round: median (min–max)");
        text.AppendLine();
        text.AppendLine("| figure | " + string.Join(" | ", pairs.Select(p => $"{p.Ours.Key} ÷ {p.Raw.Key}")) + " |");
        text.AppendLine("|---|" + string.Concat(pairs.Select(_ => "---:|")));
        foreach (var (name, value, _) in figures)
        {
            if (name.StartsWith("inputs/s", StringComparison.Ordinal)) continue; // a client-bound figure only where the sink keeps up; shown, not compared
            text.AppendLine("| " + name + " | " + string.Join(" | ", pairs.Select(p => Ratio(p.Ours.Value, p.Raw.Value, value))) + " |");
        }

        text.AppendLine();
    }

    /// <summary>
    /// The tool's runs: each figure min–max over the rounds, then against the JIT raw stub's upload (upload-raw:10),
    /// paired per round: whole-process CPU per input and peak RSS.
    /// </summary>
    public static string FormatTools(IReadOnlyDictionary<string, List<ToolFigures>> tools, int inputs, IReadOnlyDictionary<string, List<ClientFigures>> results, int rounds)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"The clarifai tool: upload of {inputs:N0} files, and one call (models list: start, answer, exit); min–max over {rounds} rounds");
        text.AppendLine();
        text.AppendLine("| figure | " + string.Join(" | ", tools.Keys) + " |");
        text.AppendLine("|---|" + string.Concat(tools.Select(_ => "---:|")));
        (string Name, Func<ToolFigures, double> Value, string Format)[] figures =
        [
            ("upload: whole-process CPU µs/input", f => f.UploadCpuMs * 1000 / inputs, "0.0"),
            ("upload: peak RSS MiB", f => f.UploadPeakRssMiB, "0"),
            ("one call: whole-process CPU ms", f => f.FirstCallCpuMs, "0"),
            ("one call: peak RSS MiB", f => f.FirstCallPeakRssMiB, "0"),
        ];
        foreach (var (name, value, format) in figures) text.AppendLine("| " + name + " | " + string.Join(" | ", tools.Values.Select(runs => Range(runs.Select(value), format))) + " |");
        text.AppendLine();

        if (results.TryGetValue("upload-raw:10", out var raw) && raw.Count == rounds)
        {
            text.AppendLine("Against the JIT raw stub's upload (upload-raw:10), paired per round: median (min–max)");
            text.AppendLine();
            text.AppendLine("| figure | " + string.Join(" | ", tools.Keys.Select(k => $"{k} ÷ raw JIT")) + " |");
            text.AppendLine("|---|" + string.Concat(tools.Select(_ => "---:|")));
            text.AppendLine("| whole-process CPU per input | " + string.Join(" | ", tools.Values.Select(runs => Paired(runs.Select(f => f.UploadCpuMs * 1000 / inputs), raw.Select(r => r.WholeCpuUsPerOp)))) + " |");
            text.AppendLine("| peak RSS | " + string.Join(" | ", tools.Values.Select(runs => Paired(runs.Select(f => f.UploadPeakRssMiB), raw.Select(r => r.PeakRssMiB)))) + " |");
            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Paired(IEnumerable<double> ours, IEnumerable<double> raw)
    {
        var ratios = ours.Zip(raw, (o, r) => r == 0 ? double.NaN : o / r).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{ratios[ratios.Count / 2]:0.00} ({ratios[0]:0.00}–{ratios[^1]:0.00})");
    }

    /// <summary>The raw pattern an "ours" scenario is compared with: the same concurrency, else the first raw one of its kind.</summary>
    private static KeyValuePair<string, List<ClientFigures>> RawCounterpart(string ours, List<KeyValuePair<string, List<ClientFigures>>> scenarios)
    {
        var raw = ours.Replace("-ours", "-raw", StringComparison.Ordinal);
        var kind = raw.Split(':')[0];
        return scenarios.FirstOrDefault(s => s.Key == raw) is { Value: not null } same ? same : scenarios.FirstOrDefault(s => s.Key.Split(':')[0] == kind);
    }

    private static string Range(IEnumerable<double> values, string format)
    {
        var list = values.ToList();
        var min = list.Min().ToString(format, CultureInfo.InvariantCulture);
        var max = list.Max().ToString(format, CultureInfo.InvariantCulture);
        return min == max ? min : $"{min}–{max}";
    }

    private static string Ratio(List<ClientFigures> ours, List<ClientFigures> raw, Func<ClientFigures, double> value)
    {
        var ratios = ours.Zip(raw, (o, r) => value(r) == 0 ? double.NaN : value(o) / value(r)).Order().ToList();
        var median = ratios[ratios.Count / 2];
        return string.Create(CultureInfo.InvariantCulture, $"{median:0.00} ({ratios[0]:0.00}–{ratios[^1]:0.00})");
    }
}
