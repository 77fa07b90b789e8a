using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// General matrix multiply, the fully connected layer: y = alpha * A' B' + beta * C with A' = A or Aᵀ, B' = B or Bᵀ,
/// C optional and broadcast from [1 or M, 1 or N] (a bias vector [N] included).
/// </summary>
public sealed class Gemm(float alpha = 1f, float beta = 1f, bool transA = false, bool transB = false,
    Activation activation = default) : Op, IFusesActivation
{
    public float Alpha { get; } = alpha;
    public float Beta { get; } = beta;
    public bool TransA { get; } = transA;
    public bool TransB { get; } = transB;
    public Activation Activation { get; } = activation;

    public Op WithActivation(Activation activation) => new Gemm(Alpha, Beta, TransA, TransB, activation);

    public override int InputSlots => 3;

    public override string Name => "gemm";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var (m, n, _) = Dims(inputs);
        return [m, n];
    }

    private (int M, int N, int K) Dims(IReadOnlyList<int[]?> inputs)
    {
        var a = Require(inputs, 0, 2, "A");
        var b = Require(inputs, 1, 2, "B");
        int m = TransA ? a[1] : a[0], k = TransA ? a[0] : a[1];
        int kb = TransB ? b[1] : b[0], n = TransB ? b[0] : b[1];
        if (k != kb)
            throw new ShapeException($"gemm: A {Tensor.ShapeString(a)} (transA={TransA}) and B {Tensor.ShapeString(b)} (transB={TransB}) disagree on K ({k} vs {kb})");
        if (inputs.Count > 2 && inputs[2] is { } c)
        {
            var (cm, cn) = CDims(c);
            if ((cm != 1 && cm != m) || (cn != 1 && cn != n))
                throw new ShapeException($"gemm: C {Tensor.ShapeString(c)} does not broadcast to [{m},{n}]");
        }
        return (m, n, k);
    }

    private static (int Rows, int Cols) CDims(int[] c) => c.Length switch
    {
        0 => (1, 1),
        1 => (1, c[0]),
        2 => (c[0], c[1]),
        _ => throw new ShapeException($"gemm: C must have rank <= 2, got {Tensor.ShapeString(c)}"),
    };

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor a = inputs[0]!, b = inputs[1]!;
        Tensor? c = inputs.Count > 2 ? inputs[2] : null;
        var (m, n, k) = Dims(inputs.Select(t => t?.Shape).ToArray());
        var (cm, cn) = c == null ? (1, 1) : CDims(c.Shape);
        for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
        {
            float sum = 0;
            for (int p = 0; p < k; p++)
                sum += (TransA ? a.Data[p * m + i] : a.Data[i * k + p]) * (TransB ? b.Data[j * k + p] : b.Data[p * n + j]);
            float v = Alpha * sum;
            if (c != null) v += Beta * c.Data[(cm == 1 ? 0 : i) * cn + (cn == 1 ? 0 : j)];
            output.Data[i * n + j] = Activations.Apply(Activation, v);
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var (m, n, k) = Dims(inputs);
        var c = inputs.Count > 2 ? inputs[2] : null;
        var (cm, cn) = c == null ? (1, 1) : CDims(c);
        return new KernelLaunch(Name, m * n, [m, n, k, cm, cn], Activations.Floats(Activation, [Alpha, Beta]),
            TransA ? "TRANS_A" : "", TransB ? "TRANS_B" : "", c != null ? "HAS_C" : "", Activations.Define(Activation));
    }
}
