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
        TestContext.Out.WriteLine($"{plan.Steps.Count} steps, {memory.SlotSizes.Count} buffers, {planned * 4 / 1024} KiB planned vs {naive * 4 / 1024} KiB one-per-value");
        Assert.That(planned, Is.LessThan(naive / 4), "reuse should cut activation memory by far more than 4x on a 100+ layer net");

        // No step may write into a buffer one of its own inputs still occupies.
        foreach (var step in plan.Steps)
            foreach (var input in step.Inputs.OfType<string>().Select(plan.Root))
                if (memory.SlotOf.TryGetValue(input, out int slot))
                    Assert.That(memory.SlotOf[step.Output], Is.Not.EqualTo(slot), $"{step} overwrites its input {input}");
    }
}
