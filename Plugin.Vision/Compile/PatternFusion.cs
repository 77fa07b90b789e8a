using Vision.Ops;
using Vision.Tensors;

namespace Vision.Compile;

/// <summary>
/// Rewrites of multi-op patterns into fewer kernels, run before activation fusion:
/// <list type="bullet">
/// <item>Scale: <c>Mul(Conv(...), s)</c> with s a per-channel or scalar constant scales the conv's weights and bias
/// (PP-LCNet's learnable affine blocks; the Add that follows then folds as a bias).</item>
/// <item>Bias add: <c>Add(Conv(...), c)</c> or <c>Add(ConvTranspose(...), c)</c> with c a per-channel or scalar constant
/// folds into the conv's bias. (It was off for ConvTranspose while PoCL ran the branchy fused sigmoid after it slowly;
/// with the branch-free sigmoid it is level on CL and 0.13 ms faster on GL, and one launch fewer.)</item>
/// <item>Input transpose: <c>Conv(Transpose(x, 0,3,1,2))</c> reads the channels-last x directly.</item>
/// <item>HardSwish spelled out (TF exports, MobileNetV3): <c>Mul(x, Clip(Add(x, 3), 0, 6))</c> scaled by 1/6 (Mul or Div,
/// either order) becomes one <c>Unary(HardSwish)</c>, which activation fusion then moves into x's producer.</item>
/// <item>Squeeze-and-excitation scale: <c>Conv1x1(Mul(x, s))</c> with s [N,C,1,1] scales x inside the conv, and
/// <c>Conv1x1(Add(Mul(x, s), z))</c> (or <c>Conv1x1(Add(x, z))</c>) adds z there too (MediaPipe's decoder blocks).</item>
/// <item>Upsampling before a 1x1 conv: <c>Conv1x1(Resize(x))</c> becomes <c>Resize(Conv1x1(x))</c>. Nearest and
/// bilinear resizing mix each channel's pixels with weights summing to 1, and a 1x1 conv mixes channels per pixel, so
/// the two commute (bias included); the conv then runs on the smaller image and the resize moves the conv's channels.
/// Runs first, so the conv's new input can fuse further.</item>
/// <item>Residual add: <c>Add(Conv(...), skip)</c> (or <c>Add(skip, Conv)</c>) with the conv's output used once becomes a
/// conv that adds <c>skip</c> before its activation; <c>Add(act(Conv(...)), skip)</c> one that adds it after.</item>
/// <item>A squeeze-and-excitation residual <c>x * g + x</c> read only by a Resize (as its addend or its image): the Resize
/// computes it as it reads (<see cref="FuseGatedResidualIntoResize"/>).</item>
/// <item>Affine after the activation (<see cref="FusePostAffine"/>, after activation fusion): into the conv's epilogue.</item>
/// <item>Squeeze-and-excitation's two 1x1 convs on the pooled [N,C,1,1] (run after activation fusion,
/// <see cref="FuseChannelGates"/>): one <see cref="ChannelGate"/>.</item>
/// </list>
/// </summary>
internal static class PatternFusion
{
    public static void Apply(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect, Dictionary<string, Tensor> constants,
        Dictionary<string, int[]> shapes)
    {
        ConvBeforeUpsampling(steps, aliases, protect, shapes);
        FoldScaleMul(steps, aliases, protect, constants, shapes);
        FoldBiasAdd(steps, aliases, protect, constants, shapes);
        FoldInputTranspose(steps, aliases, protect);
        FuseHardSwish(steps, aliases, protect, constants);
        FuseResidualAdd(steps, aliases, protect, shapes);
        FuseInputScale(steps, aliases, protect, shapes);
        FuseUpsampleAdd(steps, aliases, protect, shapes);
        FuseMulAdd(steps, aliases, protect, shapes);
        FuseGatedResidualIntoResize(steps, aliases, protect, shapes);
    }

    private static Dictionary<string, int> Uses(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect)
    {
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in steps)
            foreach (var i in s.Inputs.OfType<string>()) uses[i] = uses.GetValueOrDefault(i) + 1;
        foreach (var source in aliases.Values) uses[source] = uses.GetValueOrDefault(source) + 1;
        foreach (var p in protect) uses[p] = uses.GetValueOrDefault(p) + 1;
        return uses;
    }

    private static bool IsScalar(IReadOnlyDictionary<string, Tensor> constants, string? name, float value) =>
        name != null && constants.TryGetValue(name, out var t) && t.ElementType == ElementType.Float32 && t.Length == 1 &&
        Math.Abs(t.Data[0] - value) <= 1e-6f * Math.Max(1f, Math.Abs(value));

    /// <summary>A copy of a step's inputs with at least <paramref name="slots"/> entries (absent ones null), to set a fused input in.</summary>
    private static string?[] Widened(string?[] inputs, int slots)
    {
        var widened = new string?[Math.Max(slots, inputs.Length)];
        inputs.CopyTo(widened, 0);
        return widened;
    }

    /// <summary>The only step reading <paramref name="value"/>, when it is read exactly once (and is no output).</summary>
    private static int OnlyConsumer(List<Step> steps, int after, string value, Dictionary<string, int> uses)
    {
        if (uses.GetValueOrDefault(value) != 1) return -1;
        return steps.FindIndex(after + 1, s => s.Inputs.Contains(value));
    }

    private static void FuseHardSwish(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect, IReadOnlyDictionary<string, Tensor> constants)
    {
        var uses = Uses(steps, aliases, protect);
        for (int i = 0; i < steps.Count; i++)
        {
            var add = steps[i];
            if (add.Op is not Binary { Kind: BinaryKind.Add, Activation.Kind: ActivationKind.None } || add.Inputs.Length != 2) continue;
            string? x = IsScalar(constants, add.Inputs[1], 3f) ? add.Inputs[0] : IsScalar(constants, add.Inputs[0], 3f) ? add.Inputs[1] : null;
            if (x == null || constants.ContainsKey(x)) continue;
            int ci = OnlyConsumer(steps, i, add.Output, uses);
            if (ci < 0 || steps[ci].Op is not Unary { Kind: UnaryKind.Clip, Alpha: 0f, Beta: 6f }) continue;
            var clip = steps[ci];
            // Then x * clip and a 1/6 scale, in either order.
            int first = OnlyConsumer(steps, ci, clip.Output, uses);
            if (first < 0) continue;
            int second = OnlyConsumer(steps, first, steps[first].Output, uses);
            if (second < 0) continue;
            if (!(IsTimesX(steps[first], clip.Output, x) && IsSixth(steps[second], steps[first].Output, constants)) &&
                !(IsSixth(steps[first], clip.Output, constants) && IsTimesX(steps[second], steps[first].Output, x)))
                continue;
            var last = steps[second];
            steps[i] = new Step(add.Node, new Unary(UnaryKind.HardSwish), [x], last.Output, last.OutputShape);
            foreach (int r in new[] { ci, first, second }.OrderDescending()) steps.RemoveAt(r);
            uses = Uses(steps, aliases, protect);
        }
    }

    /// <summary>Transpose(0,3,1,2) of a channels-last tensor read only by a one-group conv: the conv reads NHWC itself.</summary>
    private static void FoldInputTranspose(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect)
    {
        var uses = Uses(steps, aliases, protect);
        for (int i = 0; i < steps.Count; i++)
        {
            var t = steps[i];
            if (t.Op is not Transpose transpose || t.OutputShape.Length != 4 || !transpose.PermFor(4).AsSpan().SequenceEqual([0, 3, 1, 2])) continue;
            int ci = OnlyConsumer(steps, i, t.Output, uses);
            if (ci < 0 || steps[ci].Op is not Conv2d { Group: 1, InputNhwc: false } conv || steps[ci].Inputs[0] != t.Output) continue;
            var inputs = (string?[])steps[ci].Inputs.Clone();
            inputs[0] = t.Inputs[0];
            steps[ci] = steps[ci] with { Op = conv.WithInputNhwc(), Inputs = inputs };
            steps.RemoveAt(i);
            i--;
            uses = Uses(steps, aliases, protect);
        }
    }

    private static bool IsTimesX(Step s, string value, string x) =>
        s.Op is Binary { Kind: BinaryKind.Mul, Activation.Kind: ActivationKind.None } && s.Inputs.Length == 2 &&
        ((s.Inputs[0] == value && s.Inputs[1] == x) || (s.Inputs[0] == x && s.Inputs[1] == value));

    private static bool IsSixth(Step s, string value, IReadOnlyDictionary<string, Tensor> constants) =>
        s.Op is Binary { Activation.Kind: ActivationKind.None } b && s.Inputs.Length == 2 &&
        ((b.Kind == BinaryKind.Mul && ((s.Inputs[0] == value && IsScalar(constants, s.Inputs[1], 1f / 6f)) ||
                                       (s.Inputs[1] == value && IsScalar(constants, s.Inputs[0], 1f / 6f)))) ||
         (b.Kind == BinaryKind.Div && s.Inputs[0] == value && IsScalar(constants, s.Inputs[1], 6f)));

    private static void FuseResidualAdd(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect, IReadOnlyDictionary<string, int[]> shapes)
    {
        var uses = Uses(steps, aliases, protect);
        for (int i = 0; i < steps.Count; i++)
        {
            var conv = steps[i];
            if (conv.Op is not Conv2d { Activation.Kind: ActivationKind.None } c || (conv.Inputs.Length > 3 && conv.Inputs[3] != null)) continue;
            int ai = OnlyConsumer(steps, i, conv.Output, uses);
            if (ai < 0) continue;
            // Conv -> Add, or Conv -> activation -> Add (the residual then comes after the activation).
            int ui = -1;
            Activation activation = default;
            if (GraphCompiler.AsActivation(steps[ai].Op) is { } act)
            {
                ui = ai;
                activation = act;
                ai = OnlyConsumer(steps, ui, steps[ui].Output, uses);
                if (ai < 0) continue;
            }
            string value = ui < 0 ? conv.Output : steps[ui].Output;
            if (steps[ai].Op is not Binary { Kind: BinaryKind.Add } add || steps[ai].Inputs.Length != 2) continue;
            if (ui >= 0 && add.Activation.Kind != ActivationKind.None) continue;
            var addStep = steps[ai];
            string skip = addStep.Inputs[0] == value ? addStep.Inputs[1]! : addStep.Inputs[0]!;
            if (skip == value || !addStep.OutputShape.AsSpan().SequenceEqual(conv.OutputShape)) continue;
            // The skip tensor must exist when the conv runs and have the output's shape (no broadcasting in the kernel).
            if (steps.FindIndex(s => s.Output == skip) is var producer && producer >= i) continue;
            if (!HasShape(shapes, skip, conv.OutputShape)) continue;
            var inputs = Widened(conv.Inputs, 4);
            inputs[3] = skip;
            Op fused = ui < 0 ? c.WithActivation(add.Activation) : ((Conv2d)c.WithActivation(activation)).WithResidualAfterActivation();
            steps[i] = new Step(conv.Node, fused, inputs, addStep.Output, addStep.OutputShape);
            steps.RemoveAt(ai);
            if (ui >= 0) steps.RemoveAt(ui);
            uses = Uses(steps, aliases, protect);
        }
    }

    /// <summary>
    /// The Add (two operands) that alone reads step <paramref name="i"/>'s output, and its other operand when that has
    /// the output's shape, so the step can add it as it stores (no broadcasting); (-1, null) otherwise.
    /// </summary>
    private static (int Add, string? Other) SameShapeAddAfter(List<Step> steps, int i, Dictionary<string, int> uses,
        IReadOnlyDictionary<string, int[]> shapes)
    {
        var step = steps[i];
        int ai = OnlyConsumer(steps, i, step.Output, uses);
        if (ai < 0 || steps[ai].Op is not Binary { Kind: BinaryKind.Add } || steps[ai].Inputs.Length != 2) return (-1, null);
        var add = steps[ai];
        string other = add.Inputs[0] == step.Output ? add.Inputs[1]! : add.Inputs[0]!;
        if (other == step.Output || !add.OutputShape.AsSpan().SequenceEqual(step.OutputShape) || !HasShape(shapes, other, step.OutputShape))
            return (-1, null);
        return (ai, other);
    }

    /// <summary>
    /// A decoder's <c>Add(Resize(x), skip)</c>, the Resize read only by the Add (after the residual and input-addend
    /// fusions have taken the Adds a conv can absorb): the Resize adds the skip as it stores, saving a launch and a pass over the upsampled
    /// tensor (PP-OCRv4 det's FPN: three).
    /// </summary>
    private static void FuseUpsampleAdd(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect, IReadOnlyDictionary<string, int[]> shapes) =>
        FuseIntoAddAfter(steps, aliases, protect, shapes, (resize, add, skip) =>
        {
            if (resize.Op is not Resize || (resize.Inputs.Length > 1 && resize.Inputs[1] != null) || ((Binary)add.Op).Activation.Kind != ActivationKind.None)
                return null;
            // The fused step runs where the Add ran: the skip exists there, and so does x (it existed at the Resize).
            var inputs = Widened(resize.Inputs, 2);
            inputs[1] = skip;
            return new Step(resize.Node, resize.Op, inputs, add.Output, add.OutputShape);
        });

    /// <summary>
    /// <c>Add(Mul(x, s), z)</c> with the product read only by the Add and z of the output's shape, where no conv took the
    /// pair as its input scale (PP-OCRv4 det's attention blocks): one binary pass computing x * s + z, run where the Add ran.
    /// </summary>
    private static void FuseMulAdd(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect, IReadOnlyDictionary<string, int[]> shapes) =>
        FuseIntoAddAfter(steps, aliases, protect, shapes, (mul, add, z) =>
            mul.Op is Binary { Kind: BinaryKind.Mul, Activation.Kind: ActivationKind.None } && mul.Inputs.Length == 2
                ? new Step(mul.Node, new Binary(BinaryKind.Mul, ((Binary)add.Op).Activation), [mul.Inputs[0], mul.Inputs[1], z], add.Output, add.OutputShape)
                : null);

    /// <summary>
    /// A squeeze-and-excitation residual <c>x * g + x</c> (the Mul-Add pair above, g [N,C,1,1]) read only by a Resize,
    /// as its addend (PP-OCRv4 det's FPN: <c>in + Resize(top)</c> with in = x + x * se(x)) or as the image it resizes (the
    /// FPN's upsampled outputs): the Resize reads x and g and computes x * g + x itself, one launch and a pass over x
    /// fewer. PP-OCRv4 det at 320x320, interleaved runs: the three addends GL 57.1-57.6 -> 52.6-55.4 ms, CL 18.4-18.8 ->
    /// 17.7-17.9 ms (resize + binary kernel time GL 6.6-7.1 -> 6.0-6.3 ms); the three upsampled inputs then 70 -> 67
    /// kernels, resize + binary GL 5.2-5.6 -> 4.9-5.4 ms. x and g exist where the product ran, before the Resize.
    /// </summary>
    private static void FuseGatedResidualIntoResize(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect, IReadOnlyDictionary<string, int[]> shapes)
    {
        var uses = Uses(steps, aliases, protect);
        for (int i = 0; i < steps.Count; i++)
        {
            var mul = steps[i];
            if (mul.Op is not Binary { Kind: BinaryKind.Mul, Activation.Kind: ActivationKind.None } || mul.Inputs.Length != 3) continue;
            if (mul.Inputs[2] is not { } x || mul.Inputs[0] is not { } a || mul.Inputs[1] is not { } b) continue;
            string? gate = a == x ? b : b == x ? a : null;
            int[] shape = mul.OutputShape;
            if (gate == null || shape.Length != 4 || !HasShape(shapes, x, shape) || !HasShape(shapes, gate, [shape[0], shape[1], 1, 1])) continue;
            int j = OnlyConsumer(steps, i, mul.Output, uses);
            if (j < 0 || steps[j].Op is not Resize) continue;
            var resize = steps[j];
            // The slot the residual sits in (0: the image, 1: the addend) and the slot of its gate, which must be free.
            int at = Array.IndexOf(resize.Inputs, mul.Output);
            int gateSlot = at == 0 ? Resize.InputGateSlot : Resize.GateSlot;
            if (at is not (0 or 1) || (resize.Inputs.Length > gateSlot && resize.Inputs[gateSlot] != null)) continue;
            var inputs = Widened(resize.Inputs, gateSlot + 1);
            inputs[at] = x;
            inputs[gateSlot] = gate;
            steps[j] = resize with { Inputs = inputs };
            steps.RemoveAt(i);
            i--;
            uses = Uses(steps, aliases, protect);
        }
    }

    /// <summary>
    /// The loop of the fusions into the Add after a step (<see cref="SameShapeAddAfter"/>): where <paramref name="fuse"/>
    /// makes a step of (the step, the Add, the Add's other operand), it replaces the Add and the step is removed.
    /// </summary>
    private static void FuseIntoAddAfter(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect,
        IReadOnlyDictionary<string, int[]> shapes, Func<Step, Step, string, Step?> fuse)
    {
        var uses = Uses(steps, aliases, protect);
        for (int i = 0; i < steps.Count; i++)
        {
            var (ai, other) = SameShapeAddAfter(steps, i, uses, shapes);
            if (ai < 0 || fuse(steps[i], steps[ai], other!) is not { } fused) continue;
            steps[ai] = fused;
            steps.RemoveAt(i);
            i--;
            uses = Uses(steps, aliases, protect);
        }
    }

    /// <summary>
    /// Squeeze-and-excitation's last step, <c>Mul(x, s)</c> with s [N,C,1,1], read only by a 1x1 conv, or by an
    /// <c>Add(_, z)</c> read only by a 1x1 conv (also an Add of two same-shape tensors alone): the conv reads
    /// <c>x * s + z</c> itself.
    /// </summary>
    private static void FuseInputScale(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect, IReadOnlyDictionary<string, int[]> shapes)
    {
        var uses = Uses(steps, aliases, protect);
        for (int i = 0; i < steps.Count; i++)
        {
            var first = steps[i];
            if (first.Op is not Binary { Activation.Kind: ActivationKind.None } op || first.Inputs.Length != 2) continue;
            if (!shapes.TryGetValue(first.Inputs[0]!, out var a) || !shapes.TryGetValue(first.Inputs[1]!, out var b)) continue;
            string? x = null, scale = null, addend = null;
            var removed = new List<int> { i };
            int ci = OnlyConsumer(steps, i, first.Output, uses);
            if (op.Kind == BinaryKind.Mul)
            {
                (x, scale) = IsChannelScale(b, a) ? (first.Inputs[0]!, first.Inputs[1]!) : IsChannelScale(a, b) ? (first.Inputs[1]!, first.Inputs[0]!) : (null, null);
                if (x == null || ci < 0) continue;
                // Then an Add of a tensor shaped like x, read only by the conv.
                if (steps[ci].Op is Binary { Kind: BinaryKind.Add, Activation.Kind: ActivationKind.None } && steps[ci].Inputs.Length == 2)
                {
                    var add = steps[ci];
                    string? other = add.Inputs[0] == first.Output ? add.Inputs[1] : add.Inputs[0];
                    if (other == null || other == first.Output || !shapes.TryGetValue(other, out var z) || !z.AsSpan().SequenceEqual(shapes[x])) continue;
                    addend = other;
                    removed.Add(ci);
                    ci = OnlyConsumer(steps, ci, add.Output, uses);
                }
            }
            else if (op.Kind == BinaryKind.Add && a.AsSpan().SequenceEqual(b) && first.Inputs[0] != first.Inputs[1])
                (x, addend) = (first.Inputs[0]!, first.Inputs[1]!);
            if (x == null || ci < 0 || steps[ci].Op is not Conv2d { InputNhwc: false } conv) continue;
            var convStep = steps[ci];
            if (convStep.Inputs[0] != steps[removed[^1]].Output || convStep.Inputs.Skip(4).Any(v => v != null)) continue;
            if (!conv.IsPointwise(shapes[x], shapes[convStep.Inputs[1]!])) continue;
            // Every input must exist when the conv runs (it does: they fed steps before it).
            var inputs = Widened(convStep.Inputs, 6);
            inputs[0] = x;
            inputs[4] = scale;
            inputs[5] = addend;
            steps[ci] = convStep with { Inputs = inputs };
            foreach (int r in removed.OrderDescending()) steps.RemoveAt(r);
            i--;
            uses = Uses(steps, aliases, protect);
        }
    }

    /// <summary><c>Conv1x1(Resize(x))</c> with the resize read only by the conv becomes <c>Resize(Conv1x1(x))</c> when it upsamples.</summary>
    private static void ConvBeforeUpsampling(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect, Dictionary<string, int[]> shapes)
    {
        var uses = Uses(steps, aliases, protect);
        for (int i = 0; i < steps.Count; i++)
        {
            var up = steps[i];
            if (up.Op is not Resize resize || up.OutputShape.Length != 4 || !shapes.TryGetValue(up.Inputs[0]!, out var x)) continue;
            if (up.OutputShape[2] < x[2] || up.OutputShape[3] < x[3] || up.OutputShape[2] * up.OutputShape[3] == x[2] * x[3]) continue;
            int ci = OnlyConsumer(steps, i, up.Output, uses);
            if (ci < 0 || steps[ci].Op is not Conv2d { InputNhwc: false, Activation.Kind: ActivationKind.None } conv) continue;
            var convStep = steps[ci];
            if (convStep.Inputs[0] != up.Output || convStep.Inputs.Skip(3).Any(v => v != null)) continue;
            var w = shapes[convStep.Inputs[1]!];
            if (w[2] != 1 || w[3] != 1 || conv.StrideH != 1 || conv.StrideW != 1 || conv.Group != 1 || conv.Pads != default) continue;
            int k = w[0];
            string low = convStep.Output + "/before_resize";
            int[] lowShape = [x[0], k, x[2], x[3]];
            var moved = resize.Sizes is { } sizes ? resize.WithSizes([sizes[0], k, sizes[2], sizes[3]]) : resize;
            var inputs = (string?[])convStep.Inputs.Clone();
            inputs[0] = up.Inputs[0];
            steps[ci] = new Step(up.Node, moved, [low], convStep.Output, convStep.OutputShape);
            steps[i] = convStep with { Inputs = inputs, Output = low, OutputShape = lowShape };
            shapes[low] = lowShape;
            uses = Uses(steps, aliases, protect);
        }
    }

    /// <summary>
    /// After activation fusion: a 1x1 conv on a 1x1 image (ReLU or no activation) read only by another such conv is
    /// squeeze-and-excitation's excitation: one <see cref="ChannelGate"/> instead of two launches.
    /// </summary>
    public static void FuseChannelGates(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect, IReadOnlyDictionary<string, int[]> shapes)
    {
        var uses = Uses(steps, aliases, protect);
        for (int i = 0; i < steps.Count; i++)
        {
            var first = steps[i];
            if (!IsPlainPointwiseOnOnePixel(first, shapes) || ((Conv2d)first.Op).Activation.Kind is not (ActivationKind.None or ActivationKind.Relu)) continue;
            int j = OnlyConsumer(steps, i, first.Output, uses);
            if (j < 0 || !IsPlainPointwiseOnOnePixel(steps[j], shapes) || steps[j].Inputs[0] != first.Output) continue;
            if (first.OutputShape[1] > ChannelGate.MaxHidden) continue;
            var second = steps[j];
            var gate = new ChannelGate(((Conv2d)first.Op).Activation.Kind == ActivationKind.Relu, ((Conv2d)second.Op).Activation);
            string? Bias(Step s) => s.Inputs.Length > 2 ? s.Inputs[2] : null;
            steps[j] = new Step(second.Node, gate, [first.Inputs[0], first.Inputs[1], Bias(first), second.Inputs[1], Bias(second)], second.Output, second.OutputShape);
            steps.RemoveAt(i);
            i--;
            uses = Uses(steps, aliases, protect);
        }
        // The global average pool before a gate joins it where the planes are small (the gate's one work group per
        // image sums every plane itself: cheap up to ~1K pixels, a bottleneck on large ones).
        for (int i = 0; i < steps.Count; i++)
        {
            var pool = steps[i];
            if (!IsGlobalAverage(pool, shapes, out var x) || x[2] * x[3] > MaxSqueezedPlane || x[1] > ChannelGate.MaxSqueezed) continue;
            int j = OnlyConsumer(steps, i, pool.Output, uses);
            if (j < 0 || steps[j].Op is not ChannelGate { Squeeze: false } gate || steps[j].Inputs[0] != pool.Output) continue;
            var inputs = (string?[])steps[j].Inputs.Clone();
            inputs[0] = pool.Inputs[0];
            steps[j] = steps[j] with { Op = new ChannelGate(gate.HiddenRelu, gate.Activation, squeeze: true), Inputs = inputs };
            steps.RemoveAt(i);
            i--;
            uses = Uses(steps, aliases, protect);
        }
    }

    /// <summary>Planes up to this many pixels are pooled inside the channel gate.</summary>
    private const int MaxSqueezedPlane = 1024;

    /// <summary>A global average pool of [N,C,H,W]: GlobalAveragePool, or an AveragePool whose unpadded window is the plane.</summary>
    private static bool IsGlobalAverage(Step s, IReadOnlyDictionary<string, int[]> shapes, out int[] x) =>
        IsGlobalPool(s, shapes, out x, out var kind) && kind == PoolKind.Average;

    /// <summary>A global pool of [N,C,H,W] without an addend: GlobalPool, or a Pool2d whose unpadded window is the plane.</summary>
    private static bool IsGlobalPool(Step s, IReadOnlyDictionary<string, int[]> shapes, out int[] x, out PoolKind kind)
    {
        (x, kind) = ([], PoolKind.Average);
        if (s.Inputs.Length < 1 || s.Inputs[0] is not { } input || !shapes.TryGetValue(input, out var shape) || shape.Length != 4) return false;
        x = shape;
        switch (s.Op)
        {
            case GlobalPool g when s.Inputs.Length < 2 || s.Inputs[1] == null:
                kind = g.Kind;
                return true;
            case Pool2d p:
                kind = p.Kind;
                return p.CoversPlane(shape);
            default:
                return false;
        }
    }

    /// <summary>
    /// After the channel gates: an Add (no activation, both operands of its shape) read only by a global pool or a
    /// squeezing gate is summed by that pool as it reads (selfie's decoders: the skip sum feeds only their
    /// squeeze-and-excitation): one launch and one pass over the sum fewer. A whole-plane Pool2d becomes the GlobalPool it is.
    /// </summary>
    public static void FusePoolAdd(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect, IReadOnlyDictionary<string, int[]> shapes)
    {
        var uses = Uses(steps, aliases, protect);
        for (int i = 0; i < steps.Count; i++)
        {
            var add = steps[i];
            if (add.Op is not Binary { Kind: BinaryKind.Add, Activation.Kind: ActivationKind.None } || add.Inputs.Length != 2) continue;
            if (add.Inputs[0] is not { } a || add.Inputs[1] is not { } b || a == b) continue;
            if (!HasShape(shapes, a, add.OutputShape) || !HasShape(shapes, b, add.OutputShape)) continue;
            int j = OnlyConsumer(steps, i, add.Output, uses);
            if (j < 0 || steps[j].Inputs[0] != add.Output) continue;
            var consumer = steps[j];
            Op? pool = consumer.Op is ChannelGate { Squeeze: true } && (consumer.Inputs.Length < 6 || consumer.Inputs[5] == null) ? consumer.Op
                : IsGlobalPool(consumer, shapes, out _, out var kind) ? new GlobalPool(kind) : null;
            if (pool == null) continue;
            int slot = pool is ChannelGate ? 5 : 1;
            var inputs = Widened(consumer.Inputs, slot + 1);
            inputs[0] = a;
            inputs[slot] = b;
            steps[j] = consumer with { Op = pool, Inputs = inputs };
            steps.RemoveAt(i);
            i--;
            uses = Uses(steps, aliases, protect);
        }
    }

    private static bool HasShape(IReadOnlyDictionary<string, int[]> shapes, string value, int[] shape) =>
        shapes.TryGetValue(value, out var s) && s.AsSpan().SequenceEqual(shape);

    /// <summary>
    /// After activation fusion: <c>Mul(act(Conv), s)</c>, <c>Add(act(Conv), t)</c> or both in turn, with s and t per-channel
    /// or scalar constants (PP-LCNet's learnable affine after each activation), become the conv's post affine
    /// (y = act(conv) * s + t in its epilogue): two kernels fewer per block.
    /// </summary>
    public static void FusePostAffine(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect, Dictionary<string, Tensor> constants,
        Dictionary<string, int[]> shapes)
    {
        var uses = Uses(steps, aliases, protect);
        for (int i = 0; i < steps.Count; i++)
        {
            var conv = steps[i];
            if (conv.Op is not Conv2d { Activation.Kind: not ActivationKind.None } || conv.OutputShape.Length != 4) continue;
            if (conv.Inputs.Length > 3 && conv.Inputs[3] != null || conv.Inputs.Length > 6 && conv.Inputs[6] != null) continue;
            int k = conv.OutputShape[1];
            float[]? scale = null, shift = null;
            var removed = new List<int>();
            string value = conv.Output;
            for (int at = i; ;)
            {
                int next = OnlyConsumer(steps, at, value, uses);
                if (next < 0 || steps[next].Op is not Binary { Activation.Kind: ActivationKind.None } b || steps[next].Inputs.Length != 2) break;
                if (!steps[next].OutputShape.AsSpan().SequenceEqual(conv.OutputShape)) break;
                string? other = steps[next].Inputs[0] == value ? steps[next].Inputs[1] : steps[next].Inputs[0];
                if (other == null || other == value || !constants.TryGetValue(other, out var c) || PerChannel(c, conv.OutputShape) is not { } v) break;
                if (b.Kind == BinaryKind.Mul && scale == null && shift == null) scale = v;
                else if (b.Kind == BinaryKind.Add && shift == null) shift = v;
                else break;
                removed.Add(next);
                value = steps[next].Output;
                at = next;
            }
            if (removed.Count == 0) continue;
            var pa = new Tensor([2, k]);
            for (int j = 0; j < k; j++)
            {
                pa.Data[j] = scale?[j] ?? 1f;
                pa.Data[k + j] = shift?[j] ?? 0f;
            }
            string name = value + "/post_affine";
            constants[name] = pa;
            shapes[name] = pa.Shape;
            var inputs = Widened(conv.Inputs, 7);
            inputs[6] = name;
            var last = steps[removed[^1]];
            steps[i] = conv with { Inputs = inputs, Output = last.Output, OutputShape = last.OutputShape };
            foreach (int r in removed.OrderDescending()) steps.RemoveAt(r);
            uses = Uses(steps, aliases, protect);
        }
    }

    /// <summary>A 1x1, stride-1, unpadded, one-group conv of [N,C,1,1] with no residual, scale or addend.</summary>
    private static bool IsPlainPointwiseOnOnePixel(Step s, IReadOnlyDictionary<string, int[]> shapes) =>
        s.Op is Conv2d { StrideH: 1, StrideW: 1, Group: 1, InputNhwc: false } c && c.Pads == default &&
        !s.Inputs.Skip(3).Any(v => v != null) && shapes.TryGetValue(s.Inputs[0]!, out var x) && x.Length == 4 && x[2] == 1 && x[3] == 1 &&
        shapes.TryGetValue(s.Inputs[1]!, out var w) && w[2] == 1 && w[3] == 1;

    /// <summary>s is [N,C,1,1] against x [N,C,H,W].</summary>
    private static bool IsChannelScale(int[] s, int[] x) =>
        s.Length == 4 && x.Length == 4 && s[0] == x[0] && s[1] == x[1] && s[2] == 1 && s[3] == 1 && x[2] * x[3] > 1;

    /// <summary>A constant per-channel (or scalar) Add after a conv becomes (part of) its bias.</summary>
    private static void FoldBiasAdd(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect, Dictionary<string, Tensor> constants,
        Dictionary<string, int[]> shapes)
    {
        var uses = Uses(steps, aliases, protect);
        for (int i = 0; i < steps.Count; i++)
        {
            var conv = steps[i];
            bool candidate = conv.Op switch
            {
                Conv2d cv => cv.Activation.Kind == ActivationKind.None && (conv.Inputs.Length < 4 || conv.Inputs[3] == null),
                ConvTranspose2d ct => ct.Activation.Kind == ActivationKind.None,
                _ => false,
            };
            if (!candidate || conv.OutputShape.Length != 4) continue;
            int ai = OnlyConsumer(steps, i, conv.Output, uses);
            if (ai < 0 || steps[ai].Op is not Binary { Kind: BinaryKind.Add, Activation.Kind: ActivationKind.None } || steps[ai].Inputs.Length != 2) continue;
            var add = steps[ai];
            string? other = add.Inputs[0] == conv.Output ? add.Inputs[1] : add.Inputs[0];
            if (other == null || other == conv.Output || !constants.TryGetValue(other, out var c) || c.ElementType != ElementType.Float32) continue;
            if (!add.OutputShape.AsSpan().SequenceEqual(conv.OutputShape)) continue;
            int k = conv.OutputShape[1];
            if (!Binary.Block(c.Shape, conv.OutputShape, out int inner, out int count)) continue;
            // Per channel: the constant's index is (i / (H*W)) % K; a scalar: count 1.
            int plane = conv.OutputShape[2] * conv.OutputShape[3];
            if (!(count == 1 || (count == k && (inner == plane || k == 1)))) continue;
            string? oldBias = conv.Inputs.Length > 2 ? conv.Inputs[2] : null;
            if (oldBias != null && !constants.ContainsKey(oldBias)) continue;
            var bias = new Tensor([k]);
            for (int j = 0; j < k; j++)
                bias.Data[j] = (oldBias == null ? 0f : constants[oldBias].Data[j]) + c.Data[count == 1 ? 0 : j];
            string name = add.Output + "/folded_bias";
            constants[name] = bias;
            shapes[name] = [k];
            var inputs = Widened(conv.Inputs, 3);
            inputs[2] = name;
            steps[i] = conv with { Inputs = inputs, Output = add.Output, OutputShape = add.OutputShape };
            steps.RemoveAt(ai);
            uses = Uses(steps, aliases, protect);
        }
    }

    /// <summary>The per-output-channel values of a constant broadcast over [N,K,H,W], or null when it is not one.</summary>
    private static float[]? PerChannel(Tensor c, int[] output)
    {
        if (c.ElementType != ElementType.Float32 || output.Length != 4) return null;
        int k = output[1], plane = output[2] * output[3];
        if (!Binary.Block(c.Shape, output, out int inner, out int count)) return null;
        if (count == 1) return Enumerable.Repeat(c.Data[0], k).ToArray();
        if (count == k && inner == plane) return c.Data[..k];
        return null;
    }

    /// <summary>A constant per-channel (or scalar) Mul after a conv scales its weights and bias.</summary>
    private static void FoldScaleMul(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect, Dictionary<string, Tensor> constants,
        Dictionary<string, int[]> shapes)
    {
        var uses = Uses(steps, aliases, protect);
        for (int i = 0; i < steps.Count; i++)
        {
            var conv = steps[i];
            if (conv.Op is not Conv2d { Activation.Kind: ActivationKind.None } || (conv.Inputs.Length > 3 && conv.Inputs.Skip(3).Any(v => v != null))) continue;
            if (!constants.TryGetValue(conv.Inputs[1]!, out var w)) continue;
            string? oldBias = conv.Inputs.Length > 2 ? conv.Inputs[2] : null;
            if (oldBias != null && !constants.ContainsKey(oldBias)) continue;
            int mi = OnlyConsumer(steps, i, conv.Output, uses);
            if (mi < 0 || steps[mi].Op is not Binary { Kind: BinaryKind.Mul, Activation.Kind: ActivationKind.None } || steps[mi].Inputs.Length != 2) continue;
            var mul = steps[mi];
            string? other = mul.Inputs[0] == conv.Output ? mul.Inputs[1] : mul.Inputs[0];
            if (other == null || other == conv.Output || !constants.TryGetValue(other, out var c)) continue;
            if (!mul.OutputShape.AsSpan().SequenceEqual(conv.OutputShape) || PerChannel(c, conv.OutputShape) is not { } scale) continue;
            int k = conv.OutputShape[1], perFilter = w.Length / k;
            var scaled = new Tensor((int[])w.Shape.Clone());
            for (int f = 0; f < k; f++)
                for (int e = 0; e < perFilter; e++) scaled.Data[f * perFilter + e] = w.Data[f * perFilter + e] * scale[f];
            var bias = new Tensor([k]);
            for (int f = 0; f < k; f++) bias.Data[f] = (oldBias == null ? 0f : constants[oldBias].Data[f]) * scale[f];
            string wName = mul.Output + "/folded_w", bName = mul.Output + "/folded_b";
            constants[wName] = scaled;
            shapes[wName] = scaled.Shape;
            constants[bName] = bias;
            shapes[bName] = [k];
            var inputs = Widened(conv.Inputs, 3);
            inputs[1] = wName;
            inputs[2] = bName;
            steps[i] = conv with { Inputs = inputs, Output = mul.Output, OutputShape = mul.OutputShape };
            steps.RemoveAt(mi);
            uses = Uses(steps, aliases, protect);
        }
    }
}
