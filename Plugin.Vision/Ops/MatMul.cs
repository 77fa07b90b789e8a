using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX MatMul, numpy semantics: a [..., M, K] times b [..., K, N] gives [..., M, N], the batch dimensions (up to 4, so
/// the output rank stays within 6) broadcasting numpy-style. A 1-D a is promoted to [1, K] and a 1-D b to [K, 1];
/// the promoted axis is removed from the output again.
/// </summary>
public sealed class MatMul : Op
{
    public const int MaxBatchRank = Shapes.MaxRank - 2;

    public override string Name => "matmul";

    /// <summary>Both operands as matrices with their batch shapes, and the output shape.</summary>
    private static (int[] BatchA, int[] BatchB, int[] Batch, int M, int K, int N, int[] Output) Geometry(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0) throw new ShapeException("matmul: scalar operands are not allowed");
        int m = a.Length == 1 ? 1 : a[^2], k = a[^1];
        int kb = b.Length == 1 ? b[0] : b[^2], n = b.Length == 1 ? 1 : b[^1];
        if (k != kb)
            throw new ShapeException($"matmul: a {Tensor.ShapeString(a)} has {k} columns but b {Tensor.ShapeString(b)} has {kb} rows");
        int[] batchA = a.Length > 2 ? a[..^2] : [], batchB = b.Length > 2 ? b[..^2] : [];
        var batch = Broadcast.Shape(batchA, batchB);
        if (batch.Length > MaxBatchRank) throw new ShapeException($"matmul: {batch.Length} batch dimensions exceed {MaxBatchRank}");
        var output = batch.ToList();
        if (a.Length > 1) output.Add(m);
        if (b.Length > 1) output.Add(n);
        return (batchA, batchB, batch, m, k, n, output.ToArray());
    }

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        Shapes.CheckInputCount(inputs, 2, Name);
        return Geometry(Require(inputs, 0, -1, "a"), Require(inputs, 1, -1, "b")).Output;
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor a = inputs[0]!, b = inputs[1]!;
        var g = Geometry(a.Shape, b.Shape);
        var sa = Broadcast.Strides(g.BatchA, g.Batch);
        var sb = Broadcast.Strides(g.BatchB, g.Batch);
        int m = g.M, k = g.K, n = g.N;
        Shapes.ForEachIndex(g.Batch, (p, index) =>
        {
            int ba = 0, bb = 0;
            for (int d = 0; d < index.Length; d++) { ba += index[d] * sa[d]; bb += index[d] * sb[d]; }
            for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0;
                for (int t = 0; t < k; t++) sum += a.Data[(ba * m + i) * k + t] * b.Data[(bb * k + t) * n + j];
                output.Data[(p * m + i) * n + j] = sum;
            }
        });
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var g = Geometry(inputs[0]!, inputs[1]!);
        var p = new int[3 + 3 * MaxBatchRank];
        p[0] = g.M;
        p[1] = g.K;
        p[2] = g.N;
        // Batch strides in elements: a broadcast batch dimension has stride 0.
        Put4(p, 3, g.Batch, 1);
        Put4(p, 7, Broadcast.Strides(g.BatchA, g.Batch).Select(s => s * g.M * g.K).ToArray(), 0);
        Put4(p, 11, Broadcast.Strides(g.BatchB, g.Batch).Select(s => s * g.K * g.N).ToArray(), 0);
        return new KernelLaunch(Name, Tensor.ShapeLength(output), p);
    }

    private static void Put4(int[] p, int offset, int[] values, int fill)
    {
        int shift = MaxBatchRank - values.Length;
        for (int d = 0; d < MaxBatchRank; d++) p[offset + d] = d < shift ? fill : values[d - shift];
    }
}
