using Vision.Compile;
using Vision.Models;
using Vision.Ops;
using Vision.Runtime;
using Vision.Tensors;
using Vision.Tests.Harness;
using Vision.Tests.Onnx;

namespace Vision.Tests.Compile;

/// <summary>HardSwish and residual-add fusion on a MobileNetV3-like model: fewer kernels, the same result.</summary>
public sealed class PatternFusionTests
{
    private static ExecutionPlan Plan(Model model, bool fuse) =>
        GraphCompiler.Compile(model, new Dictionary<string, int[]> { [model.Inputs[0].Name] = [1, 256, 256, 3] },
            CompileOptions.Default with { FusePatterns = fuse });

    [Test]
    public void SelfieSegmentationLosesItsSpelledOutHardSwishesAndResidualAdds()
    {
        var model = ModelLoader.Load(OnnxTestData.SharedModel("selfie_segmentation.onnx"));
        var plain = Plan(model, fuse: false);
        var fused = Plan(model, fuse: true);
        Assert.That(fused.Steps.Count, Is.LessThan(plain.Steps.Count - 30), $"{plain.Steps.Count} steps unfused, {fused.Steps.Count} fused");
        Assert.That(fused.Steps.Count(s => s.Op is Conv2d { Activation.Kind: ActivationKind.HardSwish }), Is.GreaterThan(5));
        Assert.That(fused.Steps.Count(s => s.Op is Conv2d && s.Inputs.Length > 3 && s.Inputs[3] != null), Is.GreaterThan(5));
        Assert.That(fused.Steps.Count(s => s.Op is Conv2d && s.Inputs.Length > 4 && s.Inputs[4] != null), Is.GreaterThanOrEqualTo(5),
            "squeeze-and-excitation multiplies before a 1x1 conv should be fused into it");
        Assert.That(fused.Steps.Any(s => s.Op is Binary && s.Node == "segment_add"), Is.False,
            "the constant add after the segmentation head's transposed conv should fold into its bias");
        Assert.That(fused.Steps.Any(s => s.Op is Transpose), Is.False, "the NHWC input transpose should be folded into the first conv");
        Assert.That(fused.Steps[0].Op, Is.InstanceOf<Conv2d>().With.Property(nameof(Conv2d.InputNhwc)).True);
    }

    [Test]
    public void FusedAndUnfusedPlansAgreeOnTheCpuReference()
    {
        var model = ModelLoader.Load(OnnxTestData.SharedModel("selfie_segmentation.onnx"));
        var input = Tensor.Random([1, 256, 256, 3], seed: 3, 0f, 1f);
        Tensor RunWith(bool fuse)
        {
            var options = new WorkerOptions { Compile = CompileOptions.Default with { FusePatterns = fuse } };
            using var worker = new Worker(model, Vision.Backends.Backend.CPU, options);
            worker.Run(input);
            return worker.PeekOutput();
        }
        TensorAssert.Close(RunWith(false), RunWith(true), Tolerance.Model, "selfie fused vs unfused");
    }
}
