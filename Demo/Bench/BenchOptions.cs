namespace Vision.Demo.Bench;

/// <summary>The options of <c>./vision bench</c>.</summary>
public sealed record BenchOptions
{
    public const string Usage =
        "usage: ./vision bench MODEL [--backend gl,cl,cpu,ort,opencv] [--runs N] [--warmup N] [--threads T] [--gap MS] [--shape 1,3,H,W] " +
        "[--json FILE] [--profile] [--plot FILE.png] [--no-cold]\n       ./vision bench --gl-costs [--threads T] [--runs N]   (what llvmpipe's loads, stores and multiply-adds cost)";

    public required string Model { get; init; }
    public IReadOnlyList<string> Backends { get; init; } = ["gl", "cl", "ort", "opencv"];
    public int Runs { get; init; } = 30;
    public int Warmup { get; init; } = 5;
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Pause between two timed runs (ms), so one backend's idle worker threads stop spinning before the next runs.</summary>
    public int GapMs { get; init; } = 5;
    public int[]? Shape { get; init; }
    public string? Json { get; init; }
    public bool Profile { get; init; }
    public string? Plot { get; init; }

    /// <summary>Measure start-up (load to first result) in child processes, with warm and with empty caches.</summary>
    public bool Cold { get; init; } = true;

    /// <summary>No model: time the GL driver's primitive costs instead (<see cref="GlCostProbe"/>).</summary>
    public bool GlCosts { get; init; }

    /// <summary>Internal: this process is a start-up probe for one backend; it prints one JSON line and exits.</summary>
    public bool ColdChild { get; init; }

    public static readonly string[] Known = ["gl", "cl", "cpu", "ort", "opencv"];

    public static BenchOptions Parse(string[] args)
    {
        string? model = null;
        var o = new BenchOptions { Model = "" };
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value; {Usage}");
            int NextInt(int min)
            {
                string text = Next();
                return int.TryParse(text, out int v) && v >= min ? v : throw new ArgumentException($"{args[i - 1]} {text}: expected an integer >= {min}.");
            }
            switch (args[i])
            {
                case "--backend":
                    var list = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(b => b.ToLowerInvariant()).ToList();
                    if (list.Contains("all")) list = [.. Known];
                    foreach (var b in list)
                        if (!Known.Contains(b)) throw new ArgumentException($"unknown backend '{b}': expected {string.Join(", ", Known)} or all.");
                    o = o with { Backends = list.Distinct().ToList() };
                    break;
                case "--runs": o = o with { Runs = NextInt(1) }; break;
                case "--warmup": o = o with { Warmup = NextInt(0) }; break;
                case "--threads": o = o with { Threads = NextInt(1) }; break;
                case "--gap": o = o with { GapMs = NextInt(0) }; break;
                case "--shape": o = o with { Shape = Next().Split(',').Select(int.Parse).ToArray() }; break;
                case "--json": o = o with { Json = Next() }; break;
                case "--plot": o = o with { Plot = Next() }; break;
                case "--profile": o = o with { Profile = true }; break;
                case "--no-cold": o = o with { Cold = false }; break;
                case "--cold-child": o = o with { ColdChild = true }; break;
                case "--gl-costs": o = o with { GlCosts = true }; break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || model != null)
                        throw new ArgumentException($"unexpected '{args[i]}'; {Usage}");
                    model = args[i];
                    break;
            }
        }
        if (o.GlCosts && model != null) throw new ArgumentException($"--gl-costs takes no model; {Usage}");
        if (model == null && !o.GlCosts) throw new ArgumentException(Usage);
        return o with { Model = model ?? "" };
    }
}
