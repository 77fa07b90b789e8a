using Vision.Compile;
using Vision.Models;
using Vision.Runtime;
using Vision.Tensors;
using Vision.Tests.Onnx;

namespace Vision.Tests.Runtime;

/// <summary>Liveness-based buffer reuse on a real network.</summary>
public sealed class MemoryPlanTests
{
    [Test]
    public void SelfieSegmentationReusesBuffers()
    {
        var model = ModelLoader.Load(OnnxTestData.SharedModel("selfie_segmentation.onnx"));
        var plan = GraphCompiler.Compile(model, new Dictionary<string, int[]> { [model.Inputs[0].Name] = [1, 256, 256, 3] });
        var memory = MemoryPlan.Build(plan, reuse: true, []);
        long planned = memory.SlotSizes.Sum(s => (long)s);
        long naive = plan.Steps.Sum(s => (long)Tensor.ShapeLength(s.OutputShape));
        // The floor no plan can beat: the most step outputs alive at once (written, and read again later or now).
        var lastUse = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < plan.Steps.Count; i++)
            foreach (var input in plan.Steps[i].Inputs.OfType<string>()) lastUse[plan.Root(input)] = i;
        long peak = 0;
        for (int i = 0; i < plan.Steps.Count; i++)
            peak = Math.Max(peak, plan.Steps.Take(i + 1).Where(s => s == plan.Steps[i] || lastUse.GetValueOrDefault(s.Output, -1) >= i)
                .Sum(s => (long)Tensor.ShapeLength(s.OutputShape)));
        TestContext.Out.WriteLine($"{plan.Steps.Count} steps, {memory.SlotSizes.Count} buffers, {planned * 4 / 1024} KiB planned, " +
                                  $"{peak * 4 / 1024} KiB live at the peak, {naive * 4 / 1024} KiB one-per-value");
        // One buffer per value would take 2.8x the plan's memory on today's 53-step plan (3.1x before the pool-add fusion
        // removed three full-size sums from both figures); the live-set bound below is the one that does not move with fusion.
        Assert.That(planned, Is.LessThan(naive * 2 / 5), "reuse should cut activation memory several times on a 50-step net");
        Assert.That(planned, Is.LessThanOrEqualTo(peak * 3 / 2), "the plan should stay within 1.5x of the live-set peak");

        // No step may write into a buffer one of its own inputs still occupies.
        foreach (var step in plan.Steps)
            foreach (var input in step.Inputs.OfType<string>().Select(plan.Root))
                if (memory.SlotOf.TryGetValue(input, out int slot))
                    Assert.That(memory.SlotOf[step.Output], Is.Not.EqualTo(slot), $"{step} overwrites its input {input}");
    }
}
