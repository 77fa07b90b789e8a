using Vision.Models;
using Vision.Tensors;


namespace Vision.Tests.Onnx;

/// <summary>Small models built in code, so tests need no downloaded files.</summary>
internal static class OnnxTestModels
{
    /// <summary>x[1,2,5,5] -> Conv(3x3, pad 1, 3 filters) -> Relu -> Flatten -> Gemm(75 -> 4, beta = 0) -> y[1,4].</summary>
    public static Model ConvReluGemm(int opset = 13)
    {
        var init = new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["W"] = Tensor.Random([3, 2, 3, 3], seed: 1),
            ["B"] = Tensor.Random([3], seed: 2),
            ["G"] = Tensor.Random([75, 4], seed: 3),
            ["C"] = Tensor.Random([4], seed: 4, min: 5f, max: 6f),
        };
        return new Model
        {
            Inputs = [new ValueInfo("x", DataType.Float32, [Dim.Symbolic("batch"), Dim.Fixed(2), Dim.Fixed(5), Dim.Fixed(5)])],
            Outputs = [new ValueInfo("y", DataType.Float32, [Dim.Symbolic("batch"), Dim.Fixed(4)])],
            Initializers = init,
            OpsetVersion = opset,
            Nodes =
            [
                new Node("conv", "Conv", "", ["x", "W", "B"], ["c"],
                [
                    NodeAttribute.Of("kernel_shape", new long[] { 3, 3 }), NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 }),
                    NodeAttribute.Of("strides", new long[] { 1, 1 }), NodeAttribute.Of("dilations", new long[] { 1, 1 }),
                    NodeAttribute.Of("group", 1L),
                ]),
                new Node("relu", "Relu", "", ["c"], ["r"]),
                new Node("flatten", "Flatten", "", ["r"], ["f"], [NodeAttribute.Of("axis", 1L)]),
                // beta = 0 must survive the save: if it were dropped, the default 1 would add C (values 5..6) to y.
                new Node("gemm", "Gemm", "", ["f", "G", "C"], ["y"],
                    [NodeAttribute.Of("alpha", 1f), NodeAttribute.Of("beta", 0f), NodeAttribute.Of("transA", 0L), NodeAttribute.Of("transB", 0L)]),
            ],
        };
    }

    /// <summary>The reference result of <see cref="ConvReluGemm"/> in plain loops.</summary>
    public static float[] ConvReluGemmReference(Model m, float[] x)
    {
        var w = m.Initializers["W"].Data; var b = m.Initializers["B"].Data; var g = m.Initializers["G"].Data;
        var f = new float[75];
        for (int o = 0; o < 3; o++)
            for (int yy = 0; yy < 5; yy++)
                for (int xx = 0; xx < 5; xx++)
                {
                    float s = b[o];
                    for (int c = 0; c < 2; c++)
                        for (int ky = 0; ky < 3; ky++)
                            for (int kx = 0; kx < 3; kx++)
                            {
                                int iy = yy + ky - 1, ix = xx + kx - 1;
                                if (iy < 0 || iy >= 5 || ix < 0 || ix >= 5) continue;
                                s += w[((o * 2 + c) * 3 + ky) * 3 + kx] * x[(c * 5 + iy) * 5 + ix];
                            }
                    f[(o * 5 + yy) * 5 + xx] = Math.Max(0f, s);
                }
        var y = new float[4];
        for (int j = 0; j < 4; j++)
            for (int k = 0; k < 75; k++)
                y[j] += f[k] * g[k * 4 + j];
        return y;
    }
}
