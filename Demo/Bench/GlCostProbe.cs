using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Silk.NET.OpenGL;
using Vision.Engine.Graphics;
using Vision.Engine.Platform;

namespace Vision.Demo.Bench;

/// <summary>
/// <c>./vision bench --gl-costs</c>: what the GL driver charges for the three things every kernel does (a 4-wide
/// buffer-texture read, a multiply-add, a 4-wide storage-buffer write), from five small compute shaders timed on the
/// CPU clock around glFinish, each cost the difference of two of them. On llvmpipe it shows why the GL backend's
/// convolutions stop at 30-45 GFLOP/s where PoCL reaches 80-200 on the same cores: a 4-wide read costs as much as
/// several multiply-adds (7-14 here), a read at an address every lane shares (a weight) about the same as any other,
/// and a 4-wide write 3-7 reads (written lane by lane), so register tiles trade reads for spills and no layout escapes
/// both. Figures move with the VM's load: compare within one run.
/// </summary>
public static class GlCostProbe
{
    private const int Items = 16384;   // work items per dispatch (a power of two: indices wrap with a mask)
    private const int Reads = 64;      // reads per item in the read kernels
    private const int Writes = 16;     // writes per item in the write kernel

    private const string Head = """
        #version 450 core
        layout(local_size_x = 64) in;
        layout(std430, binding = 0) writeonly buffer Y { vec4 y[]; };
        layout(binding = 0) uniform samplerBuffer xt;
        layout(binding = 1) uniform samplerBuffer wt;
        void main() {
            int i = int(gl_GlobalInvocationID.x);

        """;

    /// <summary>The kernels' names and their median times (ms) over <paramref name="runs"/> dispatches each, on a
    /// context of the calling thread's own; and the driver's renderer string.</summary>
    public static (string Renderer, (string Name, double Ms)[] Kernels) Measure(int runs)
    {
        using var context = new EglContext(4, 5);
        var gl = context.Gl;
        string renderer = gl.GetStringS(StringName.Renderer);
        var kernels = new (string Name, string Body)[]
        {
            ("baseline: 1 read + 1 write", "y[i] = texelFetch(xt, i);"),
            ($"{Reads} reads", Unrolled(Reads, k => $"s += texelFetch(xt, (i + {k * 977}) & {Items - 1});", "vec4 s = vec4(0.0);", "y[i] = s;")),
            ($"{Reads} reads + {Reads * 16} multiply-adds", Unrolled(Reads,
                // Each accumulator scaled then added to (Horner's form): a sum of products with shared factors would let
                // the compiler factor the weights out.
                k => $"v = texelFetch(xt, (i + {k * 977}) & {Items - 1}); a = a * v.x + w0; b = b * v.y + w1; c = c * v.z + w2; d = d * v.w + w3;",
                "vec4 v, a = vec4(0.0), b = a, c = a, d = a, w0 = texelFetch(wt, 0), w1 = texelFetch(wt, 1), w2 = texelFetch(wt, 2), w3 = texelFetch(wt, 3);",
                "y[i] = a + b + c + d;")),
            ($"  + {Reads * 4} weight reads (one address for all lanes)", Unrolled(Reads,
                k => $"v = texelFetch(xt, (i + {k * 977}) & {Items - 1}); a = a * v.x + texelFetch(wt, {4 * k}); b = b * v.y + texelFetch(wt, {4 * k + 1}); " +
                     $"c = c * v.z + texelFetch(wt, {4 * k + 2}); d = d * v.w + texelFetch(wt, {4 * k + 3});",
                "vec4 v, a = vec4(0.0), b = a, c = a, d = a;", "y[i] = a + b + c + d;")),
            ($"1 read + {Writes} writes", Unrolled(Writes, k => $"y[{k * Items} + i] = v * {k + 1}.0;", "vec4 v = texelFetch(xt, i);", "")),
        };

        // The engine's wrappers: checked creation, the driver's log on a compile failure, deletion on dispose.
        using var device = new GraphicsDevice(context);
        using var x = Buffer(device, Items * 4);
        using var w = Buffer(device, Reads * 16);
        using var y = GpuBuffer.Create(device, BufferTargetARB.ShaderStorageBuffer, (nuint)(Writes * Items * 4 * sizeof(float)), BufferUsageARB.DynamicCopy);
        using var xt = BufferTexture.Create(device, x.Handle, SizedInternalFormat.Rgba32f);
        using var wt = BufferTexture.Create(device, w.Handle, SizedInternalFormat.Rgba32f);
        gl.BindBufferBase(BufferTargetARB.ShaderStorageBuffer, 0, y.Handle);
        xt.Bind(0);
        wt.Bind(1);
        var programs = new List<ShaderProgram>();
        var times = kernels.Select(_ => new List<double>()).ToArray();
        try
        {
            foreach (var (name, body) in kernels) programs.Add(ShaderProgram.CreateCompute(device, "gl-costs " + name, Head + body + "\n}\n"));
            for (int run = -2; run < runs; run++)   // two untimed rounds: the first dispatch of a program JIT-compiles it
                for (int k = 0; k < programs.Count; k++)
                {
                    programs[k].Use();
                    gl.Finish();
                    long t0 = Stopwatch.GetTimestamp();
                    gl.DispatchCompute(Items / 64, 1, 1);
                    gl.Finish();
                    if (run >= 0) times[k].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
            device.Check("gl-costs dispatches");
        }
        finally
        {
            foreach (var p in programs) p.Dispose();
        }
        return (renderer, kernels.Select((k, i) => (k.Name, times[i].Order().ElementAt(times[i].Count / 2))).ToArray());
    }

    public static int Run(int threads, int runs)
    {
        var (renderer, kernels) = Measure(runs);
        var bits = Regex.Match(renderer, @"(\d+) bits");
        int lanes = bits.Success ? int.Parse(bits.Groups[1].Value) / 32 : 8;
        Console.WriteLine($"vision bench --gl-costs: {renderer}, {threads} threads, {lanes} lanes a SIMD row, {Items} items a dispatch, median of {runs}");
        foreach (var (name, ms) in kernels) Console.WriteLine($"  {name,-52} {ms,8:F3} ms");
        // One operation of one SIMD row (lanes items at once) on one thread, in ns: the time difference spread over the
        // rows the dispatch ran, times the threads that ran them.
        double rows = (double)Items / lanes;
        double PerRow(double deltaMs, int perItem) => deltaMs * 1e6 * threads / (rows * perItem);
        var t = kernels.Select(k => k.Ms).ToArray();
        double read = PerRow(t[1] - t[0], Reads), mad = PerRow(t[2] - t[1], Reads * 16);
        double weight = PerRow(t[3] - t[2], Reads * 4), write = PerRow(t[4] - t[0], Writes);
        Console.WriteLine($"per SIMD row of {lanes} lanes, one thread: 4-wide read {read:F2} ns, multiply-add {mad:F3} ns, " +
                          $"4-wide weight read {weight:F2} ns, 4-wide write {write:F2} ns");
        Console.WriteLine($"  a read costs {read / mad:F0} multiply-adds, a weight read {weight / mad:F0}, a write {write / mad:F0} ({write / read:F1} reads)");
        return 0;
    }

    private static string Unrolled(int count, Func<int, string> step, string before, string after)
    {
        var sb = new StringBuilder("    ").Append(before).Append('\n');
        for (int k = 0; k < count; k++) sb.Append("    ").Append(step(k)).Append('\n');
        return sb.Append("    ").Append(after).ToString();
    }

    private static GpuBuffer Buffer(GraphicsDevice device, int floats)
    {
        var data = new float[floats];
        for (int i = 0; i < floats; i++) data[i] = (i % 7) * 0.125f;
        return GpuBuffer.Create<float>(device, BufferTargetARB.ShaderStorageBuffer, data, BufferUsageARB.DynamicCopy);
    }
}
