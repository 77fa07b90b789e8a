using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX SpaceToDepth, the inverse of <see cref="DepthToSpace"/> in DCR mode: x [N, C, H, W] → [N, C * b², H / b, W / b]
/// with y[n, (i * b + j) * C + c, h, w] = x[n, c, h * b + i, w * b + j]. Runs as the <see cref="Transpose"/> kernel.
/// </summary>
public sealed class SpaceToDepth(int blockSize) : Op
{
    public int BlockSize { get; } = blockSize;

    public override string Name => "space_to_depth";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        Shapes.CheckInputCount(inputs, 1, Name);
        var x = Require(inputs, 0, 4, "x");
        int b = BlockSize;
        if (b < 1 || x[2] % b != 0 || x[3] % b != 0)
            throw new ShapeException($"space_to_depth: H and W of {Tensor.ShapeString(x)} must be multiples of blocksize {b}");
        return [x[0], x[1] * b * b, x[2] / b, x[3] / b];
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], w = x.Shape[3], b = BlockSize;
        int oc = c * b * b, oh = h / b, ow = w / b;
        for (int bn = 0; bn < n; bn++)
        for (int ch = 0; ch < c; ch++)
        for (int y = 0; y < h; y++)
        for (int xx = 0; xx < w; xx++)
        {
            int channel = (y % b * b + xx % b) * c + ch;
            output.Data[((bn * oc + channel) * oh + y / b) * ow + xx / b] = x.Data[((bn * c + ch) * h + y) * w + xx];
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        int b = BlockSize;
        // The spec's definition: reshape to [N, C, H/b, b, W/b, b], transpose to [N, b, b, C, H/b, W/b].
        return Transpose.LaunchFor([x[0], x[1], x[2] / b, b, x[3] / b, b], [0, 3, 5, 1, 2, 4]);
    }
}
