using System.Buffers.Binary;
using Vision.Models;
using Vision.Onnx;
using Vision.Tensors;
using Attribute = Vision.Models.NodeAttribute;

namespace Vision.TfLite;

/// <summary>
/// Turns the main subgraph of a .tflite file into ONNX-vocabulary nodes in NCHW, so the same compiler and kernels run
/// it. Every rank-4 activation is kept NCHW: a Transpose follows each rank-4 input and precedes each rank-4 output, so
/// the model's inputs and outputs keep their NHWC meaning. Filters are re-laid out (OHWI -> OIHW, depthwise
/// [1,H,W,C*m] -> [C*m,1,H,W]), constants of elementwise ops are permuted, axes are mapped, SAME padding becomes
/// explicit pads (TensorFlow puts the odd element at the end), fused activations become a following node, and fp16
/// weights behind DEQUANTIZE are folded to float32 at import.
/// </summary>
internal sealed partial class TfLiteGraphBuilder
{
    /// <summary>The ONNX op set the emitted nodes follow (HardSwish needs 14).</summary>
    public const int Opset = 14;

    private readonly TfLiteFile _file;
    private readonly string _path;
    private readonly List<Node> _nodes = [];
    private readonly Dictionary<string, Tensor> _initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Tensor> _constants = [];
    private readonly Dictionary<int, string> _values = [];
    private readonly Dictionary<(int Tensor, string Layout), string> _constantValues = [];
    private readonly HashSet<string> _valueNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private readonly string[] _names;
    private readonly HashSet<int> _graphInputs;
    private readonly HashSet<int> _graphOutputs;
    private TfLiteOperator _op = null!;
    private string _opName = "";
    private string _nodeBase = "";

    private TfLiteGraphBuilder(TfLiteFile file, string path)
    {
        _file = file;
        _path = path;
        _names = new string[file.Tensors.Count];
        for (int i = 0; i < _names.Length; i++)
        {
            string name = file.Tensors[i].Name.Length > 0 ? file.Tensors[i].Name : $"tensor_{i}";
            _names[i] = _valueNames.Add(name) ? name : Fresh($"{name}#{i}");
        }
        _graphInputs = file.Inputs.Select(i => CheckIndex(i, "inputs")).ToHashSet();
        _graphOutputs = file.Outputs.Select(i => CheckIndex(i, "outputs")).ToHashSet();
    }

    public static Model Build(TfLiteFile file, string path) => new TfLiteGraphBuilder(file, path).Build();

    private Model Build()
    {
        if (_file.Inputs.Count == 0) throw Error("the main subgraph declares no inputs. Convert the model again.");
        var inputs = new List<ValueInfo>();
        foreach (int i in _file.Inputs)
        {
            var t = _file.Tensors[i];
            if (t.Type != TfLiteTensorType.FLOAT32)
                throw ErrorT(t, $"is a {t.Type} input; Vision runs float32 models only. Convert the model with float32 inputs (no integer quantization).");
            if (_graphOutputs.Contains(i)) throw ErrorT(t, "is both an input and an output of the model, which Vision does not support.");
            CheckShape(t);
            inputs.Add(new ValueInfo(_names[i], DataType.Float32, t.Shape.Select(Dim.Fixed).ToList()));
            _values[i] = t.Shape.Length == 4
                ? AddNode("Transpose", [_names[i]], Fresh(_names[i] + "/nchw"), $"{_names[i]}/to_nchw", Attribute.Of("perm", TfLiteLayout.ToNchw))
                : _names[i];
        }

        foreach (var op in _file.Operators) Translate(op);
        _opName = "";

        var outputs = new List<ValueInfo>();
        foreach (int o in _file.Outputs)
        {
            var t = _file.Tensors[o];
            if (!_values.TryGetValue(o, out var value))
                throw ErrorT(t, _constants.ContainsKey(o) || HasData(t)
                    ? "is a model output holding a constant, which Vision does not run. Remove it from the outputs."
                    : "is a model output that no operator produces. The file is corrupted; convert the model again.");
            if (t.Shape.Length == 4)
                AddNode("Transpose", [value], _names[o], $"{_names[o]}/to_nhwc", Attribute.Of("perm", TfLiteLayout.ToNhwc));
            outputs.Add(new ValueInfo(_names[o], DataType.Float32, t.Shape.Select(Dim.Fixed).ToList()));
        }

        return new Model
        {
            Inputs = inputs,
            Outputs = outputs,
            Nodes = _nodes,
            Initializers = _initializers,
            OpsetVersion = Opset,
            Producer = ("TensorFlow Lite " + _file.Description).Trim(),
            SourcePath = _path,
        };
    }

    private void Translate(TfLiteOperator op)
    {
        _op = op;
        if (op.OpcodeIndex < 0 || op.OpcodeIndex >= _file.OperatorCodes.Count)
        {
            _opName = $"operator {op.Index}";
            throw Error($"opcode_index {op.OpcodeIndex} is outside the {_file.OperatorCodes.Count} operator codes. The file is corrupted.");
        }
        var code = _file.OperatorCodes[op.OpcodeIndex];
        _opName = $"operator {op.Index} ({code.DisplayName})";
        _nodeBase = $"{(code.IsCustom ? code.CustomCode : code.DisplayName.Replace(' ', '_'))}_{op.Index}";
        foreach (int i in op.Inputs) if (i != -1) CheckIndex(i, "inputs");
        if (op.Outputs.Length == 0) throw Error("has no outputs. The file is corrupted.");
        foreach (int o in op.Outputs) CheckIndex(o, "outputs");
        try
        {
            if (code.IsCustom) TranslateCustom(code.CustomCode ?? "");
            else TranslateBuiltin((TfLiteBuiltinOperator)code.Builtin, code);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException or IndexOutOfRangeException or InvalidOperationException)
        {
            throw Error($"cannot be read ({e.Message}). The file is corrupted; convert or download it again.", inner: e);
        }
    }

    private void TranslateCustom(string name)
    {
        switch (name)
        {
            case "Convolution2DTransposeBias": TransposeConvBias(); break;
            default:
                throw Error($"is a custom op Vision does not implement. Vision knows the custom op Convolution2DTransposeBias (MediaPipe); " +
                    "convert the model without custom ops, or ask for this op.");
        }
    }

    // ---- values ----

    private int CheckIndex(int index, string list)
    {
        if (index < 0 || index >= _file.Tensors.Count)
            throw Error($"{list} refers to tensor {index}, but the subgraph has {_file.Tensors.Count} tensors. The file is corrupted.");
        return index;
    }

    /// <summary>Tensor index of operator input <paramref name="k"/>; it must be present.</summary>
    private int In(int k)
    {
        if (k >= _op.Inputs.Length || _op.Inputs[k] == -1)
            throw Error($"input {k} is missing ({_op.Inputs.Length} given). The file is corrupted.");
        return _op.Inputs[k];
    }

    private int? InOpt(int k) => k < _op.Inputs.Length && _op.Inputs[k] != -1 ? _op.Inputs[k] : null;

    private int Out(int k = 0)
    {
        if (k >= _op.Outputs.Length) throw Error($"output {k} is missing. The file is corrupted.");
        return _op.Outputs[k];
    }

    private int[] Shape(int tensor)
    {
        var t = _file.Tensors[tensor];
        CheckShape(t);
        return _constants.TryGetValue(tensor, out var c) ? c.Shape : t.Shape;
    }

    private int Rank(int tensor) => Shape(tensor).Length;

    /// <summary>The ONNX value of a computed tensor (NCHW when rank 4).</summary>
    private string Value(int tensor)
    {
        var t = _file.Tensors[tensor];
        if (_values.TryGetValue(tensor, out var v)) return v;
        if (Constant(tensor) != null)
            throw ErrorT(t, "is a constant where Vision expects computed data (a constant input of this op is not supported).");
        throw ErrorT(t, "is read before any operator writes it. The operators are out of order or the file is corrupted.");
    }

    /// <summary>The value an operator writes for a tensor: its own name, or a fresh one when a Transpose to NHWC must follow (rank-4 model outputs).</summary>
    private string OutputValue(int tensor)
    {
        var t = _file.Tensors[tensor];
        if (_values.ContainsKey(tensor) || _graphInputs.Contains(tensor))
            throw ErrorT(t, "is written by two operators. The file is corrupted.");
        if (t.Type != TfLiteTensorType.FLOAT32)
            throw ErrorT(t, $"is {t.Type}; Vision computes float32 tensors only (quantized or integer models are not supported).");
        CheckShape(t);
        return _graphOutputs.Contains(tensor) && t.Shape.Length == 4 ? Fresh(_names[tensor] + "/nchw") : _names[tensor];
    }

    private void CheckShape(TfLiteTensor t)
    {
        foreach (int d in t.Shape)
            if (d < 0) throw ErrorT(t, $"has dimension {d}: dynamic shapes are not supported. Convert the model with fixed input sizes.");
        if (t.Shape.Length > 6) throw ErrorT(t, $"has rank {t.Shape.Length}; Vision supports up to rank 6.");
        if (t.Shape.Aggregate(1L, (a, d) => a * d) > int.MaxValue) throw ErrorT(t, "has more than 2^31 elements.");
    }

    private string Fresh(string baseName)
    {
        string name = baseName;
        for (int k = 1; !_valueNames.Add(name); k++) name = $"{baseName}_{k}";
        return name;
    }

    private string Temp() => Fresh($"{_nodeBase}/t");

    /// <summary>Adds a node writing <paramref name="output"/>; node names are made unique (they seed the compiler's temp names).</summary>
    private string AddNode(string opType, string?[] inputs, string output, string? nodeName = null, params Attribute[] attributes)
    {
        string baseName = nodeName ?? $"{_nodeBase}/{opType}";
        string name = baseName;
        for (int k = 1; !_nodeNames.Add(name); k++) name = $"{baseName}_{k}";
        int count = inputs.Length;
        while (count > 0 && string.IsNullOrEmpty(inputs[count - 1])) count--;
        _nodes.Add(new Node(name, opType, "", inputs.Take(count).Select(i => i ?? "").ToArray(), [output], attributes, _nodes.Count)
        {
            OpVersion = OnnxOpVersions.SinceVersion(opType, Opset) ?? 0,
            SourceFile = _path,
        });
        return output;
    }

    private string Emit(string opType, string?[] inputs, params Attribute[] attributes) => AddNode(opType, inputs, Temp(), null, attributes);

    /// <summary>Emits the op writing the output tensor, and its fused activation after it.</summary>
    private void Finish(string opType, string?[] inputs, byte activation, params Attribute[] attributes)
    {
        int outTensor = Out();
        string output = OutputValue(outTensor);
        if (activation == 0) AddNode(opType, inputs, output, null, attributes);
        else FusedActivation(activation, Emit(opType, inputs, attributes), output);
        _values[outTensor] = output;
    }

    /// <summary>ActivationFunctionType: NONE 0, RELU 1, RELU_N1_TO_1 2, RELU6 3, TANH 4, SIGN_BIT 5.</summary>
    private void FusedActivation(byte activation, string input, string output)
    {
        switch (activation)
        {
            case 1: AddNode("Relu", [input], output); break;
            case 2: AddNode("Clip", [input, Scalar(-1f), Scalar(1f)], output); break;
            case 3: AddNode("Clip", [input, Scalar(0f), Scalar(6f)], output); break;
            case 4: AddNode("Tanh", [input], output); break;
            default: throw Error($"has fused activation {activation} (SIGN_BIT or unknown), which Vision does not implement.");
        }
    }

    // ---- constants ----

    private static bool HasData(TfLiteTensor t) => t.Buffer != 0;

    /// <summary>The host value of a constant tensor in TFLite layout (float32 or int64), or null when it is computed.</summary>
    private Tensor? Constant(int tensor)
    {
        if (_constants.TryGetValue(tensor, out var c)) return c;
        if (_graphInputs.Contains(tensor)) return null;
        var t = _file.Tensors[tensor];
        var bytes = _file.Buffer(t.Buffer, t);
        if (bytes.Count == 0) return null;
        CheckShape(t);
        c = Decode(t, bytes);
        _constants[tensor] = c;
        return c;
    }

    private Tensor RequireConstant(int tensor, string what) =>
        Constant(tensor) ?? throw ErrorT(_file.Tensors[tensor], $"({what}) is computed at run time; Vision needs it to be a constant in the file.");

    private Tensor Decode(TfLiteTensor t, ArraySegment<byte> bytes)
    {
        int n = Tensors.Tensor.ShapeLength(t.Shape);
        int size = t.Type switch
        {
            TfLiteTensorType.FLOAT32 or TfLiteTensorType.INT32 => 4,
            TfLiteTensorType.FLOAT16 or TfLiteTensorType.INT16 => 2,
            TfLiteTensorType.INT64 or TfLiteTensorType.FLOAT64 => 8,
            TfLiteTensorType.UINT8 or TfLiteTensorType.INT8 or TfLiteTensorType.BOOL => 1,
            _ => throw ErrorT(t, $"is {t.Type}, an element type Vision cannot read. Convert the model with float32 or float16 weights."),
        };
        if (t.Quantized && t.Type is not (TfLiteTensorType.FLOAT32 or TfLiteTensorType.FLOAT16))
            throw ErrorT(t, $"is quantized {t.Type}; Vision runs float models only. Convert the model without integer quantization (fp16 weights are fine).");
        if ((long)n * size != bytes.Count)
            throw ErrorT(t, $"has {bytes.Count} bytes of data but its shape [{string.Join(",", t.Shape)}] of {t.Type} needs {(long)n * size}. The file is corrupted.");
        var span = bytes.AsSpan();
        switch (t.Type)
        {
            case TfLiteTensorType.FLOAT32:
            {
                var data = new float[n];
                for (int i = 0; i < n; i++) data[i] = BinaryPrimitives.ReadSingleLittleEndian(span[(4 * i)..]);
                return new Tensor(t.Shape, data);
            }
            case TfLiteTensorType.FLOAT16:
            {
                var data = new float[n];
                for (int i = 0; i < n; i++) data[i] = (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(span[(2 * i)..]));
                return new Tensor(t.Shape, data);
            }
            case TfLiteTensorType.FLOAT64:
            {
                var data = new float[n];
                for (int i = 0; i < n; i++) data[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(span[(8 * i)..]);
                return new Tensor(t.Shape, data);
            }
            default:
            {
                var longs = new long[n];
                for (int i = 0; i < n; i++)
                    longs[i] = t.Type switch
                    {
                        TfLiteTensorType.INT32 => BinaryPrimitives.ReadInt32LittleEndian(span[(4 * i)..]),
                        TfLiteTensorType.INT64 => BinaryPrimitives.ReadInt64LittleEndian(span[(8 * i)..]),
                        TfLiteTensorType.INT16 => BinaryPrimitives.ReadInt16LittleEndian(span[(2 * i)..]),
                        TfLiteTensorType.INT8 => (sbyte)span[i],
                        _ => span[i],
                    };
                return new Tensor(t.Shape, longs);
            }
        }
    }

    /// <summary>An initializer holding a constant tensor re-laid out by <paramref name="transform"/>, made once per layout.</summary>
    private string ConstantValue(int tensor, string layout, Func<Tensor, Tensor> transform)
    {
        if (_constantValues.TryGetValue((tensor, layout), out var name)) return name;
        var value = Constant(tensor) ?? throw new InvalidOperationException("not a constant");
        name = layout.Length == 0 ? _names[tensor] : Fresh($"{_names[tensor]}/{layout}");
        _initializers[name] = transform(value);
        _constantValues[(tensor, layout)] = name;
        return name;
    }

    private string RawConstant(int tensor) => ConstantValue(tensor, "", t => t);

    /// <summary>A new initializer made by the translation (pads, sizes, clip bounds).</summary>
    private string AddConstant(Tensor value, string what)
    {
        string name = Fresh($"{_nodeBase}/{what}");
        _initializers[name] = value;
        return name;
    }

    private string Scalar(float v) => AddConstant(new Tensor([], [v]), "scalar");

    private string Longs(string what, params long[] values) => AddConstant(new Tensor([values.Length], values), what);

    /// <summary>
    /// An operand of a broadcasting op. With a rank-4 (NCHW) result, a constant is right-aligned to rank 4 as TensorFlow
    /// broadcasts it, then permuted to NCHW; a lower-rank computed operand gets the same treatment by Reshape + Transpose.
    /// </summary>
    private string Operand(int tensor, bool nchw)
    {
        var shape = Shape(tensor);
        if (Constant(tensor) != null)
            return !nchw ? RawConstant(tensor) : ConstantValue(tensor, "nchw", t => TfLiteLayout.Permute(t.Reshape(Pad4(t.Shape)), 0, 3, 1, 2));
        string v = Value(tensor);
        if (!nchw || shape.Length == 4) return v;
        if (shape.Length > 4) throw ErrorT(_file.Tensors[tensor], $"has rank {shape.Length} and is broadcast against a rank-4 tensor, which Vision does not support.");
        var four = Pad4(shape);
        if (TfLiteLayout.SameOrder(four)) return Emit("Reshape", [v, Longs("shape", TfLiteLayout.Shape(four).Select(d => (long)d).ToArray())]);
        string r = Emit("Reshape", [v, Longs("shape", four.Select(d => (long)d).ToArray())]);
        return Emit("Transpose", [r], Attribute.Of("perm", TfLiteLayout.ToNchw));
    }

    private static int[] Pad4(int[] shape) => Enumerable.Repeat(1, 4 - shape.Length).Concat(shape).ToArray();

    // ---- errors ----

    /// <summary>A load error naming the file, the current operator (when inside one) and the tensor concerned.</summary>
    private ModelLoadException Error(string message, TfLiteTensor? tensor = null, Exception? inner = null) =>
        new(_path, _opName.Length > 0 ? _opName : null, tensor == null ? null : $"tensor {tensor}", message, inner);

    private ModelLoadException ErrorT(TfLiteTensor tensor, string message) => Error(message, tensor);
}
