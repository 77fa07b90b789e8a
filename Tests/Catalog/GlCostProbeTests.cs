using Vision.Demo.Bench;

namespace Vision.Tests.Catalog;

/// <summary><c>./vision bench --gl-costs</c>: its option rules, and that its kernels compile and run on this machine's GL.</summary>
public sealed class GlCostProbeTests
{
    [Test]
    public void TheProbeTakesNoModelAndTheBenchStillNeedsOne()
    {
        var o = BenchOptions.Parse(["--gl-costs", "--threads", "2", "--runs", "5"]);
        Assert.That((o.GlCosts, o.Threads, o.Runs, o.Model), Is.EqualTo((true, 2, 5, "")));
        Assert.That(() => BenchOptions.Parse(["--gl-costs", "model.onnx"]), Throws.ArgumentException.With.Message.Contains("takes no model"));
        Assert.That(() => BenchOptions.Parse(["--runs", "5"]), Throws.ArgumentException.With.Message.Contains("usage"));
    }

    [Test]
    public void EveryKernelCompilesAndIsTimed()
    {
        (string Renderer, (string Name, double Ms)[] Kernels) result = ("", []);
        // A thread of its own: the probe makes and makes current its own context.
        var thread = new Thread(() => result = GlCostProbe.Measure(runs: 3));
        thread.Start();
        thread.Join();
        Assert.That(result.Renderer, Is.Not.Empty);
        Assert.That(result.Kernels.Select(k => k.Name), Has.Exactly(5).Items.And.Some.Contains("writes"));
        Assert.That(result.Kernels.Select(k => k.Ms), Has.All.GreaterThan(0.0).And.All.LessThan(10_000.0));
    }
}
