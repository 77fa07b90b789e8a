using Vision.Compile;
using Vision.Models;
using Vision.Tensors;

namespace Vision.Tests.Compile;

/// <summary>The compile passes on small graphs, checked on the plan itself (no backend needed).</summary>
public sealed class GraphCompilerTests
{
    private static Node N(string op, string[] inputs, string output, params NodeAttribute[] a) => new(output, op, "", inputs, [output], a);

    private static Model Graph(IReadOnlyList<Node> nodes, Dictionary<string, Tensor> init, string output = "y", int opset = 13) => new()
    {
        Inputs = [new ValueInfo("x", DataType.Float32, [Dim.Symbolic("N"), Dim.Fixed(4), Dim.Symbolic("H"), Dim.Symbolic("W")])],
        Outputs = [new ValueInfo(output, DataType.Float32, [])],
        Nodes = nodes,
        Initializers = init,
        OpsetVersion = opset,
    };

    [Test]
    public void PyTorchStyleShapeChainFoldsToAView()
    {
        // y = Reshape(x, Concat(Unsqueeze(Gather(Shape(x), 0)), [-1])): a flatten written the way exporters write it.
        var model = Graph(
        [
            N("Shape", ["x"], "s"),
            N("Gather", ["s", "zero"], "n", NodeAttribute.Of("axis", 0L)),
            N("Unsqueeze", ["n", "axes0"], "n1"),
            N("Concat", ["n1", "minus1"], "target", NodeAttribute.Of("axis", 0L)),
            N("Reshape", ["x", "target"], "y"),
        ], new()
        {
            ["zero"] = new Tensor([], new long[] { 0 }),
            ["axes0"] = new Tensor([1], new long[] { 0 }),
            ["minus1"] = new Tensor([1], new long[] { -1 }),
        });
        var plan = GraphCompiler.Compile(model, new Dictionary<string, int[]> { ["x"] = [2, 4, 3, 5] });
        Assert.That(plan.Steps, Is.Empty, "the whole chain folds; the reshape is a view");
        Assert.That(plan.Shapes["y"], Is.EqualTo(new[] { 2, 60 }));
        Assert.That(plan.Root("y"), Is.EqualTo("x"));
    }

    // NCHW -> NHWC of a one-channel map moves only an axis of size 1: a view, no kernel (TFLite models' output transposes).
    [TestCase(1, true)]
    [TestCase(4, false)]
    public void ATransposeMovingOnlyUnitAxesIsAView(int channels, bool view)
    {
        var model = new Model
        {
            Inputs = [new ValueInfo("x", DataType.Float32, [Dim.Fixed(2), Dim.Fixed(channels), Dim.Fixed(3), Dim.Fixed(5)])],
            Outputs = [new ValueInfo("y", DataType.Float32, [])],
            Nodes = [N("Transpose", ["x"], "y", NodeAttribute.Of("perm", new long[] { 0, 2, 3, 1 }))],
            Initializers = new Dictionary<string, Tensor>(),
            OpsetVersion = 13,
        };
        var plan = GraphCompiler.Compile(model, new Dictionary<string, int[]> { ["x"] = [2, channels, 3, 5] });
        Assert.That(plan.Shapes["y"], Is.EqualTo(new[] { 2, 3, 5, channels }));
        Assert.That(plan.Steps.Count, Is.EqualTo(view ? 0 : 1), string.Join("; ", plan.Steps));
        var x = Tensor.Random([2, channels, 3, 5], seed: 9);
        using var worker = new Vision.Runtime.Worker(model, Vision.Backends.Backend.CPU);
        worker.Run(new Dictionary<string, Tensor> { ["x"] = x });
        Assert.That(worker.PeekOutput().Data, Is.EqualTo(new Vision.Ops.Transpose([0, 2, 3, 1]).Reference(x).Data));
    }

    [Test]
    public void ConstantOfShapeWeightsFoldAndUnusedBranchesAreDropped()
    {
        var model = Graph(
        [
            N("ConstantOfShape", ["shape4"], "ones", NodeAttribute.Of("value", new Tensor([1], [1f]))),
            N("Add", ["x", "ones"], "y"),
            N("Relu", ["x"], "unused"),
        ], new() { ["shape4"] = new Tensor([4], new long[] { 1, 4, 1, 1 }) });
        var plan = GraphCompiler.Compile(model, new Dictionary<string, int[]> { ["x"] = [1, 4, 2, 2] });
        Assert.That(plan.Steps.Select(s => s.Op.Name), Is.EqualTo(new[] { "binary" }), "Relu feeds no output and is removed");
        Assert.That(plan.Constants["ones"].Data, Is.EqualTo(new[] { 1f, 1f, 1f, 1f }));
    }

    [Test]
    public void KeptValuesSurviveFusionAndDeadNodeRemoval()
    {
        var model = Graph(
        [
            N("Conv", ["x", "w"], "c"),
            N("Relu", ["c"], "y"),
            N("Sigmoid", ["c"], "side"),
        ], new() { ["w"] = Tensor.Random([2, 4, 1, 1], 3) });
        var shapes = new Dictionary<string, int[]> { ["x"] = [1, 4, 3, 3] };
        var fused = GraphCompiler.Compile(model, shapes);
        Assert.That(fused.Steps.Select(s => s.Op.Name), Is.EqualTo(new[] { "conv2d", "unary" }), "c has two readers: no fusion; side is dead");
        var kept = GraphCompiler.Compile(model, shapes, new CompileOptions { Keep = ["side"] });
        Assert.That(kept.Steps.Select(s => s.Output), Is.EquivalentTo(new[] { "c", "y", "side" }));
    }

    [Test]
    public void MissingInputIsATypedErrorNamingIt()
    {
        var model = Graph([N("Relu", ["x"], "y")], new());
        var e = Assert.Throws<CompileException>(() => GraphCompiler.Compile(model, new Dictionary<string, int[]>()));
        Assert.That(e!.Message, Does.Contain("'x'"));
    }

    [Test]
    public void UnsupportedOpIsFlaggedSoToolsCanSkip()
    {
        var model = Graph([N("Erf", ["x"], "y")], new());
        var e = Assert.Throws<CompileException>(() => GraphCompiler.Compile(model, new Dictionary<string, int[]> { ["x"] = [1, 4, 2, 2] }));
        Assert.That(e!.Unsupported, Is.True);
        Assert.That(e.Message, Does.Contain("Erf"));
    }
}
