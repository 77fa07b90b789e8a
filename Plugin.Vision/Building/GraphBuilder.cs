using Vision.Models;
using Vision.Tensors;


namespace Vision.Building;

/// <summary>
/// Builds a network in code, functional style: every layer takes the <see cref="Symbol"/>s it reads and returns the one
/// it writes, so residual adds, concatenations and parallel branches are ordinary expressions.
/// <code>
/// var g = new GraphBuilder(seed: 1);
/// var x = g.Input("input", 1, 3, 32, 32);
/// var y = g.Relu(g.BatchNorm(g.Conv(x, 16, 3, padding: 1, bias: false)));
/// y = g.Add(y, g.Conv(y, 16, 3, padding: 1));
/// g.Output(g.Linear(g.Flatten(g.GlobalAvgPool(y)), 10));
/// Model model = g.Build();
/// </code>
/// The result is the same <see cref="Model"/> an importer produces (ONNX op set 13 nodes and initializers), so it runs on
/// every backend through the Worker and saves with <c>OnnxWriter</c>. Weights are drawn from one seeded generator in
/// layer order the way PyTorch initialises its layers (Kaiming-uniform with a = sqrt(5): U(-1/sqrt(fan_in), +)), so a
/// seed always gives the same network. Names follow PyTorch's: a layer named "conv1" owns "conv1.weight" and
/// "conv1.bias"; <see cref="Scope"/> prefixes names ("layer1.0.conv1").
/// </summary>
public sealed class GraphBuilder
{
    public const int Opset = 13;

    private readonly List<ValueInfo> _inputs = [];
    private readonly List<ValueInfo> _outputs = [];
    private readonly List<Node> _nodes = [];
    private readonly Dictionary<string, Tensor> _initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Stack<string> _scopes = new();
    private readonly Random _random;
    private readonly bool _initialize;

    /// <param name="seed">Seeds the weight initialisation: one seed, one network.</param>
    /// <param name="initializeWeights">False leaves weights zero (fast, for shapes and parameter counts only).</param>
    public GraphBuilder(int seed = 0, bool initializeWeights = true)
    {
        _random = new Random(seed);
        _initialize = initializeWeights;
    }

    /// <summary>Parameters (trainable weights) added so far.</summary>
    public long ParameterCount { get; private set; }

    /// <summary>A graph input; the batch dimension is declared symbolic ("N") so any batch runs.</summary>
    public Symbol Input(string name, params int[] shape)
    {
        Claim(name);
        var dims = shape.Select((d, i) => i == 0 ? Dim.Symbolic("N") : Dim.Fixed(d)).ToList();
        _inputs.Add(new ValueInfo(name, DataType.Float32, dims));
        return new Symbol(name, shape);
    }

    /// <summary>Declares <paramref name="value"/> a graph output (renamed by an Identity when a name is given).</summary>
    public Symbol Output(Symbol value, string? name = null)
    {
        if (name != null && name != value.Name)
        {
            Claim(name);
            value = Emit("Identity", [value.Name], name, [])[0];
        }
        _outputs.Add(new ValueInfo(value.Name, DataType.Float32, value.Shape.Select((d, i) => i == 0 ? Dim.Symbolic("N") : Dim.Fixed(d)).ToList()));
        return value;
    }

    /// <summary>Prefixes the names of layers created until the returned scope is disposed ("layer1" then "0": "layer1.0.conv1").</summary>
    public IDisposable Scope(string prefix)
    {
        _scopes.Push(prefix);
        return new ScopeExit(_scopes);
    }

    public Model Build(string producer = "Vision builder")
    {
        if (_outputs.Count == 0) throw new InvalidOperationException("the graph has no outputs: call Output(value) first.");
        return new Model
        {
            Inputs = _inputs.ToList(), Outputs = _outputs.ToList(), Nodes = _nodes.ToList(),
            Initializers = new Dictionary<string, Tensor>(_initializers, StringComparer.Ordinal), OpsetVersion = Opset, Producer = producer,
        };
    }

    // ---- Convolutions -------------------------------------------------------------------------------------------

    /// <summary>2D convolution with a square kernel (PyTorch's Conv2d): weight [out, in/groups, k, k], optional bias.</summary>
    public Symbol Conv(Symbol x, int outChannels, int kernel, int stride = 1, int padding = 0, int dilation = 1, int groups = 1,
        bool bias = true, string? name = null) =>
        Conv(x, outChannels, (kernel, kernel), (stride, stride), (padding, padding), (dilation, dilation), groups, bias, name);

    /// <summary>2D convolution with a rectangular kernel, per-axis stride, padding (each side) and dilation.</summary>
    public Symbol Conv(Symbol x, int outChannels, (int H, int W) kernel, (int H, int W) stride, (int H, int W) padding,
        (int H, int W) dilation, int groups = 1, bool bias = true, string? name = null)
    {
        if (x.Channels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"groups {groups} must divide input channels {x.Channels} and output channels {outChannels}.");
        name = LayerName(name, "conv");
        int fanIn = x.Channels / groups * kernel.H * kernel.W;
        var inputs = new List<string> { x.Name, Parameter(name + ".weight", [outChannels, x.Channels / groups, kernel.H, kernel.W], fanIn) };
        if (bias) inputs.Add(Parameter(name + ".bias", [outChannels], fanIn));
        return Emit("Conv", inputs, name,
        [
            NodeAttribute.Of("kernel_shape", new long[] { kernel.H, kernel.W }),
            NodeAttribute.Of("strides", new long[] { stride.H, stride.W }),
            NodeAttribute.Of("pads", new long[] { padding.H, padding.W, padding.H, padding.W }),
            NodeAttribute.Of("dilations", new long[] { dilation.H, dilation.W }),
            NodeAttribute.Of("group", (long)groups),
        ])[0];
    }

    /// <summary>Transposed convolution (PyTorch's ConvTranspose2d): weight [in, out/groups, k, k]; upsamples by the stride.</summary>
    public Symbol ConvTranspose(Symbol x, int outChannels, int kernel, int stride = 1, int padding = 0, int outputPadding = 0,
        int groups = 1, bool bias = true, string? name = null)
    {
        name = LayerName(name, "deconv");
        // PyTorch computes fan_in of a transposed weight [in, out/g, k, k] from its dim 1: out/g * k * k.
        int fanIn = outChannels / groups * kernel * kernel;
        var inputs = new List<string> { x.Name, Parameter(name + ".weight", [x.Channels, outChannels / groups, kernel, kernel], fanIn) };
        if (bias) inputs.Add(Parameter(name + ".bias", [outChannels], fanIn));
        var attributes = new List<NodeAttribute>
        {
            NodeAttribute.Of("kernel_shape", new long[] { kernel, kernel }),
            NodeAttribute.Of("strides", new long[] { stride, stride }),
            NodeAttribute.Of("pads", new long[] { padding, padding, padding, padding }),
            NodeAttribute.Of("group", (long)groups),
        };
        if (outputPadding != 0) attributes.Add(NodeAttribute.Of("output_padding", new long[] { outputPadding, outputPadding }));
        return Emit("ConvTranspose", inputs, name, attributes)[0];
    }

    /// <summary>A 1x1 (pointwise) convolution: mixes channels, keeps the spatial size.</summary>
    public Symbol Conv1x1(Symbol x, int outChannels, int stride = 1, bool bias = true, string? name = null) =>
        Conv(x, outChannels, 1, stride, 0, 1, 1, bias, name);

    /// <summary>
    /// Spatially separable convolution: a kx1 convolution then a 1xk one (Inception v3's factorisation), 2k weights per
    /// channel pair instead of k².
    /// </summary>
    public Symbol SpatiallySeparableConv(Symbol x, int outChannels, int kernel, int stride = 1, int dilation = 1, bool bias = true, string? name = null)
    {
        int pad = dilation * (kernel - 1) / 2;
        using (Scope(BlockName(name, "sepconv")))
        {
            var v = Conv(x, outChannels, (kernel, 1), (stride, 1), (pad, 0), (dilation, 1), 1, bias, "vertical");
            return Conv(v, outChannels, (1, kernel), (1, stride), (0, pad), (1, dilation), 1, bias, "horizontal");
        }
    }

    /// <summary>
    /// Depthwise separable convolution (MobileNet): a k x k convolution per channel (groups = channels), then a 1x1
    /// convolution across channels; with <paramref name="batchNorm"/> each is followed by BatchNorm and ReLU.
    /// </summary>
    public Symbol DepthwiseSeparableConv(Symbol x, int outChannels, int kernel = 3, int stride = 1, bool batchNorm = false, string? name = null)
    {
        using (Scope(BlockName(name, "dwsep")))
        {
            var d = Conv(x, x.Channels, kernel, stride, (kernel - 1) / 2, 1, x.Channels, bias: !batchNorm, name: "depthwise");
            if (batchNorm) d = Relu(BatchNorm(d, name: "depthwise_bn"));
            var p = Conv(d, outChannels, 1, bias: !batchNorm, name: "pointwise");
            if (batchNorm) p = Relu(BatchNorm(p, name: "pointwise_bn"));
            return p;
        }
    }

    /// <summary>Grouped convolution: channels split into <paramref name="groups"/> independent convolutions (AlexNet's two towers, ResNeXt).</summary>
    public Symbol GroupedConv(Symbol x, int outChannels, int kernel, int groups, int stride = 1, bool bias = true, string? name = null) =>
        Conv(x, outChannels, kernel, stride, (kernel - 1) / 2, 1, groups, bias, name);

    // ---- Dense, normalisation, activations -----------------------------------------------------------------------

    /// <summary>Fully connected layer on [N, in] (PyTorch's Linear: weight [out, in], y = x W^T + b), as ONNX Gemm.</summary>
    public Symbol Linear(Symbol x, int outFeatures, bool bias = true, string? name = null)
    {
        if (x.Rank != 2) throw new ArgumentException($"Linear needs [N, features], got {x}; Flatten first.");
        name = LayerName(name, "fc");
        int fanIn = x.Shape[1];
        var inputs = new List<string> { x.Name, Parameter(name + ".weight", [outFeatures, fanIn], fanIn) };
        if (bias) inputs.Add(Parameter(name + ".bias", [outFeatures], fanIn));
        return Emit("Gemm", inputs, name, [NodeAttribute.Of("transB", 1L)])[0];
    }

    /// <summary>Batch normalisation over channels: scale 1, shift 0, running mean 0 and variance 1 (PyTorch's start).</summary>
    public Symbol BatchNorm(Symbol x, float epsilon = 1e-5f, float momentum = 0.9f, string? name = null)
    {
        name = LayerName(name, "bn");
        int c = x.Channels;
        string scale = Constant(name + ".weight", Filled(c, 1f), trainable: true);
        string shift = Constant(name + ".bias", new Tensor([c]), trainable: true);
        string mean = Constant(name + ".running_mean", new Tensor([c]));
        string variance = Constant(name + ".running_var", Filled(c, 1f));
        return Emit("BatchNormalization", [x.Name, scale, shift, mean, variance], name,
            [NodeAttribute.Of("epsilon", epsilon), NodeAttribute.Of("momentum", momentum)])[0];
    }

    public Symbol Relu(Symbol x, string? name = null) => Unary("Relu", x, name);
    public Symbol Sigmoid(Symbol x, string? name = null) => Unary("Sigmoid", x, name);
    public Symbol Tanh(Symbol x, string? name = null) => Unary("Tanh", x, name);

    public Symbol LeakyRelu(Symbol x, float alpha = 0.01f, string? name = null) =>
        Emit("LeakyRelu", [x.Name], LayerName(name, "leakyrelu"), [NodeAttribute.Of("alpha", alpha)])[0];

    /// <summary>min(max(x, 0), 6), as ONNX Clip with constant bounds (MobileNet).</summary>
    public Symbol Relu6(Symbol x, string? name = null)
    {
        name = LayerName(name, "relu6");
        return Emit("Clip", [x.Name, Scalar(name + ".min", 0f), Scalar(name + ".max", 6f)], name, [])[0];
    }

    /// <summary>Inference-time identity; the trainer drops activations with probability <paramref name="ratio"/>.</summary>
    public Symbol Dropout(Symbol x, float ratio = 0.5f, string? name = null)
    {
        name = LayerName(name, "dropout");
        return Emit("Dropout", [x.Name, Scalar(name + ".ratio", ratio)], name, [])[0];
    }

    public Symbol Softmax(Symbol x, int axis = -1, string? name = null) =>
        Emit("Softmax", [x.Name], LayerName(name, "softmax"), [NodeAttribute.Of("axis", (long)axis)])[0];

    /// <summary>Local response normalisation across channels (AlexNet's original paper).</summary>
    public Symbol Lrn(Symbol x, int size = 5, float alpha = 1e-4f, float beta = 0.75f, float bias = 2f, string? name = null) =>
        Emit("LRN", [x.Name], LayerName(name, "lrn"),
            [NodeAttribute.Of("size", (long)size), NodeAttribute.Of("alpha", alpha), NodeAttribute.Of("beta", beta), NodeAttribute.Of("bias", bias)])[0];

    /// <summary>(x - mean) / std with constant scalars: input normalisation inside the network, so callers feed raw [0, 1] pixels.</summary>
    public Symbol Normalize(Symbol x, float mean, float std, string? name = null)
    {
        using (Scope(BlockName(name, "normalize")))
        {
            var centred = Emit("Sub", [x.Name, Scalar(LayerName("mean", "mean") , mean)], LayerName("sub", "sub"), [])[0];
            return Emit("Div", [centred.Name, Scalar(LayerName("std", "std"), std)], LayerName("div", "div"), [])[0];
        }
    }

    // ---- Pooling and reshaping ----------------------------------------------------------------------------------

    public Symbol MaxPool(Symbol x, int kernel, int? stride = null, int padding = 0, bool ceilMode = false, string? name = null) =>
        Pool("MaxPool", x, kernel, stride ?? kernel, padding, ceilMode, name);

    public Symbol AvgPool(Symbol x, int kernel, int? stride = null, int padding = 0, bool ceilMode = false, string? name = null) =>
        Pool("AveragePool", x, kernel, stride ?? kernel, padding, ceilMode, name);

    public Symbol GlobalAvgPool(Symbol x, string? name = null) => Unary("GlobalAveragePool", x, name, "avgpool");

    /// <summary>
    /// PyTorch's AdaptiveAvgPool2d for the sizes this graph has: nothing when the size already matches, a global pool
    /// for 1x1, a plain average pool when the input divides evenly.
    /// </summary>
    public Symbol AdaptiveAvgPool(Symbol x, int outH, int outW, string? name = null)
    {
        if (x.Height == outH && x.Width == outW) return x;
        if (outH == 1 && outW == 1) return GlobalAvgPool(x, name);
        if (x.Height % outH != 0 || x.Width % outW != 0 || x.Height / outH != x.Width / outW)
            throw new ArgumentException($"adaptive pooling {x} to {outH}x{outW} is not a plain pool; choose an input size that divides evenly.");
        return AvgPool(x, x.Height / outH, name: name);
    }

    /// <summary>[N, C, H, W] to [N, C*H*W].</summary>
    public Symbol Flatten(Symbol x, string? name = null) =>
        Emit("Flatten", [x.Name], LayerName(name, "flatten"), [NodeAttribute.Of("axis", 1L)])[0];

    public Symbol Reshape(Symbol x, int[] shape, string? name = null)
    {
        name = LayerName(name, "reshape");
        return Emit("Reshape", [x.Name, Constant(name + ".shape", new Tensor([shape.Length], shape.Select(d => (long)d).ToArray()))], name, [])[0];
    }

    public Symbol Transpose(Symbol x, int[] perm, string? name = null) =>
        Emit("Transpose", [x.Name], LayerName(name, "transpose"), [NodeAttribute.Of("perm", perm.Select(p => (long)p).ToArray())])[0];

    // ---- Merging and branching ----------------------------------------------------------------------------------

    /// <summary>Element-wise sum: the residual connection.</summary>
    public Symbol Add(Symbol a, Symbol b, string? name = null) => Emit("Add", [a.Name, b.Name], LayerName(name, "add"), [])[0];

    /// <summary>Joins values along an axis (channels by default): Inception's and DenseNet's merge.</summary>
    public Symbol Concat(IReadOnlyList<Symbol> values, int axis = 1, string? name = null) =>
        Emit("Concat", values.Select(v => v.Name).ToList(), LayerName(name, "concat"), [NodeAttribute.Of("axis", (long)axis)])[0];

    /// <summary>Splits along an axis into parts of the given sizes (equal parts when omitted).</summary>
    public Symbol[] Split(Symbol x, int parts, int axis = 1, int[]? sizes = null, string? name = null)
    {
        name = LayerName(name, "split");
        sizes ??= Enumerable.Repeat(x.Shape[axis] / parts, parts).ToArray();
        if (sizes.Sum() != x.Shape[axis]) throw new ArgumentException($"split sizes [{string.Join(",", sizes)}] do not add up to {x.Shape[axis]}.");
        var split = Constant(name + ".split", new Tensor([sizes.Length], sizes.Select(s => (long)s).ToArray()));
        var outputs = Enumerable.Range(0, sizes.Length).Select(i => $"{name}.{i}").ToArray();
        return Emit("Split", [x.Name, split], name, [NodeAttribute.Of("axis", (long)axis)], outputs);
    }

    /// <summary>Parallel branches over one input, concatenated on channels (an Inception module's shape).</summary>
    public Symbol Branches(Symbol x, params Func<Symbol, Symbol>[] branches) => Concat(branches.Select(b => b(x)).ToList());

    /// <summary>ShuffleNet's channel shuffle: reshape to [N, g, C/g, H, W], swap the group axes, reshape back.</summary>
    public Symbol ChannelShuffle(Symbol x, int groups, string? name = null)
    {
        int c = x.Channels;
        using (Scope(BlockName(name, "shuffle")))
        {
            var r = Reshape(x, [0, groups, c / groups, x.Height, x.Width], "reshape");
            var t = Transpose(r, [0, 2, 1, 3, 4], "transpose");
            return Reshape(t, [0, c, x.Height, x.Width], "merge");
        }
    }

    // ---- Internals -------------------------------------------------------------------------------------------------

    private Symbol Unary(string op, Symbol x, string? name, string? stem = null) => Emit(op, [x.Name], LayerName(name, stem ?? op.ToLowerInvariant()), [])[0];

    private Symbol Pool(string op, Symbol x, int kernel, int stride, int padding, bool ceilMode, string? name)
    {
        var attributes = new List<NodeAttribute>
        {
            NodeAttribute.Of("kernel_shape", new long[] { kernel, kernel }),
            NodeAttribute.Of("strides", new long[] { stride, stride }),
            NodeAttribute.Of("pads", new long[] { padding, padding, padding, padding }),
        };
        if (ceilMode) attributes.Add(NodeAttribute.Of("ceil_mode", 1L));
        // PyTorch's AvgPool2d counts padded taps in the divisor by default.
        if (op == "AveragePool" && padding > 0) attributes.Add(NodeAttribute.Of("count_include_pad", 1L));
        return Emit(op, [x.Name], LayerName(name, op == "MaxPool" ? "maxpool" : "avgpool"), attributes)[0];
    }

    private Symbol[] Emit(string op, IReadOnlyList<string> inputs, string name, IReadOnlyList<NodeAttribute> attributes, string[]? outputs = null)
    {
        outputs ??= [name];
        var node = new Node(name, op, "", inputs.ToList(), outputs, attributes) { OpVersion = Opset };
        var shapes = ShapeInference.Outputs(node, inputs.Select(ShapeOf).ToArray(), v => _initializers.GetValueOrDefault(v));
        foreach (var o in outputs) if (o != name) Claim(o);
        _nodes.Add(node);
        foreach (var (o, s) in outputs.Zip(shapes)) _shapes[o] = s;
        return outputs.Zip(shapes, (o, s) => new Symbol(o, s)).ToArray();
    }

    private int[]? ShapeOf(string value) =>
        _shapes.TryGetValue(value, out var s) ? s
        : _initializers.TryGetValue(value, out var t) ? t.Shape
        : _inputs.FirstOrDefault(i => i.Name == value) is { } input ? input.Dims.Select((d, i) => d.Value ?? 1).ToArray()
        : null;

    /// <summary>The layer's full name: the given one, or the next "stem_N", under the current scopes; never reused.</summary>
    private string LayerName(string? name, string stem)
    {
        if (name == null)
        {
            int n = _counters.GetValueOrDefault(stem);
            _counters[stem] = n + 1;
            name = $"{stem}_{n}";
        }
        string full = string.Join(".", _scopes.Reverse().Append(name));
        Claim(full);
        return full;
    }

    /// <summary>The local name of a composite block (its layers go under it as a scope): the given one or the next "stem_N".</summary>
    private string BlockName(string? name, string stem)
    {
        if (name != null) return name;
        int n = _counters.GetValueOrDefault(stem);
        _counters[stem] = n + 1;
        return $"{stem}_{n}";
    }

    private void Claim(string name)
    {
        if (!_names.Add(name)) throw new ArgumentException($"the name '{name}' is already used in this graph.");
    }

    private string Parameter(string name, int[] shape, int fanIn)
    {
        var t = new Tensor(shape);
        if (_initialize)
        {
            double bound = 1.0 / Math.Sqrt(fanIn);
            for (int i = 0; i < t.Data.Length; i++) t.Data[i] = (float)((_random.NextDouble() * 2 - 1) * bound);
        }
        return Constant(name, t, trainable: true);
    }

    private string Constant(string name, Tensor value, bool trainable = false)
    {
        _initializers.Add(name, value);
        if (trainable) ParameterCount += value.Length;
        return name;
    }

    private string Scalar(string name, float value) => Constant(name, new Tensor([], [value]));

    private static Tensor Filled(int n, float value) => new([n], Enumerable.Repeat(value, n).ToArray());

    private sealed class ScopeExit(Stack<string> scopes) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            scopes.Pop();
        }
    }
}
