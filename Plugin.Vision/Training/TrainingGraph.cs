using Vision.Backends;
using Vision.Building;
using Vision.Models;
using Vision.Ops;
using Vision.Tensors;

namespace Vision.Training;

/// <summary>
/// A model turned into one training step on a backend: the forward pass in training mode (batch statistics, dropout
/// masks), softmax cross-entropy against the labels, the backward pass, and the SGD update, all queued as one
/// submission of ops. Every op has a C# reference and a GL/CL kernel, so the same step runs on the CPU reference
/// (deterministic for a seed), OpenGL compute and OpenCL. Trains what the builder writes for classifiers: Conv (all
/// variants), Gemm, ReLU/LeakyReLU/ReLU6/Tanh/Sigmoid, max/average/global pooling, batch norm, dropout, residual Add,
/// Concat, Split, Transpose (channel shuffle), Flatten/Reshape, scalar normalisation; a final Softmax is skipped (the
/// loss includes it). Transposed convolutions train too (U-Net decoders).
/// </summary>
public sealed class TrainingGraph : IDisposable
{
    private readonly Model _model;
    private readonly IComputeBackend _backend;
    private readonly List<DeviceTensor> _owned = [];
    private readonly Dictionary<string, DeviceTensor> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceTensor> _grads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _alias = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gradReady = new(StringComparer.Ordinal);
    private readonly List<PreparedKernel> _forward = [];
    private readonly List<PreparedKernel> _backward = [];
    private readonly List<PreparedKernel> _update = [];
    private readonly Dictionary<string, int[]> _shapes;
    private readonly DeviceTensor _input, _target, _step, _learningRate;
    private readonly string _logits;
    private readonly HashSet<string> _trainable = new(StringComparer.Ordinal);
    private int _stepCount;
    private bool _disposed;

    public int BatchSize { get; }
    public int Classes { get; }
    public int[] InputShape { get; }
    public IComputeBackend Backend => _backend;

    /// <summary>Names of the trained parameters (conv and linear weights and biases, batch norm scales and shifts).</summary>
    public IReadOnlyCollection<string> Parameters => _trainable;

    public TrainingGraph(Model model, IComputeBackend backend, int batchSize, SgdOptions? sgd = null, int seed = 0)
    {
        sgd ??= new SgdOptions();
        _model = model;
        _backend = backend;
        BatchSize = batchSize;
        var inputInfo = model.Inputs.First(i => !model.Initializers.ContainsKey(i.Name));
        InputShape = [batchSize, .. inputInfo.Dims.Skip(1).Select(d => d.Value ?? throw new NotSupportedException($"input '{inputInfo.Name}' has a symbolic dimension besides the batch"))];
        _shapes = ShapeInference.Infer(model, new Dictionary<string, int[]> { [inputInfo.Name] = InputShape });

        var nodes = model.Nodes.ToList();
        _logits = model.Outputs[0].Name;
        // Training ends at the logits: trailing Identity/Softmax nodes are for inference.
        while (nodes.Count > 0 && nodes[^1].OpType is "Softmax" or "Identity" && nodes[^1].Outputs[0] == _logits)
        {
            _logits = nodes[^1].Inputs[0];
            nodes.RemoveAt(nodes.Count - 1);
        }
        var logitShape = _shapes[_logits];
        if (logitShape.Length != 2) throw new NotSupportedException($"training needs [N, classes] logits; '{_logits}' is {Tensor.ShapeString(logitShape)}");
        Classes = logitShape[1];

        _input = Own(backend.Allocate(InputShape));
        _values[inputInfo.Name] = _input;
        _target = Own(backend.Allocate([batchSize, Classes]));
        _step = Own(Upload(new Tensor([1])));
        _learningRate = Own(Upload(new Tensor([1], [sgd.LearningRate])));

        foreach (var node in nodes) Forward(node, seed);
        Accumulate(_logits, new SoftmaxCrossEntropyBackward(), [Value(_logits), _target]);
        for (int i = nodes.Count - 1; i >= 0; i--) Backward(nodes[i]);
        foreach (var name in _trainable) Update(name, sgd);
    }

    /// <summary>Every kernel of a step in order (forward, backward, update), for profiling.</summary>
    internal IEnumerable<PreparedKernel> Kernels => _forward.Concat(_backward).Concat(_update);

    /// <summary>Sets the learning rate of the next steps (a schedule calls this once per epoch).</summary>
    public void SetLearningRate(float learningRate) => _backend.Write(_learningRate, [learningRate]);

    /// <summary>One SGD step on a batch: images [BatchSize, C, H, W] flattened, labels in [0, Classes). Returns the logits.</summary>
    public float[] Step(ReadOnlySpan<float> images, ReadOnlySpan<int> labels)
    {
        Load(images, labels);
        Run(_forward, _backward, _update);
        _stepCount++;
        return ReadLogits();
    }

    /// <summary>The forward and backward pass without an update: the gradients of the mean loss, by parameter name.</summary>
    public Dictionary<string, Tensor> Gradients(ReadOnlySpan<float> images, ReadOnlySpan<int> labels)
    {
        Load(images, labels);
        Run(_forward, _backward);
        return _trainable.ToDictionary(p => p, p => _backend.Download(_grads[p]), StringComparer.Ordinal);
    }

    /// <summary>The training-mode loss (batch statistics, this step's dropout masks) of a batch, without any update.</summary>
    public double Loss(ReadOnlySpan<float> images, ReadOnlySpan<int> labels)
    {
        Load(images, labels);
        Run(_forward);
        return SoftmaxCrossEntropyBackward.Loss(ReadLogits(), labels, Classes).Loss;
    }

    /// <summary>The current value of a parameter or running statistic.</summary>
    public Tensor Read(string name) => _backend.Download(_values[name]);

    /// <summary>Overwrites a parameter (finite-difference checks).</summary>
    public void Write(string name, Tensor value) => _backend.Write(_values[name], value.Data);

    /// <summary>Copies the trained weights and running statistics back into the model's initializers (for inference and export).</summary>
    public void CopyTo(Model model)
    {
        foreach (var (name, t) in model.Initializers)
            if (t.ElementType == ElementType.Float32 && _values.TryGetValue(name, out var d) && d.Length == t.Length)
                _backend.Read(d, t.Data);
    }

    private void Load(ReadOnlySpan<float> images, ReadOnlySpan<int> labels)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (images.Length != _input.Length) throw new ArgumentException($"a batch of images needs {_input.Length} floats ({Tensor.ShapeString(InputShape)}), got {images.Length}.");
        if (labels.Length != BatchSize) throw new ArgumentException($"a batch needs {BatchSize} labels, got {labels.Length}.");
        var onehot = new float[BatchSize * Classes];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)Classes) throw new ArgumentException($"label {labels[i]} is outside [0, {Classes}).");
            onehot[i * Classes + labels[i]] = 1f;
        }
        _backend.Write(_input, images);
        _backend.Write(_target, onehot);
        _backend.Write(_step, [_stepCount]);
    }

    private void Run(params List<PreparedKernel>[] phases)
    {
        var all = phases.SelectMany(p => p).ToArray();
        _backend.Dispatch(all, 0, all.Length);
    }

    private float[] ReadLogits()
    {
        var logits = new float[BatchSize * Classes];
        _backend.Read(Value(_logits), logits);
        return logits;
    }

    // ---- Graph construction ------------------------------------------------------------------------------------

    private void Forward(Node node, int seed)
    {
        string y = node.Outputs[0];
        switch (node.OpType)
        {
            case "Conv":
                Param(node, 1);
                Param(node, 2);
                Emit(_forward, ConvOp(node), y, node.Inputs[0], node.Inputs[1], node.InputOrNull(2));
                break;
            case "ConvTranspose":
            {
                Param(node, 1);
                Param(node, 2);
                var (conv, outPad) = ConvTransposeGeometry(node);
                Emit(_forward, new ConvTranspose2d(conv.StrideH, conv.StrideW, conv.Pads, outPad.H, outPad.W, conv.DilationH, conv.DilationW, conv.Group),
                    y, node.Inputs[0], node.Inputs[1], node.InputOrNull(2));
                break;
            }
            case "Gemm":
                if (node.GetInt("transA", 0) != 0 || node.GetInt("transB", 0) == 0 || node.GetFloat("alpha", 1) != 1 || node.GetFloat("beta", 1) != 1)
                    throw Unsupported(node, "only Linear layers (Gemm with transB = 1, alpha = beta = 1) train");
                Param(node, 1);
                Param(node, 2);
                Emit(_forward, new Gemm(1, 1, false, true), y, node.Inputs[0], node.Inputs[1], node.InputOrNull(2));
                break;
            case "Relu" or "Tanh" or "Sigmoid" or "LeakyRelu" or "Clip":
                Emit(_forward, UnaryOp(node), y, node.Inputs[0]);
                break;
            case "MaxPool" or "AveragePool":
                Emit(_forward, PoolOp(node), y, node.Inputs[0]);
                break;
            case "GlobalAveragePool":
                Emit(_forward, new GlobalPool(PoolKind.Average), y, node.Inputs[0]);
                break;
            case "Flatten" or "Reshape" or "Identity":
                Alias(y, node.Inputs[0]);
                break;
            case "Dropout":
            {
                float ratio = node.InputOrNull(1) is { } r ? _model.Initializers[r].Data[0] : node.GetFloat("ratio", 0.5f);
                if (ratio <= 0f) { Alias(y, node.Inputs[0]); break; }
                string mask = y + "#mask";
                Emit(_forward, new DropoutMask(ratio, seed * 7919 + _forward.Count, _shapes[node.Inputs[0]]), mask, null, _step);
                Emit(_forward, new Binary(BinaryKind.Mul), y, node.Inputs[0], mask);
                break;
            }
            case "BatchNormalization":
            {
                Param(node, 1);
                Param(node, 2);
                float eps = node.GetFloat("epsilon", 1e-5f), momentum = node.GetFloat("momentum", 0.9f);
                string x = node.Inputs[0], mean = y + "#mean", variance = y + "#var";
                Emit(_forward, new BatchNormStatistics(false), mean, x);
                Emit(_forward, new BatchNormStatistics(true), variance, x, mean);
                Emit(_forward, new BatchNormalization(eps), y, x, node.Inputs[1], node.Inputs[2], mean, variance);
                var xs = _shapes[x];
                int m = Tensor.ShapeLength(xs) / xs[1];
                RunningAverage(node.Inputs[3], mean, momentum, 1f - momentum);
                RunningAverage(node.Inputs[4], variance, momentum, (1f - momentum) * m / Math.Max(1, m - 1));
                break;
            }
            case "Concat":
            {
                int axis = Axis(node, _shapes[node.Inputs[0]].Length);
                var parts = node.Inputs.Where(i => i.Length > 0).ToList();
                while (parts.Count > Concat.MaxInputs)
                {
                    string partial = $"{y}#concat{parts.Count}";
                    Emit(_forward, new Concat(axis), partial, parts.Take(Concat.MaxInputs).ToArray());
                    parts = parts.Skip(Concat.MaxInputs).Prepend(partial).ToList();
                }
                Emit(_forward, new Concat(axis), y, parts.ToArray());
                break;
            }
            case "Split":
            {
                var xs = _shapes[node.Inputs[0]];
                int axis = Axis(node, xs.Length);
                long start = 0;
                foreach (var (output, size) in node.Outputs.Zip(SplitSizes(node, xs, axis)))
                {
                    if (output.Length > 0) Emit(_forward, new Slice([start], [start + size], [axis]), output, node.Inputs[0]);
                    start += size;
                }
                break;
            }
            case "Transpose":
                Emit(_forward, new Transpose(node.GetInts("perm").Select(p => (int)p).ToArray()), y, node.Inputs[0]);
                break;
            case "Add" or "Sub" or "Mul" or "Div" when IsScalarConstant(node.Inputs[1]):
                Emit(_forward, new Binary(Enum.Parse<BinaryKind>(node.OpType)), y, node.Inputs[0], node.Inputs[1]);
                break;
            case "Add":
                if (!_shapes[node.Inputs[0]].AsSpan().SequenceEqual(_shapes[node.Inputs[1]]))
                    throw Unsupported(node, "only same-shape Add (residual connections) trains");
                Emit(_forward, new Binary(BinaryKind.Add), y, node.Inputs[0], node.Inputs[1]);
                break;
            default:
                throw Unsupported(node, $"op {node.OpType} has no training rule yet (trainable: Conv, ConvTranspose, Gemm, activations, pooling, BatchNormalization, Dropout, Add, Concat, Split, Transpose, Flatten/Reshape)");
        }
    }

    private void Backward(Node node)
    {
        string y = node.Outputs[0];
        if (node.OpType == "Split")
        {
            // dx is the outputs' gradients side by side (zeros for an output the loss never reaches).
            var xs = _shapes[node.Inputs[0]];
            if (!NeedsGrad(node.Inputs[0]) || node.Outputs.All(o => o.Length == 0 || !_gradReady.Contains(Root(o)))) return;
            var parts = node.Outputs.Zip(SplitSizes(node, xs, Axis(node, xs.Length)))
                .Select(p => p.First.Length > 0 && _gradReady.Contains(Root(p.First)) ? Grad(p.First) : Zeros(Shape(xs, Axis(node, xs.Length), (int)p.Second)))
                .ToArray();
            if (parts.Length > Concat.MaxInputs) throw Unsupported(node, $"more than {Concat.MaxInputs} outputs");
            Accumulate(node.Inputs[0], new Concat(Axis(node, xs.Length)), parts);
            return;
        }
        if (!_gradReady.Contains(Root(y))) return; // nothing downstream reaches the loss
        var dy = Grad(y);
        string x = node.Inputs[0];
        switch (node.OpType)
        {
            case "Conv":
            {
                var conv = ConvOp(node);
                if (NeedsGrad(x)) Accumulate(x, new Conv2dBackward(conv, false, _shapes[x]), [dy, Value(node.Inputs[1])]);
                Accumulate(node.Inputs[1], new Conv2dBackward(conv, true, _shapes[node.Inputs[1]]), [dy, Value(x)]);
                if (node.InputOrNull(2) is { } b) Accumulate(b, new ChannelSum(), [dy]);
                break;
            }
            case "ConvTranspose":
            {
                // A transposed convolution is the adjoint of a convolution with the same geometry: its input gradient is
                // that convolution of dy, and its weight gradient is the convolution's weight gradient with the roles
                // of input and output exchanged.
                var (conv, _) = ConvTransposeGeometry(node);
                if (NeedsGrad(x)) Accumulate(x, conv, [dy, Value(node.Inputs[1]), null]);
                Accumulate(node.Inputs[1], new Conv2dBackward(conv, true, _shapes[node.Inputs[1]]), [Value(x), dy]);
                if (node.InputOrNull(2) is { } tb) Accumulate(tb, new ChannelSum(), [dy]);
                break;
            }
            case "Gemm":
                if (NeedsGrad(x)) Accumulate(x, new Gemm(1, 0, false, false), [dy, Value(node.Inputs[1]), null]);
                Accumulate(node.Inputs[1], new Gemm(1, 0, true, false), [dy, Value(x), null]);
                if (node.InputOrNull(2) is { } gb) Accumulate(gb, new ChannelSum(), [dy]);
                break;
            case "Relu" or "Tanh" or "Sigmoid" or "LeakyRelu" or "Clip":
                if (NeedsGrad(x)) Accumulate(x, new ActivationBackward(UnaryOp(node)), [Value(y), dy]);
                break;
            case "MaxPool" or "AveragePool":
                if (NeedsGrad(x)) Accumulate(x, new Pool2dBackward(PoolOp(node)), [Value(x), dy]);
                break;
            case "GlobalAveragePool":
                if (NeedsGrad(x)) Accumulate(x, new GlobalPoolBackward(_shapes[x]), [dy]);
                break;
            case "Flatten" or "Reshape" or "Identity":
                break; // the gradient is a view of the input's
            case "Dropout":
                if (_values.TryGetValue(y + "#mask", out var mask) && NeedsGrad(x)) Accumulate(x, new Binary(BinaryKind.Mul), [dy, mask]);
                break;
            case "BatchNormalization":
            {
                float eps = node.GetFloat("epsilon", 1e-5f);
                var mean = Value(y + "#mean");
                var variance = Value(y + "#var");
                Accumulate(node.Inputs[2], new ChannelSum(), [dy]);
                Accumulate(node.Inputs[1], new BatchNormBackward(eps, true), [Value(x), dy, mean, variance]);
                if (NeedsGrad(x))
                    Accumulate(x, new BatchNormBackward(eps, false),
                        [Value(x), dy, Value(node.Inputs[1]), mean, variance, Grad(node.Inputs[1]), Grad(node.Inputs[2])]);
                break;
            }
            case "Concat":
            {
                int axis = Axis(node, _shapes[x].Length);
                long offset = 0;
                foreach (var input in node.Inputs.Where(i => i.Length > 0))
                {
                    int length = _shapes[input][axis];
                    if (NeedsGrad(input)) Accumulate(input, new Slice([offset], [offset + length], [axis]), [dy]);
                    offset += length;
                }
                break;
            }
            case "Transpose":
            {
                var perm = node.GetInts("perm").Select(p => (int)p).ToArray();
                if (perm.Length == 0) perm = Enumerable.Range(0, _shapes[x].Length).Reverse().ToArray();
                var inverse = new int[perm.Length];
                for (int i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
                if (NeedsGrad(x)) Accumulate(x, new Transpose(inverse), [dy]);
                break;
            }
            case "Add" or "Sub" or "Mul" or "Div" when IsScalarConstant(node.Inputs[1]):
                if (!NeedsGrad(x)) break;
                if (node.OpType is "Add" or "Sub") Accumulate(x, new Unary(UnaryKind.Identity), [dy]);
                else Accumulate(x, new Binary(node.OpType == "Mul" ? BinaryKind.Mul : BinaryKind.Div), [dy, Value(node.Inputs[1])]);
                break;
            case "Add":
                foreach (var input in node.Inputs)
                    if (NeedsGrad(input)) Accumulate(input, new Unary(UnaryKind.Identity), [dy]);
                break;
        }
    }

    private void Update(string name, SgdOptions sgd)
    {
        var w = Value(name);
        var shape = w.Shape;
        var velocity = Own(Upload(new Tensor(shape)));
        var vNext = Own(_backend.Allocate(shape));
        var wNext = Own(_backend.Allocate(shape));
        _update.Add(_backend.Prepare(new SgdUpdate(false, sgd.Momentum, sgd.WeightDecay), [velocity, Grad(name), w], vNext));
        _update.Add(_backend.Prepare(new Unary(UnaryKind.Identity), [vNext], velocity));
        _update.Add(_backend.Prepare(new SgdUpdate(true), [w, velocity, _learningRate], wNext));
        _update.Add(_backend.Prepare(new Unary(UnaryKind.Identity), [wNext], w));
    }

    private void RunningAverage(string running, string batch, float keep, float take)
    {
        var r = Value(running);
        var next = Own(_backend.Allocate(r.Shape));
        _forward.Add(_backend.Prepare(new Axpby(keep, take), [r, Value(batch)], next));
        _forward.Add(_backend.Prepare(new Unary(UnaryKind.Identity), [next], r));
    }

    /// <summary>dValue += op(inputs): the first contribution writes the gradient, later ones are added to it.</summary>
    private void Accumulate(string value, Op op, DeviceTensor?[] inputs)
    {
        var grad = Grad(value);
        if (_gradReady.Add(Root(value)))
        {
            _backward.Add(_backend.Prepare(op, inputs, grad));
            return;
        }
        var part = Own(_backend.Allocate(grad.Shape));
        var sum = Own(_backend.Allocate(grad.Shape));
        _backward.Add(_backend.Prepare(op, inputs, part));
        _backward.Add(_backend.Prepare(new Binary(BinaryKind.Add), [grad, part], sum));
        _backward.Add(_backend.Prepare(new Unary(UnaryKind.Identity), [sum], grad));
    }

    private void Emit(List<PreparedKernel> phase, Op op, string output, params string?[] inputs) =>
        Emit(phase, op, output, null, inputs.Select(i => i == null ? null : Value(i)).ToArray());

    private void Emit(List<PreparedKernel> phase, Op op, string output, int[]? shape, params DeviceTensor?[] inputs)
    {
        shape ??= op.OutputShape(inputs.Select(t => t?.Shape).ToArray());
        _shapes[output] = shape;
        var y = Own(_backend.Allocate(shape));
        _values[output] = y;
        phase.Add(_backend.Prepare(op, inputs, y));
    }

    private void Alias(string alias, string source)
    {
        _alias[alias] = source;
        _values[alias] = Own(_backend.View(Value(Root(source)), _shapes[alias]));
    }

    private static int Axis(Node node, int rank)
    {
        int axis = (int)node.GetInt("axis", node.OpType == "Split" ? 0 : 1);
        return axis < 0 ? axis + rank : axis;
    }

    private long[] SplitSizes(Node node, int[] xs, int axis)
    {
        long[] sizes = node.InputOrNull(1) is { } s ? _model.Initializers[s].Longs : node.GetInts("split").ToArray();
        return sizes.Length > 0 ? sizes : Enumerable.Repeat((long)(xs[axis] / node.Outputs.Count), node.Outputs.Count).ToArray();
    }

    private static int[] Shape(int[] shape, int axis, int length)
    {
        var s = (int[])shape.Clone();
        s[axis] = length;
        return s;
    }

    private DeviceTensor Zeros(int[] shape) => Own(Upload(new Tensor(shape)));

    private bool IsScalarConstant(string value) => _model.Initializers.TryGetValue(value, out var t) && t.Length == 1;

    private string Root(string value)
    {
        while (_alias.TryGetValue(value, out var s)) value = s;
        return value;
    }

    private bool NeedsGrad(string value) =>
        !_model.Initializers.ContainsKey(value) && !ReferenceEquals(Value(value), _input) && Root(value) != _model.Inputs[0].Name;

    private DeviceTensor Value(string name)
    {
        if (_values.TryGetValue(name, out var v)) return v;
        if (_model.Initializers.TryGetValue(name, out var t))
        {
            var d = Own(Upload(t.ElementType == ElementType.Float32 ? t : new Tensor(t.Shape, t.Longs.Select(l => (float)l).ToArray())));
            _values[name] = d;
            return d;
        }
        throw new InvalidOperationException($"training graph: no value '{name}'");
    }

    private DeviceTensor Grad(string value)
    {
        if (_grads.TryGetValue(value, out var g)) return g;
        var root = Root(value);
        g = root == value ? Own(_backend.Allocate(Value(value).Shape)) : Own(_backend.View(Grad(root), Value(value).Shape));
        _grads[value] = g;
        return g;
    }

    private void Param(Node node, int index)
    {
        if (node.InputOrNull(index) is { } name && _model.Initializers.ContainsKey(name)) _trainable.Add(name);
    }

    private DeviceTensor Upload(Tensor t) => _backend.Upload(t);

    private DeviceTensor Own(DeviceTensor t)
    {
        _owned.Add(t);
        return t;
    }

    private static Conv2d ConvOp(Node node)
    {
        var s = node.GetInts("strides", [1, 1]);
        var d = node.GetInts("dilations", [1, 1]);
        var p = node.GetInts("pads", [0, 0, 0, 0]);
        if (node.GetString("auto_pad", "NOTSET") is not ("NOTSET" or "")) throw Unsupported(node, "auto_pad is not supported in training; give explicit pads");
        return new Conv2d((int)s[0], (int)s[1], new Pads((int)p[0], (int)p[1], (int)p[2], (int)p[3]), (int)d[0], (int)d[1], (int)node.GetInt("group", 1));
    }

    private static (Conv2d Conv, (int H, int W) OutputPadding) ConvTransposeGeometry(Node node)
    {
        if (node.Has("output_shape")) throw Unsupported(node, "output_shape is not supported in training; give pads and output_padding");
        var op = node.GetInts("output_padding", [0, 0]);
        return (ConvOp(node), ((int)op[0], (int)op[1]));
    }

    private static Pool2d PoolOp(Node node)
    {
        var k = node.GetInts("kernel_shape");
        var s = node.GetInts("strides", [1, 1]);
        var p = node.GetInts("pads", [0, 0, 0, 0]);
        return new Pool2d(node.OpType == "MaxPool" ? PoolKind.Max : PoolKind.Average, (int)k[0], (int)k[1], (int)s[0], (int)s[1],
            new Pads((int)p[0], (int)p[1], (int)p[2], (int)p[3]), node.GetInt("ceil_mode", 0) != 0, node.GetInt("count_include_pad", 0) != 0);
    }

    private Unary UnaryOp(Node node) => node.OpType switch
    {
        "Relu" => new Unary(UnaryKind.Relu),
        "Tanh" => new Unary(UnaryKind.Tanh),
        "Sigmoid" => new Unary(UnaryKind.Sigmoid),
        "LeakyRelu" => new Unary(UnaryKind.LeakyRelu, node.GetFloat("alpha", 0.01f)),
        "Clip" => Unary.Clip(
            node.InputOrNull(1) is { } lo ? _model.Initializers[lo].Data[0] : float.NegativeInfinity,
            node.InputOrNull(2) is { } hi ? _model.Initializers[hi].Data[0] : float.PositiveInfinity),
        _ => throw Unsupported(node, "not an activation"),
    };

    private static NotSupportedException Unsupported(Node node, string why) => new($"training: node '{node.Name}' ({node.OpType}): {why}.");

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var t in _owned) t.Dispose();
        _owned.Clear();
    }
}
