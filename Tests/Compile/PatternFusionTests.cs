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

    /// <summary>The model's first output on the CPU reference, with and without a rewrite: the two must agree.</summary>
    private static void AssertSameResult(Model model, IReadOnlyDictionary<string, Tensor> inputs, Func<bool, CompileOptions> options, Tolerance tolerance, string what)
    {
        Tensor Run(bool rewrite)
        {
            using var worker = new Worker(model, Vision.Backends.Backend.CPU, new WorkerOptions { Compile = options(rewrite) });
            worker.Run(inputs);
            return worker.PeekOutput();
        }
        TensorAssert.Close(Run(false), Run(true), tolerance, what);
    }

    private static Func<bool, CompileOptions> Fusing => fuse => CompileOptions.Default with { FusePatterns = fuse };

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
        Assert.That(fused.Steps.Any(s => s.Op is Transpose), Is.False, "the NHWC input transpose should be folded into the first conv");
        Assert.That(fused.Steps[0].Op, Is.InstanceOf<Conv2d>().With.Property(nameof(Conv2d.InputNhwc)).True);
        Assert.That(fused.Steps.Count(s => s.Op is ChannelGate { HiddenRelu: true, Activation.Kind: ActivationKind.Sigmoid }), Is.EqualTo(9),
            "each squeeze-and-excitation's two 1x1 convs should be one channel gate");
        Assert.That(fused.Steps.Count(s => s.Op is ChannelGate { Squeeze: true }), Is.EqualTo(6),
            "the pools over planes of at most 1024 pixels (five at 16x16, one at 32x32) should join their gates");
        Assert.That(fused.Steps.Count(s => s.Op is ChannelGate && s.Inputs.Length > 5 && s.Inputs[5] != null), Is.EqualTo(1),
            "the decoder's skip sum at 32x32 should be summed by the gate that squeezes it");
        Assert.That(fused.Steps.Count(s => s.Op is GlobalPool && s.Inputs.Length > 1 && s.Inputs[1] != null), Is.EqualTo(2),
            "the decoders' skip sums at 64x64 and 128x128 should be summed by their pools");
    }

    [Test]
    public void FusedAndUnfusedPlansAgreeOnTheCpuReference()
    {
        var model = ModelLoader.Load(OnnxTestData.SharedModel("selfie_segmentation.onnx"));
        var input = Tensor.Random([1, 256, 256, 3], seed: 3, 0f, 1f);
        AssertSameResult(model, new Dictionary<string, Tensor> { [model.Inputs[0].Name] = input }, Fusing, Tolerance.Model, "selfie fused vs unfused");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void ConstantAffineAfterAConvFoldsIntoItsWeightsAndBias(bool perChannel) =>
        CheckFoldsToOneStep(perChannel ? [1, 3, 1, 1] : [1], mulFirst: true);

    [Test]
    public void PerChannelConstantAddFoldsIntoTheConvBias() => CheckFoldsToOneStep([1, 3, 1, 1], mulFirst: false);

    /// <summary>Conv (+ Mul by a constant) + Add of a constant folds to one conv, with the unfused plan's result.</summary>
    private static void CheckFoldsToOneStep(int[] constantShape, bool mulFirst)
    {
        var nodes = new List<Node> { new("conv", "Conv", "", ["x", "W", "B"], ["c"], [NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 })]) };
        if (mulFirst) nodes.Add(new Node("mul", "Mul", "", ["c", "S"], ["m"]));
        nodes.Add(new Node("add", "Add", "", [mulFirst ? "m" : "c", "K"], ["y"]));
        var model = new Model
        {
            Inputs = [new ValueInfo("x", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(2), Dim.Fixed(5), Dim.Fixed(5)])],
            Outputs = [new ValueInfo("y", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(3), Dim.Fixed(5), Dim.Fixed(5)])],
            Initializers = new Dictionary<string, Tensor>(StringComparer.Ordinal)
            {
                ["W"] = Tensor.Random([3, 2, 3, 3], seed: 1),
                ["B"] = Tensor.Random([3], seed: 2),
                ["S"] = Tensor.Random(constantShape, seed: 5, 0.5f, 2f),
                ["K"] = Tensor.Random(constantShape, seed: 3),
            },
            OpsetVersion = 13,
            Nodes = nodes,
        };
        var fused = GraphCompiler.Compile(model, new Dictionary<string, int[]> { ["x"] = [1, 2, 5, 5] });
        Assert.That(fused.Steps, Has.Count.EqualTo(1), string.Join("; ", fused.Steps));
        var input = Tensor.Random([1, 2, 5, 5], seed: 4);
        AssertSameResult(model, new Dictionary<string, Tensor> { ["x"] = input }, Fusing, Tolerance.Kernel, "folded vs Mul/Add");
    }

    /// <summary>
    /// A MediaPipe decoder block: Resize(linear or nearest) then a 1x1 conv (swapped: the conv runs before the upsampling),
    /// then x * s + skip read by another 1x1 conv (fused into it). Three steps instead of five, the unfused result.
    /// </summary>
    [TestCase("linear")]
    [TestCase("nearest")]
    public void DecoderBlockRunsItsConvBeforeUpsamplingAndFusesTheScaledSkip(string mode)
    {
        var model = new Model
        {
            Inputs =
            [
                new ValueInfo("x", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(6), Dim.Fixed(3), Dim.Fixed(4)]),
                new ValueInfo("s", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(5), Dim.Fixed(1), Dim.Fixed(1)]),
                new ValueInfo("skip", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(5), Dim.Fixed(6), Dim.Fixed(8)]),
            ],
            Outputs = [new ValueInfo("y", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(3), Dim.Fixed(6), Dim.Fixed(8)])],
            Initializers = new Dictionary<string, Tensor>(StringComparer.Ordinal)
            {
                ["scales"] = new Tensor([4], [1f, 1f, 2f, 2f]),
                ["W1"] = Tensor.Random([5, 6, 1, 1], seed: 1),
                ["B1"] = Tensor.Random([5], seed: 2),
                ["W2"] = Tensor.Random([3, 5, 1, 1], seed: 3),
            },
            OpsetVersion = 13,
            Nodes =
            [
                new("up", "Resize", "", ["x", "", "scales"], ["u"], [NodeAttribute.Of("mode", mode)]),
                new("conv1", "Conv", "", ["u", "W1", "B1"], ["c"]),
                new("mul", "Mul", "", ["skip", "s"], ["m"]),
                new("add", "Add", "", ["m", "c"], ["a"]),
                new("conv2", "Conv", "", ["a", "W2"], ["y"]),
            ],
        };
        var shapes = new Dictionary<string, int[]> { ["x"] = [1, 6, 3, 4], ["s"] = [1, 5, 1, 1], ["skip"] = [1, 5, 6, 8] };
        var plan = GraphCompiler.Compile(model, shapes);
        Assert.That(plan.Steps.Select(s => s.Op.Name), Is.EqualTo(new[] { "conv2d", "resize", "conv2d" }), string.Join("; ", plan.Steps));
        Assert.That(plan.Steps[2].Inputs[0], Is.EqualTo("skip"));
        Assert.That(plan.Steps[2].Inputs[4], Is.EqualTo("s"));
        Assert.That(plan.Steps[2].Inputs[5], Is.EqualTo("c"));
        Tensor x = Tensor.Random([1, 6, 3, 4], seed: 4), s = Tensor.Random([1, 5, 1, 1], seed: 5), skip = Tensor.Random([1, 5, 6, 8], seed: 6);
        AssertSameResult(model, new Dictionary<string, Tensor> { ["x"] = x, ["s"] = s, ["skip"] = skip }, Fusing, Tolerance.Kernel,
            "decoder block fused vs unfused");
    }

    /// <summary>
    /// An FPN step, <c>Add(lateral, Resize(top))</c> with the lateral (a product no conv can absorb the Add into) listed
    /// after the Resize: the Resize takes the lateral as its addend and runs where the Add ran. Two steps instead of
    /// three, the unfused result.
    /// </summary>
    [Test]
    public void UpsamplingAddsTheSkipAsItStores()
    {
        var model = new Model
        {
            Inputs =
            [
                new ValueInfo("top", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(4), Dim.Fixed(3), Dim.Fixed(5)]),
                new ValueInfo("c2", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(4), Dim.Fixed(6), Dim.Fixed(10)]),
            ],
            Outputs = [new ValueInfo("y", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(4), Dim.Fixed(6), Dim.Fixed(10)])],
            Initializers = new Dictionary<string, Tensor>(StringComparer.Ordinal)
            {
                ["scales"] = new Tensor([4], [1f, 1f, 2f, 2f]),
            },
            OpsetVersion = 13,
            Nodes =
            [
                new("up", "Resize", "", ["top", "", "scales"], ["u"], [NodeAttribute.Of("mode", "nearest")]),
                new("lateral", "Mul", "", ["c2", "c2"], ["l"]),
                new("add", "Add", "", ["l", "u"], ["y"]),
            ],
        };
        var plan = GraphCompiler.Compile(model, new Dictionary<string, int[]> { ["top"] = [1, 4, 3, 5], ["c2"] = [1, 4, 6, 10] });
        Assert.That(plan.Steps.Select(s => s.Op.Name), Is.EqualTo(new[] { "binary", "resize" }), string.Join("; ", plan.Steps));
        Assert.That(plan.Steps[1].Inputs, Is.EqualTo(new[] { "top", "l" }));
        AssertSameResult(model, new Dictionary<string, Tensor> { ["top"] = Tensor.Random([1, 4, 3, 5], seed: 2), ["c2"] = Tensor.Random([1, 4, 6, 10], seed: 3) },
            Fusing, Tolerance.Kernel, "resize + add fused vs unfused");
    }

    /// <summary>
    /// PP-OCRv4's FPN step with its squeeze-and-excitation residual, <c>Add(c2 + c2 * g, Resize(top))</c>: the residual's
    /// Mul-Add pair becomes the Resize's gated addend, one step in all, the unfused result. With the residual read a
    /// second time (here by the output) it stays a step of its own.
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public void AGatedResidualReadOnlyByAnUpsampleAddIsAddedByTheResize(bool residualAlsoAnOutput)
    {
        var outputs = new List<ValueInfo> { new("y", DataType.Float32, [Dim.Fixed(2), Dim.Fixed(4), Dim.Fixed(6), Dim.Fixed(10)]) };
        if (residualAlsoAnOutput) outputs.Add(new ValueInfo("l", DataType.Float32, [Dim.Fixed(2), Dim.Fixed(4), Dim.Fixed(6), Dim.Fixed(10)]));
        var model = new Model
        {
            Inputs =
            [
                new ValueInfo("top", DataType.Float32, [Dim.Fixed(2), Dim.Fixed(4), Dim.Fixed(3), Dim.Fixed(5)]),
                new ValueInfo("c2", DataType.Float32, [Dim.Fixed(2), Dim.Fixed(4), Dim.Fixed(6), Dim.Fixed(10)]),
                new ValueInfo("g", DataType.Float32, [Dim.Fixed(2), Dim.Fixed(4), Dim.Fixed(1), Dim.Fixed(1)]),
            ],
            Outputs = outputs,
            Initializers = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["scales"] = new Tensor([4], [1f, 1f, 2f, 2f]) },
            OpsetVersion = 13,
            Nodes =
            [
                new("up", "Resize", "", ["top", "", "scales"], ["u"], [NodeAttribute.Of("mode", "nearest")]),
                new("se", "Mul", "", ["c2", "g"], ["m"]),
                new("residual", "Add", "", ["m", "c2"], ["l"]),
                new("add", "Add", "", ["l", "u"], ["y"]),
            ],
        };
        var shapes = new Dictionary<string, int[]> { ["top"] = [2, 4, 3, 5], ["c2"] = [2, 4, 6, 10], ["g"] = [2, 4, 1, 1] };
        var plan = GraphCompiler.Compile(model, shapes);
        var steps = string.Join("; ", plan.Steps);
        if (residualAlsoAnOutput)
            Assert.That(plan.Steps.Select(s => s.Op.Name), Is.EqualTo(new[] { "binary", "resize" }), steps);
        else
        {
            Assert.That(plan.Steps.Select(s => s.Op.Name), Is.EqualTo(new[] { "resize" }), steps);
            Assert.That(plan.Steps[0].Inputs, Is.EqualTo(new[] { "top", "c2", "g" }));
        }
        AssertSameResult(model, new Dictionary<string, Tensor>
        {
            ["top"] = Tensor.Random([2, 4, 3, 5], seed: 2), ["c2"] = Tensor.Random([2, 4, 6, 10], seed: 3), ["g"] = Tensor.Random([2, 4, 1, 1], seed: 4),
        }, Fusing, Tolerance.Kernel, "resize with a gated addend vs unfused");
    }

    /// <summary>
    /// The FPN's outputs: a squeeze-and-excitation residual <c>x + x * g</c> read only by the Resize that upsamples it
    /// becomes that Resize's gated input, one step, the unfused result.
    /// </summary>
    [Test]
    public void AGatedResidualUpsampledAloneIsGatedByTheResize()
    {
        var model = new Model
        {
            Inputs =
            [
                new ValueInfo("x", DataType.Float32, [Dim.Fixed(2), Dim.Fixed(3), Dim.Fixed(5), Dim.Fixed(4)]),
                new ValueInfo("g", DataType.Float32, [Dim.Fixed(2), Dim.Fixed(3), Dim.Fixed(1), Dim.Fixed(1)]),
            ],
            Outputs = [new ValueInfo("y", DataType.Float32, [Dim.Fixed(2), Dim.Fixed(3), Dim.Fixed(20), Dim.Fixed(16)])],
            Initializers = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["scales"] = new Tensor([4], [1f, 1f, 4f, 4f]) },
            OpsetVersion = 13,
            Nodes =
            [
                new("se", "Mul", "", ["x", "g"], ["m"]),
                new("residual", "Add", "", ["x", "m"], ["l"]),
                new("up", "Resize", "", ["l", "", "scales"], ["y"], [NodeAttribute.Of("mode", "nearest")]),
            ],
        };
        var plan = GraphCompiler.Compile(model, new Dictionary<string, int[]> { ["x"] = [2, 3, 5, 4], ["g"] = [2, 3, 1, 1] });
        Assert.That(plan.Steps.Select(s => s.Op.Name), Is.EqualTo(new[] { "resize" }), string.Join("; ", plan.Steps));
        Assert.That(plan.Steps[0].Inputs, Is.EqualTo(new[] { "x", null, null, "g" }));
        AssertSameResult(model, new Dictionary<string, Tensor> { ["x"] = Tensor.Random([2, 3, 5, 4], seed: 5), ["g"] = Tensor.Random([2, 3, 1, 1], seed: 6) },
            Fusing, Tolerance.Kernel, "resize with a gated input vs unfused");
    }

    /// <summary>
    /// An Add read only by a global pool (GlobalAveragePool, GlobalMaxPool, or an AveragePool whose window is the plane):
    /// one global_pool step that sums its two operands as it reads them, the unfused result.
    /// </summary>
    [TestCase("GlobalAveragePool")]
    [TestCase("GlobalMaxPool")]
    [TestCase("AveragePool")]
    public void AnAddReadOnlyByAGlobalPoolIsSummedByThePool(string pool)
    {
        int[] shape = [2, 3, 20, 17];
        Dim[] dims = [.. shape.Select(d => Dim.Fixed(d))];
        var model = new Model
        {
            Inputs = [new ValueInfo("a", DataType.Float32, dims), new ValueInfo("b", DataType.Float32, dims)],
            Outputs = [new ValueInfo("y", DataType.Float32, [Dim.Fixed(2), Dim.Fixed(3), Dim.Fixed(1), Dim.Fixed(1)])],
            OpsetVersion = 13,
            Nodes =
            [
                new("add", "Add", "", ["a", "b"], ["s"]),
                new("pool", pool, "", ["s"], ["y"], pool == "AveragePool" ? [NodeAttribute.Of("kernel_shape", new long[] { 20, 17 })] : []),
            ],
        };
        var plan = GraphCompiler.Compile(model, new Dictionary<string, int[]> { ["a"] = shape, ["b"] = shape });
        Assert.That(plan.Steps.Select(s => s.Op.Name), Is.EqualTo(new[] { "global_pool" }), string.Join("; ", plan.Steps));
        Assert.That(plan.Steps[0].Inputs, Is.EqualTo(new[] { "a", "b" }));
        AssertSameResult(model, new Dictionary<string, Tensor> { ["a"] = Tensor.Random(shape, seed: 4), ["b"] = Tensor.Random(shape, seed: 5) },
            Fusing, Tolerance.Kernel, $"add + {pool} fused vs unfused");
    }

    /// <summary><c>Relu(Add(Mul(x, s), z))</c> with nothing else reading the product: one binary step x * s + z with the ReLU.</summary>
    [Test]
    public void AProductAndTheAddAfterItRunAsOnePass()
    {
        var model = new Model
        {
            Inputs =
            [
                new ValueInfo("x", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(3), Dim.Fixed(4), Dim.Fixed(5)]),
                new ValueInfo("s", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(3), Dim.Fixed(1), Dim.Fixed(1)]),
                new ValueInfo("z", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(3), Dim.Fixed(4), Dim.Fixed(5)]),
            ],
            Outputs = [new ValueInfo("y", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(3), Dim.Fixed(4), Dim.Fixed(5)])],
            OpsetVersion = 13,
            Nodes =
            [
                new("mul", "Mul", "", ["x", "s"], ["m"]),
                new("add", "Add", "", ["z", "m"], ["a"]),
                new("relu", "Relu", "", ["a"], ["y"]),
            ],
        };
        var shapes = new Dictionary<string, int[]> { ["x"] = [1, 3, 4, 5], ["s"] = [1, 3, 1, 1], ["z"] = [1, 3, 4, 5] };
        var plan = GraphCompiler.Compile(model, shapes);
        Assert.That(plan.Steps.Count, Is.EqualTo(1), string.Join("; ", plan.Steps));
        Assert.That(plan.Steps[0].Inputs, Is.EqualTo(new[] { "x", "s", "z" }));
        AssertSameResult(model, new Dictionary<string, Tensor> { ["x"] = Tensor.Random([1, 3, 4, 5], seed: 1), ["s"] = Tensor.Random([1, 3, 1, 1], seed: 2),
            ["z"] = Tensor.Random([1, 3, 4, 5], seed: 3) }, Fusing, Tolerance.Kernel, "mul + add fused vs unfused");
    }

    /// <summary>BatchNormalization after a grouped ConvTranspose (PP-OCR det's head) folds into its weights and bias, and the
    /// ReLU after it into the kernel: one step, the unfolded plan's result.</summary>
    [TestCase(false)]
    [TestCase(true)]
    public void BatchNormAfterAGroupedConvTransposeFoldsIntoIt(bool biasAsAdd)
    {
        var model = new Model
        {
            Inputs = [new ValueInfo("x", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(4), Dim.Fixed(3), Dim.Fixed(5)])],
            Outputs = [new ValueInfo("y", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(6), Dim.Fixed(6), Dim.Fixed(10)])],
            Initializers = new Dictionary<string, Tensor>(StringComparer.Ordinal)
            {
                ["W"] = Tensor.Random([4, 3, 2, 2], seed: 1),
                ["B"] = Tensor.Random([6], seed: 2),
                ["gamma"] = Tensor.Random([6], seed: 3, 0.5f, 2f),
                ["beta"] = Tensor.Random([6], seed: 4),
                ["mean"] = Tensor.Random([6], seed: 5),
                ["var"] = Tensor.Random([6], seed: 6, 0.1f, 2f),
                ["B4"] = Tensor.Random([1, 6, 1, 1], seed: 8),
            },
            OpsetVersion = 13,
            // biasAsAdd: PaddleOCR's export, the transposed conv's bias as a separate Add of a [1,K,1,1] constant.
            Nodes = biasAsAdd
                ?
                [
                    new("up", "ConvTranspose", "", ["x", "W"], ["t"], [NodeAttribute.Of("strides", new long[] { 2, 2 }), NodeAttribute.Of("group", 2L)]),
                    new("bias", "Add", "", ["t", "B4"], ["u"]),
                    new("bn", "BatchNormalization", "", ["u", "gamma", "beta", "mean", "var"], ["n"]),
                    new("relu", "Relu", "", ["n"], ["y"]),
                ]
                :
                [
                    new("up", "ConvTranspose", "", ["x", "W", "B"], ["u"], [NodeAttribute.Of("strides", new long[] { 2, 2 }), NodeAttribute.Of("group", 2L)]),
                    new("bn", "BatchNormalization", "", ["u", "gamma", "beta", "mean", "var"], ["n"]),
                    new("relu", "Relu", "", ["n"], ["y"]),
                ],
        };
        var shapes = new Dictionary<string, int[]> { ["x"] = [1, 4, 3, 5] };
        var plan = GraphCompiler.Compile(model, shapes);
        Assert.That(plan.Steps, Has.Count.EqualTo(1), string.Join("; ", plan.Steps));
        Assert.That(plan.Steps[0].Op, Is.InstanceOf<ConvTranspose2d>().With.Property(nameof(ConvTranspose2d.Activation)).EqualTo(Activation.Relu));
        var x = Tensor.Random([1, 4, 3, 5], seed: 7);
        AssertSameResult(model, new Dictionary<string, Tensor> { ["x"] = x }, fold => CompileOptions.Default with { FoldBatchNorm = fold }, Tolerance.Kernel,
            "ConvTranspose + BatchNorm folded vs not");
    }

    /// <summary>PP-LCNet's learnable affine after an activation (Mul then Add by per-channel constants) moves into the
    /// conv's epilogue: one step, the unfused plan's result.</summary>
    [TestCase(true)]
    [TestCase(false)]
    public void AffineAfterTheActivationMovesIntoTheConv(bool withMul)
    {
        var nodes = new List<Node>
        {
            new("conv", "Conv", "", ["x", "W", "B"], ["c"], [NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 }), NodeAttribute.Of("group", 3L)]),
            new("act", "HardSwish", "", ["c"], ["h"]),
        };
        if (withMul) nodes.Add(new Node("mul", "Mul", "", ["h", "S"], ["m"]));
        nodes.Add(new Node("add", "Add", "", [withMul ? "m" : "h", "T"], ["y"]));
        var model = new Model
        {
            Inputs = [new ValueInfo("x", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(3), Dim.Fixed(6), Dim.Fixed(8)])],
            Outputs = [new ValueInfo("y", DataType.Float32, [Dim.Fixed(1), Dim.Fixed(3), Dim.Fixed(6), Dim.Fixed(8)])],
            Initializers = new Dictionary<string, Tensor>(StringComparer.Ordinal)
            {
                ["W"] = Tensor.Random([3, 1, 3, 3], seed: 1),
                ["B"] = Tensor.Random([3], seed: 2),
                ["S"] = Tensor.Random([1, 3, 1, 1], seed: 3, 0.5f, 2f),
                ["T"] = Tensor.Random([1], seed: 4),
            },
            OpsetVersion = 14,
            Nodes = nodes,
        };
        var plan = GraphCompiler.Compile(model, new Dictionary<string, int[]> { ["x"] = [1, 3, 6, 8] });
        Assert.That(plan.Steps, Has.Count.EqualTo(1), string.Join("; ", plan.Steps));
        Assert.That(plan.Steps[0].Inputs[6], Is.Not.Null);
        var x = Tensor.Random([1, 3, 6, 8], seed: 5);
        AssertSameResult(model, new Dictionary<string, Tensor> { ["x"] = x }, Fusing, Tolerance.Transcendental, "post affine fused vs not");
    }
}
