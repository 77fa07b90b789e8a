using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vision.Backends;
using Vision.Demo.Bench;
using Vision.Models;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Demo.Cli;

/// <summary>
/// <c>./vision bench MODEL [--backend gl,cl,cpu,ort,opencv] [--runs N] [--warmup N] [--threads T] [--json FILE] [--profile]
/// [--plot FILE.png]</c>: the same input on every backend with the same thread count, runs interleaved across backends,
/// median and p10/p90 per backend, ratio to ONNX Runtime, start-up time (load to first result, in fresh processes with
/// warm and with empty caches) and peak memory; <c>--profile</c> adds per-layer device times.
/// </summary>
public static class BenchCommand
{
    private const string ThreadsVariable = "VISION_BENCH_THREADS";

    public static int Run(string[] args)
    {
        var options = BenchOptions.Parse(args);
        if (!options.GlCosts && !File.Exists(options.Model)) throw new FileNotFoundException($"model '{options.Model}' does not exist.");
        // llvmpipe and PoCL read their thread counts when the driver loads: set them, then start again with them.
        if (Environment.GetEnvironmentVariable(ThreadsVariable) != options.Threads.ToString())
            return Reexec(args, ThreadEnvironment(options.Threads));
        if (options.GlCosts) return GlCostProbe.Run(options.Threads, options.Runs);
        if (options.ColdChild) return ColdChild(options);

        var model = ModelLoader.Load(options.Model);
        var (inputName, input) = MakeInput(model, options.Shape);
        Console.WriteLine($"vision bench {Path.GetFileName(options.Model)}: input '{inputName}' {Tensor.ShapeString(input.Shape)}, " +
                          $"{options.Threads} threads, {options.Warmup} warm-up + {options.Runs} runs interleaved, {options.GapMs} ms apart");
        string loadBefore = LoadAverage();

        var results = new List<BenchResult>();
        var runners = new List<IBenchRunner>();
        foreach (var name in options.Backends)
        {
            try
            {
                var runner = Create(name, options, model, inputName, input);
                runners.Add(runner);
                results.Add(new BenchResult { Backend = name, Device = runner.Device });
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                results.Add(new BenchResult { Backend = name, Device = "-", Error = FirstLine(e.Message) });
                Console.WriteLine($"  {name}: failed to load or run: {FirstLine(e.Message)}");
            }
        }
        var byName = results.ToDictionary(r => r.Backend);
        var reference = runners.FirstOrDefault(r => r.Name == "ort")?.Output.ToArray();
        if (reference != null)
            foreach (var r in runners)
                byName[r.Name].MaxAbsDiff = MaxAbsDiff(reference, r.Output);

        for (int w = 0; w < options.Warmup; w++)
            foreach (var r in runners) r.RunOnce();
        for (int run = 0; run < options.Runs; run++)
            for (int j = 0; j < runners.Count; j++)
            {
                var r = runners[(run + j) % runners.Count];  // rotate the order so no backend always follows another
                if (options.GapMs > 0) Thread.Sleep(options.GapMs);
                long t0 = Stopwatch.GetTimestamp();
                r.RunOnce();
                byName[r.Name].Samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        foreach (var r in results.Where(r => r.Error == null)) r.Summarise();
        if (byName.TryGetValue("ort", out var ort) && ort.Error == null)
            foreach (var r in results.Where(r => r.Error == null)) r.RatioToOrt = r.MedianMs / ort.MedianMs;
        string loadAfter = LoadAverage();

        var profiles = new Dictionary<string, List<LayerTime>>();
        if (options.Profile)
            foreach (var r in runners.OfType<VisionRunner>())
                profiles[r.Name] = ProfileLayers(r);
        var devices = runners.Select(r => $"{r.Name}: {r.Device}").ToList();
        foreach (var r in runners) r.Dispose();

        if (options.Cold)
            foreach (var r in results.Where(r => r.Error == null))
            {
                (r.ColdMs, r.PeakRssMb) = ColdStart(options, r.Backend, emptyCaches: false);
                (r.ColdCacheMs, _) = ColdStart(options, r.Backend, emptyCaches: true);
            }

        string machine = Machine();
        Console.WriteLine($"machine: {machine}; load {loadBefore} before, {loadAfter} after");
        foreach (var d in devices) Console.WriteLine($"  {d}");
        PrintTable(results);
        foreach (var (name, layers) in profiles) PrintProfile(name, layers, byName[name].MedianMs);
        if (options.Json != null) WriteJson(options, machine, $"{loadBefore} / {loadAfter}", input.Shape, results, profiles);
        if (options.Plot != null)
        {
            BenchPlot.Write(options.Plot, $"{Path.GetFileName(options.Model)} {Tensor.ShapeString(input.Shape)}, {options.Threads} threads", results);
            Console.WriteLine($"plot: {options.Plot}");
        }
        return 0;
    }

    private static IBenchRunner Create(string name, BenchOptions options, Model model, string inputName, Tensor input) => name switch
    {
        "ort" => new OrtRunner(options.Model, inputName, input, options.Threads),
        "opencv" => new OpenCvRunner(options.Model, input, options.Threads),
        _ => new VisionRunner(model, BackendFactory.Parse(name), inputName, input),
    };

    private static (string Name, Tensor Input) MakeInput(Model model, int[]? shape)
    {
        var info = model.Inputs.First(i => !model.Initializers.ContainsKey(i.Name));
        if (shape == null && SymbolicShape.IsSymbolic(info))
            Console.WriteLine($"symbolic input dimensions set to {string.Join(",", SymbolicShape.Of(info))} (--shape overrides)");
        shape ??= SymbolicShape.Of(info);
        return (info.Name, Tensor.Random(shape, 1, 0f, 1f));
    }

    private static Dictionary<string, string> ThreadEnvironment(int threads)
    {
        string t = threads.ToString();
        return new()
        {
            [ThreadsVariable] = t,
            ["LP_NUM_THREADS"] = t,            // llvmpipe's rasteriser / compute threads
            ["POCL_MAX_PTHREAD_COUNT"] = t,    // PoCL pthread device (compute units = threads)
            ["OMP_NUM_THREADS"] = t,
        };
    }

    private static int Reexec(string[] args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        start.ArgumentList.Add(typeof(BenchCommand).Assembly.Location);
        start.ArgumentList.Add("bench");
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var child = Process.Start(start) ?? throw new IOException("could not start the benchmark process.");
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>Runs this verb as a start-up probe for one backend in a fresh process and reads its one-line report.</summary>
    private static (double? Ms, double? PeakMb) ColdStart(BenchOptions options, string backend, bool emptyCaches)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(BenchCommand).Assembly.Location);
        foreach (var a in new[] { "bench", options.Model, "--backend", backend, "--threads", options.Threads.ToString(), "--cold-child" })
            start.ArgumentList.Add(a);
        if (options.Shape != null) { start.ArgumentList.Add("--shape"); start.ArgumentList.Add(string.Join(",", options.Shape)); }
        foreach (var (k, v) in ThreadEnvironment(options.Threads)) start.Environment[k] = v;
        string? temp = null;
        if (emptyCaches)
        {
            temp = Directory.CreateTempSubdirectory("vision-bench-cold-").FullName;
            foreach (var (variable, sub) in new[] { ("VISION_CACHE_DIR", ""), ("POCL_CACHE_DIR", "pocl"), ("MESA_SHADER_CACHE_DIR", "mesa"), ("MESA_GLSL_CACHE_DIR", "mesa") })
            {
                string dir = Path.Combine(temp, sub);
                Directory.CreateDirectory(dir);
                start.Environment[variable] = dir;
            }
        }
        try
        {
            using var child = Process.Start(start)!;
            var stderr = child.StandardError.ReadToEndAsync();
            string output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
            if (child.ExitCode != 0 || line == null)
            {
                Console.WriteLine($"  {backend}: start-up probe failed ({child.ExitCode}): {FirstLine(stderr.Result + output)}");
                return (null, null);
            }
            var json = JsonNode.Parse(line)!;
            return ((double)json["cold_ms"]!, (double)json["peak_rss_mb"]!);
        }
        finally
        {
            if (temp != null) Directory.Delete(temp, recursive: true);
        }
    }

    private static int ColdChild(BenchOptions options)
    {
        long t0 = Stopwatch.GetTimestamp();
        string backend = options.Backends[0];
        var model = backend is "ort" or "opencv" ? null : ModelLoader.Load(options.Model);
        var (inputName, input) = model != null ? MakeInput(model, options.Shape) : MakeInputFromFile(options);
        using var runner = Create(backend, options, model!, inputName, input);
        double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        Console.WriteLine(new JsonObject { ["cold_ms"] = ms, ["peak_rss_mb"] = PeakRssMb() }.ToJsonString());
        return 0;
    }

    /// <summary>ORT and OpenCV load the file themselves; the input still comes from the model's declared shape.</summary>
    private static (string, Tensor) MakeInputFromFile(BenchOptions options) => MakeInput(ModelLoader.Load(options.Model), options.Shape);

    private static double PeakRssMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        return double.NaN;
    }

    private sealed record LayerTime(int Index, string Node, string Op, string Shape, double Ms, double Flops, double Bytes);

    private static List<LayerTime> ProfileLayers(VisionRunner runner)
    {
        var worker = runner.Worker;
        var plan = worker.Plan!;
        const int repeats = 7;
        var samples = new double[plan.Steps.Count][];
        for (int i = 0; i < samples.Length; i++) samples[i] = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            var ms = worker.Profile();
            for (int i = 0; i < ms.Length; i++) samples[i][r] = ms[i];
        }
        return plan.Steps.Select((s, i) =>
        {
            var (flops, bytes) = OpCost.Of(s, plan);
            return new LayerTime(i, s.Node, OpCost.Describe(s, plan), Tensor.ShapeString(s.OutputShape),
                BenchResult.Percentile([.. samples[i]], 0.5), flops, bytes);
        }).ToList();
    }

    private static void PrintTable(List<BenchResult> results)
    {
        Console.WriteLine($"{"backend",-8} {"median",9} {"p10",9} {"p90",9} {"x ORT",7} {"cold",9} {"cold*",9} {"peak MiB",9} {"max|d|",9}");
        foreach (var r in results)
        {
            if (r.Error != null) { Console.WriteLine($"{r.Backend,-8} error: {r.Error}"); continue; }
            Console.WriteLine($"{r.Backend,-8} {r.MedianMs,9:0.000} {r.P10Ms,9:0.000} {r.P90Ms,9:0.000} {Fmt(r.RatioToOrt, "0.00"),7} " +
                              $"{Fmt(r.ColdMs, "0"),9} {Fmt(r.ColdCacheMs, "0"),9} {Fmt(r.PeakRssMb, "0"),9} {Fmt(r.MaxAbsDiff, "0.0e0"),9}");
        }
        Console.WriteLine("times in ms; cold = load to first result in a fresh process with warm caches, cold* = with empty caches; max|d| vs ORT");
    }

    private static void PrintProfile(string backend, List<LayerTime> layers, double median)
    {
        double total = layers.Sum(l => l.Ms);
        Console.WriteLine();
        Console.WriteLine($"profile {backend}: {layers.Count} kernels, sum of kernel times {total:0.000} ms (end-to-end median {median:0.000} ms)");
        Console.WriteLine($"{"#",4} {"ms",8} {"share",6} {"GFLOP/s",8} {"GB/s",7}  {"op",-34} {"output",-18} node");
        foreach (var l in layers)
            Console.WriteLine($"{l.Index,4} {l.Ms,8:0.000} {l.Ms / total,6:P1} {l.Flops / l.Ms / 1e6,8:0.00} {l.Bytes / l.Ms / 1e6,7:0.00}  {l.Op,-34} {l.Shape,-18} {l.Node}");
        Console.WriteLine($"by op ({backend}):");
        foreach (var g in layers.GroupBy(l => l.Op.Split(' ')[0] + (l.Op.Contains(" dw") ? " dw" : l.Op.StartsWith("conv2d 1x1", StringComparison.Ordinal) ? " 1x1" : ""))
                     .OrderByDescending(g => g.Sum(l => l.Ms)))
            Console.WriteLine($"  {g.Key,-16} {g.Count(),4} kernels {g.Sum(l => l.Ms),8:0.000} ms {g.Sum(l => l.Ms) / total,6:P1}  " +
                              $"{g.Sum(l => l.Flops) / g.Sum(l => l.Ms) / 1e6,7:0.00} GFLOP/s {g.Sum(l => l.Bytes) / g.Sum(l => l.Ms) / 1e6,7:0.00} GB/s");
    }

    private static void WriteJson(BenchOptions options, string machine, string load, int[] shape, List<BenchResult> results,
        Dictionary<string, List<LayerTime>> profiles)
    {
        var root = new JsonObject
        {
            ["model"] = Path.GetFileName(options.Model),
            ["input_shape"] = new JsonArray(shape.Select(d => (JsonNode)d).ToArray()),
            ["threads"] = options.Threads,
            ["runs"] = options.Runs,
            ["machine"] = machine,
            ["load"] = load,
            ["results"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
            {
                ["backend"] = r.Backend,
                ["device"] = r.Device,
                ["error"] = r.Error,
                ["median_ms"] = r.Error == null ? r.MedianMs : null,
                ["p10_ms"] = r.Error == null ? r.P10Ms : null,
                ["p90_ms"] = r.Error == null ? r.P90Ms : null,
                ["ratio_to_ort"] = r.RatioToOrt,
                ["cold_ms"] = r.ColdMs,
                ["cold_empty_cache_ms"] = r.ColdCacheMs,
                ["peak_rss_mb"] = r.PeakRssMb,
                ["max_abs_diff_vs_ort"] = r.MaxAbsDiff,
            }).ToArray()),
        };
        if (profiles.Count > 0)
            root["profile"] = new JsonObject(profiles.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonArray(p.Value.Select(l => (JsonNode)new JsonObject
            {
                ["node"] = l.Node, ["op"] = l.Op, ["output"] = l.Shape, ["ms"] = l.Ms,
                ["gflops"] = l.Flops / l.Ms / 1e6, ["gbps"] = l.Bytes / l.Ms / 1e6,
            }).ToArray()))));
        File.WriteAllText(options.Json!, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"json: {options.Json}");
    }

    private static double MaxAbsDiff(float[] reference, ReadOnlySpan<float> output)
    {
        if (reference.Length != output.Length) return double.PositiveInfinity;
        double max = 0;
        for (int i = 0; i < reference.Length; i++) max = Math.Max(max, Math.Abs(reference[i] - output[i]));
        return max;
    }

    private static string Machine()
    {
        string cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        return $"{cpu}, {Environment.ProcessorCount} cores, {Environment.OSVersion.VersionString}, .NET {Environment.Version}";
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string Fmt(double? v, string format) => v is { } x ? x.ToString(format) : "-";

    private static string FirstLine(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? s;
}
