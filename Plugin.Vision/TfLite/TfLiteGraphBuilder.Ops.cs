using Vision.Tensors;
using Attribute = Vision.Models.NodeAttribute;
using Op = Vision.TfLite.TfLiteBuiltinOperator;

namespace Vision.TfLite;

internal sealed partial class TfLiteGraphBuilder
{
    private void TranslateBuiltin(Op op, TfLiteOperatorCode code)
    {
        switch (op)
        {
            case Op.CONV_2D: Conv(); break;
            case Op.DEPTHWISE_CONV_2D: DepthwiseConv(); break;
            case Op.TRANSPOSE_CONV: TransposeConv(); break;
            case Op.FULLY_CONNECTED: FullyConnected(); break;
            case Op.AVERAGE_POOL_2D: Pool("AveragePool", "GlobalAveragePool"); break;
            case Op.MAX_POOL_2D: Pool("MaxPool", "GlobalMaxPool"); break;
            case Op.ADD: Binary("Add", TfLiteOptions.Add); break;
            case Op.SUB: Binary("Sub", TfLiteOptions.Sub); break;
            case Op.MUL: Binary("Mul", TfLiteOptions.Mul); break;
            case Op.DIV: Binary("Div", TfLiteOptions.Div); break;
            case Op.MAXIMUM: Binary("Max", null); break;
            case Op.MINIMUM: Binary("Min", null); break;
            case Op.POW: Binary("Pow", null); break;
            case Op.PRELU: Binary("PRelu", null); break;
            case Op.HARD_SWISH: Unary("HardSwish"); break;
            case Op.LOGISTIC: Unary("Sigmoid"); break;
            case Op.RELU: Unary("Relu"); break;
            case Op.TANH: Unary("Tanh"); break;
            case Op.EXP: Unary("Exp"); break;
            case Op.ABS: Unary("Abs"); break;
            case Op.NEG: Unary("Neg"); break;
            case Op.SQRT: Unary("Sqrt"); break;
            case Op.ELU: Unary("Elu"); break;
            case Op.RELU6: Finish("Clip", [Value(In(0)), Scalar(0f), Scalar(6f)], 0); break;
            case Op.RELU_N1_TO_1: Finish("Clip", [Value(In(0)), Scalar(-1f), Scalar(1f)], 0); break;
            case Op.LEAKY_RELU: Finish("LeakyRelu", [Value(In(0))], 0, Attribute.Of("alpha", TfLiteOptions.ReadLeakyReluAlpha(_op.Options))); break;
            case Op.CONCATENATION: Concatenation(); break;
            case Op.RESHAPE: Reshape(); break;
            case Op.PAD: Pad(false); break;
            case Op.PADV2: Pad(true); break;
            case Op.RESIZE_BILINEAR: Resize(true); break;
            case Op.RESIZE_NEAREST_NEIGHBOR: Resize(false); break;
            case Op.MEAN: Mean(); break;
            case Op.SOFTMAX: Softmax(); break;
            case Op.TRANSPOSE: Transpose(); break;
            case Op.DEQUANTIZE: Dequantize(); break;
            default:
                throw Error($"is a TensorFlow Lite operator Vision does not translate (version {code.Version}). Supported: CONV_2D, " +
                    "DEPTHWISE_CONV_2D, TRANSPOSE_CONV, FULLY_CONNECTED, AVERAGE/MAX_POOL_2D, ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, POW, PRELU, " +
                    "HARD_SWISH, LOGISTIC, RELU, RELU6, RELU_N1_TO_1, LEAKY_RELU, TANH, ELU, EXP, ABS, NEG, SQRT, CONCATENATION, RESHAPE, PAD, " +
                    "PADV2, RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR, MEAN, SOFTMAX, TRANSPOSE, DEQUANTIZE and the custom op Convolution2DTransposeBias.");
        }
    }

    /// <summary>The builtin options table, checked to be of the type the op expects (null when the op has none).</summary>
    private FlatTable? Options(byte expectedType)
    {
        if (_op.Options is { } o && _op.OptionsType != expectedType)
            throw Error($"builtin_options is of union type {_op.OptionsType}, but this op's options are type {expectedType}. The file is corrupted.");
        return _op.Options;
    }

    private void Unary(string opType) => Finish(opType, [Value(In(0))], 0);

    private void Binary(string opType, byte? optionsType)
    {
        byte activation = optionsType is { } type ? TfLiteOptions.ReadActivation(Options(type)) : (byte)0;
        bool nchw = Rank(Out()) == 4;
        Finish(opType, [Operand(In(0), nchw), Operand(In(1), nchw)], activation);
    }

    /// <summary>fp16 (or float32) weights behind DEQUANTIZE are folded into a float32 constant at import.</summary>
    private void Dequantize()
    {
        int input = In(0), output = Out();
        var value = Constant(input);
        var t = _file.Tensors[input];
        if (value == null || t.Type is not (TfLiteTensorType.FLOAT16 or TfLiteTensorType.FLOAT32))
            throw ErrorT(t, $"DEQUANTIZE of {(value == null ? "a computed" : "a " + t.Type)} tensor is not supported; Vision folds DEQUANTIZE of float16 constants only.");
        if (_constants.ContainsKey(output) || _values.ContainsKey(output)) throw ErrorT(_file.Tensors[output], "is written by two operators. The file is corrupted.");
        if (!_file.Tensors[output].Shape.SequenceEqual(value.Shape))
            throw ErrorT(_file.Tensors[output], $"has shape [{string.Join(",", _file.Tensors[output].Shape)}] but DEQUANTIZE reads [{string.Join(",", value.Shape)}]. The file is corrupted.");
        _constants[output] = value;
    }

    private void Softmax()
    {
        float beta = TfLiteOptions.ReadSoftmaxBeta(Options(TfLiteOptions.Softmax));
        int x = In(0);
        string input = Value(x);
        if (beta != 1f) input = Emit("Mul", [input, Scalar(beta)]);
        Finish("Softmax", [input], 0, Attribute.Of("axis", Rank(x) == 4 ? 1L : -1L));
    }
}
