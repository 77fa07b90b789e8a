using System.Diagnostics;
using Vision.Architectures;
using Vision.Backends;
using Vision.Tests.Harness;
using Vision.Training;

namespace Vision.Tests.Training;

[Explicit]
public sealed class ProfileTests
{
    [TestCase(Backend.CL, 16)]
    [TestCase(Backend.CPU, 16)]
    [TestCase(Backend.GL, 16)]
    public void ProfileStep(Backend kind, int batch)
    {
        var b = SharedBackends.Get(kind);
        var model = Architecture.LeNet5(new ArchitectureOptions { Seed = 1 });
        using var g = new TrainingGraph(model, b, batch);
        var images = Vision.Tensors.Tensor.Random([batch, 1, 28, 28], 1, 0, 1).Data;
        var labels = Enumerable.Range(0, batch).Select(i => i % 10).ToArray();
        g.Step(images, labels);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < 10; i++) g.Step(images, labels);
        TestContext.Out.WriteLine($"{kind} step {sw.Elapsed.TotalMilliseconds / 10:0.00} ms");
        var times = new Dictionary<string, double>();
        foreach (var k in g.Kernels)
        {
            b.Dispatch([k], 0, 1); b.Finish();
            var t = Stopwatch.StartNew();
            for (int i = 0; i < 5; i++) b.Dispatch([k], 0, 1);
            b.Finish();
            string key = k.Op.Name + (k.Op is Vision.Ops.Conv2dBackward c ? (c.Weights ? "/w" : "/x") : "") + Vision.Tensors.Tensor.ShapeString(k.OutputShape);
            times[key] = times.GetValueOrDefault(key) + t.Elapsed.TotalMilliseconds / 5;
        }
        foreach (var (k, v) in times.OrderByDescending(kv => kv.Value).Take(12)) TestContext.Out.WriteLine($"  {k}: {v:0.000} ms");
        TestContext.Out.WriteLine($"  sum {times.Values.Sum():0.00} ms over {g.Kernels.Count()} kernels");
    }
}
