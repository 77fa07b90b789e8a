using Vision.Ops;

namespace Vision.Compile;

internal static partial class NodeTranslator
{
    /// <summary>Activations, arithmetic, normalization and reductions; false when the op is not one of them.</summary>
    private static bool Elementwise(TranslationContext c)
    {
        var n = c.Node;
        switch (n.OpType)
        {
            case "Relu": Unary(c, UnaryKind.Relu); return true;
            case "LeakyRelu": Unary(c, UnaryKind.LeakyRelu, n.GetFloat("alpha", 0.01f)); return true;
            case "Elu": Unary(c, UnaryKind.Elu, n.GetFloat("alpha", 1f)); return true;
            case "Selu": Unary(c, UnaryKind.Selu, n.GetFloat("alpha", 1.67326319217681884765625f), n.GetFloat("gamma", 1.05070102214813232421875f)); return true;
            case "Sigmoid": Unary(c, UnaryKind.Sigmoid); return true;
            case "HardSigmoid": Unary(c, UnaryKind.HardSigmoid, n.GetFloat("alpha", 0.2f), n.GetFloat("beta", 0.5f)); return true;
            case "HardSwish": Unary(c, UnaryKind.HardSwish); return true;
            case "Tanh": Unary(c, UnaryKind.Tanh); return true;
            case "Softplus": Unary(c, UnaryKind.Softplus); return true;
            case "Softsign": Unary(c, UnaryKind.Softsign); return true;
            case "Mish": Unary(c, UnaryKind.Mish); return true;
            case "Sqrt": Unary(c, UnaryKind.Sqrt); return true;
            case "Exp": Unary(c, UnaryKind.Exp); return true;
            case "Neg": Unary(c, UnaryKind.Neg); return true;
            case "Abs": Unary(c, UnaryKind.Abs); return true;
            case "Clip":
            {
                // Before opset 11 the bounds are attributes; from 11 they are optional constant inputs.
                float min = c.Opset < 11 ? n.GetFloat("min", float.NegativeInfinity) : c.Has(1) ? c.ConstantFloats(1, "min")[0] : float.NegativeInfinity;
                float max = c.Opset < 11 ? n.GetFloat("max", float.PositiveInfinity) : c.Has(2) ? c.ConstantFloats(2, "max")[0] : float.PositiveInfinity;
                c.Emit(Ops.Unary.Clip(min, max), c.Output(), c.Input(0));
                return true;
            }
            case "Add": Binary(c, BinaryKind.Add); return true;
            case "Sub": Binary(c, BinaryKind.Sub); return true;
            case "Mul": Binary(c, BinaryKind.Mul); return true;
            case "Div": Binary(c, BinaryKind.Div); return true;
            case "Pow": Binary(c, BinaryKind.Pow); return true;
            case "PRelu": Binary(c, BinaryKind.PRelu); return true;
            case "Sum": Variadic(c, BinaryKind.Add); return true;
            case "Max": Variadic(c, BinaryKind.Max); return true;
            case "Min": Variadic(c, BinaryKind.Min); return true;
            case "Mean":
            {
                string sum = Variadic(c, BinaryKind.Add, c.Temp());
                var scale = c.AddConstant(new Tensors.Tensor([1], [1f / c.Node.Inputs.Count(i => i.Length > 0)]));
                c.Emit(new Binary(BinaryKind.Mul), c.Output(), sum, scale);
                return true;
            }
            case "BatchNormalization":
                if (n.GetInt("training_mode", 0) != 0 || n.Outputs.Skip(1).Any(o => o.Length > 0))
                    throw c.Unsupported("BatchNormalization in training mode (running statistics outputs) is not supported");
                c.Emit(new BatchNormalization(n.GetFloat("epsilon", 1e-5f)), c.Output(), c.Input(0), c.Input(1), c.Input(2), c.Input(3), c.Input(4));
                return true;
            case "InstanceNormalization":
                c.Emit(new InstanceNormalization(n.GetFloat("epsilon", 1e-5f)), c.Output(), c.Input(0), c.Input(1), c.Input(2));
                return true;
            case "LRN":
                c.Emit(new Lrn(c.Int("size", 1), n.GetFloat("alpha", 1e-4f), n.GetFloat("beta", 0.75f), n.GetFloat("bias", 1f)), c.Output(), c.Input(0));
                return true;
            case "ReduceMean":
            {
                int[]? axes = c.Opset >= 18
                    ? (c.Has(1) ? c.ConstantLongs(1, "axes").Select(a => (int)a).ToArray() : null)
                    : (n.Has("axes") ? c.Ints("axes") : null);
                c.Emit(new ReduceMean(axes, c.Int("keepdims", 1) != 0, c.Int("noop_with_empty_axes", 0) != 0), c.Output(), c.Input(0));
                return true;
            }
            case "ArgMax":
                c.Emit(new ArgMax(c.Int("axis", 0), c.Int("keepdims", 1) != 0, c.Int("select_last_index", 0) != 0), c.Output(), c.Input(0));
                return true;
            default:
                return false;
        }
    }

    private static void Unary(TranslationContext c, UnaryKind kind, float? alpha = null, float? beta = null) =>
        c.Emit(new Unary(kind, alpha, beta), c.Output(), c.Input(0));

    private static void Binary(TranslationContext c, BinaryKind kind) =>
        c.Emit(new Binary(kind), c.Output(), c.Input(0), c.Input(1));

    /// <summary>Sum/Max/Min of n inputs as a left fold of n-1 binary ops; one input is a view of itself.</summary>
    private static string Variadic(TranslationContext c, BinaryKind kind, string? output = null)
    {
        output ??= c.Output();
        var inputs = c.Node.Inputs.Where(i => i.Length > 0).ToList();
        if (inputs.Count == 0) throw c.Error("needs at least one input");
        if (inputs.Count == 1)
        {
            c.Alias(output, inputs[0], c.ShapeOf(inputs[0]));
            return output;
        }
        string acc = inputs[0];
        for (int i = 1; i < inputs.Count; i++)
            acc = c.Emit(new Binary(kind), i == inputs.Count - 1 ? output : c.Temp(), acc, inputs[i]);
        return acc;
    }
}
