using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// y = a (op) b with numpy broadcasting (up to rank 6), with an optional fused activation (residual add + ReLU). PRelu
/// is here too: its slope is just a broadcast second operand. An optional third input z of the output's shape is added
/// before the activation, ACT(a (op) b + z): the compiler fuses <c>Add(Mul(x, s), z)</c> (PP-OCRv4's attention blocks)
/// into one pass.
/// </summary>
public sealed class Binary(BinaryKind kind, Activation activation = default) : Op, IFusesActivation
{
    public const int MaxRank = 6;

    public BinaryKind Kind { get; } = kind;
    public Activation Activation { get; } = activation;

    public Op WithActivation(Activation activation) => new Binary(Kind, activation);

    public override string Name => "binary";

    public override int InputSlots => 3;

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        if (inputs.Count is not (2 or 3))
            throw new ShapeException($"{Kind.ToString().ToLowerInvariant()}: takes a, b and an optional addend, got {inputs.Count} inputs");
        var a = Require(inputs, 0, -1, "a");
        var b = Require(inputs, 1, -1, "b");
        var shape = Broadcast.Shape(a, b);
        Shapes.CheckSameShape(inputs, 2, shape, Kind.ToString().ToLowerInvariant(), "addend", "the output's shape");
        // PRelu's slope broadcasts to x, never the other way: the output is x's shape.
        if (Kind == BinaryKind.PRelu && !shape.AsSpan().SequenceEqual(a))
            throw new ShapeException($"prelu: slope {Tensor.ShapeString(b)} does not broadcast to x {Tensor.ShapeString(a)}");
        return shape;
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor a = inputs[0]!, b = inputs[1]!;
        var z = inputs.Count > 2 ? inputs[2] : null;
        var sa = Broadcast.Strides(a.Shape, output.Shape);
        var sb = Broadcast.Strides(b.Shape, output.Shape);
        var index = new int[output.Rank];
        for (int i = 0; i < output.Length; i++)
        {
            int ia = 0, ib = 0;
            for (int d = 0; d < index.Length; d++) { ia += index[d] * sa[d]; ib += index[d] * sb[d]; }
            float v = Apply(a.Data[ia], b.Data[ib]);
            output.Data[i] = Activations.Apply(Activation, z == null ? v : v + z.Data[i]);
            for (int d = index.Length - 1; d >= 0 && ++index[d] == output.Shape[d]; d--) index[d] = 0;
        }
    }

    public float Apply(float a, float b) => Kind switch
    {
        BinaryKind.Add => a + b,
        BinaryKind.Sub => a - b,
        BinaryKind.Mul => a * b,
        BinaryKind.Div => a / b,
        BinaryKind.Pow => Elementwise.Pow(a, b),
        BinaryKind.Max => Math.Max(a, b),
        BinaryKind.Min => Math.Min(a, b),
        BinaryKind.PRelu => a >= 0f ? a : a * b,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        if (output.Length > MaxRank) throw new ShapeException($"binary: rank {output.Length} exceeds {MaxRank}");
        var p = new int[3 * MaxRank + 4];
        var sa = Broadcast.Strides(inputs[0]!, output);
        var sb = Broadcast.Strides(inputs[1]!, output);
        int shift = MaxRank - output.Length;
        for (int d = 0; d < MaxRank; d++)
        {
            bool real = d >= shift;
            p[d] = real ? output[d - shift] : 1;
            p[MaxRank + d] = real ? sa[d - shift] : 0;
            p[2 * MaxRank + d] = real ? sb[d - shift] : 0;
        }
        // Fast path: when each operand, seen through the output, is one contiguous run of dimensions (same shape, a
        // scalar, a per-channel vector...), its index is (i / inner) % count: two divisions instead of twelve.
        bool blocks = Block(inputs[0]!, output, out p[18], out p[19]) & Block(inputs[1]!, output, out p[20], out p[21]);
        int total = Tensor.ShapeLength(output);
        string addend = inputs.Count > 2 && inputs[2] != null ? "HAS_ADDEND" : "";
        // binary4: 4 outputs per item when each operand's 4 values are contiguous or one broadcast value.
        if (blocks && total % 4 == 0 && Kind is BinaryKind.Add or BinaryKind.Sub or BinaryKind.Mul or BinaryKind.Div or BinaryKind.Max or BinaryKind.Min &&
            Quad(p[18], p[19]) is { } aVec && Quad(p[20], p[21]) is { } bVec)
            return new KernelLaunch("binary4", total / 4, p, Activations.Floats(Activation),
                "OP_" + Kind.ToString().ToUpperInvariant(), Activations.Define(Activation), aVec ? "A_VEC" : "", bVec ? "B_VEC" : "", addend);
        return new KernelLaunch(Name, Tensor.ShapeLength(output), p, Activations.Floats(Activation),
            "OP_" + Kind.ToString().ToUpperInvariant(), Activations.Define(Activation), blocks ? "BLOCKS" : "", addend);
    }

    /// <summary>How an operand (i / inner) % count reads 4 outputs from a multiple of 4: contiguous (true), one value (false), or neither.</summary>
    private static bool? Quad(int inner, int count) =>
        inner == 1 && count % 4 == 0 ? true : inner % 4 == 0 || count == 1 ? false : null;

    /// <summary>
    /// Whether <paramref name="shape"/> broadcast to <paramref name="output"/> reads element (i / inner) % count for output
    /// element i: its non-broadcast dimensions are adjacent among the output's non-unit dimensions.
    /// </summary>
    internal static bool Block(int[] shape, int[] output, out int inner, out int count)
    {
        var strides = Broadcast.Strides(shape, output);
        int first = -1, last = -1;
        for (int d = 0; d < output.Length; d++)
        {
            if (output[d] == 1 || strides[d] == 0) continue;
            if (first < 0) first = d;
            last = d;
        }
        inner = 1;
        count = 1;
        if (first < 0) return true;  // a scalar (or all unit dimensions)
        for (int d = first; d <= last; d++)
        {
            if (output[d] == 1) continue;
            if (strides[d] == 0) return false;  // a broadcast dimension inside the run
            count *= output[d];
        }
        for (int d = last + 1; d < output.Length; d++) inner *= output[d];
        return true;
    }
}
