using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX DepthToSpace: x [N, C, H, W] → [N, C / b², H * b, W * b], moving channel blocks into b x b pixel blocks:
/// y[n, c, h * b + i, w * b + j] = x[n, channel, h, w] with channel = (i * b + j) * C/b² + c in DCR mode and
/// c * b² + i * b + j in CRD mode. The GPU runs it as the <see cref="Transpose"/> kernel on the spec's 6D view.
/// </summary>
public sealed class DepthToSpace(int blockSize, DepthToSpaceMode mode = DepthToSpaceMode.DCR) : Op
{
    public int BlockSize { get; } = blockSize;
    public DepthToSpaceMode Mode { get; } = mode;

    public override string Name => "depth_to_space";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        Shapes.CheckInputCount(inputs, 1, Name);
        var x = Require(inputs, 0, 4, "x");
        int b = BlockSize;
        if (b < 1 || x[1] % (b * b) != 0)
            throw new ShapeException($"depth_to_space: channels of {Tensor.ShapeString(x)} must be a multiple of blocksize² = {b * b}");
        return [x[0], x[1] / (b * b), x[2] * b, x[3] * b];
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], w = x.Shape[3], b = BlockSize, oc = c / (b * b);
        for (int bn = 0; bn < n; bn++)
        for (int ch = 0; ch < oc; ch++)
        for (int y = 0; y < h * b; y++)
        for (int xx = 0; xx < w * b; xx++)
        {
            int i = y % b, j = xx % b;
            int channel = Mode == DepthToSpaceMode.DCR ? (i * b + j) * oc + ch : (ch * b + i) * b + j;
            output.Data[((bn * oc + ch) * h * b + y) * w * b + xx] = x.Data[((bn * c + channel) * h + y / b) * w + xx / b];
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        int n = x[0], b = BlockSize, oc = x[1] / (b * b), h = x[2], w = x[3];
        // The spec's definition: reshape to 6D, transpose, reshape to 4D (the reshapes cost nothing).
        return Mode == DepthToSpaceMode.DCR
            ? Transpose.LaunchFor([n, b, b, oc, h, w], [0, 3, 4, 1, 5, 2])
            : Transpose.LaunchFor([n, oc, b, b, h, w], [0, 1, 4, 2, 5, 3]);
    }
}
