using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// Softmax (or LogSoftmax) along <see cref="Axis"/> (negative counts from the end). <see cref="Coerce2D"/> gives the
/// ONNX opset &lt; 13 meaning: the tensor is flattened to 2D at the axis and normalised over everything after it.
/// </summary>
public sealed class Softmax(int axis = -1, bool log = false, bool coerce2D = false) : Op
{
    public int Axis { get; } = axis;
    public bool Log { get; } = log;
    public bool Coerce2D { get; } = coerce2D;

    public override string Name => "softmax";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs) => (int[])Require(inputs, 0, -1, "x").Clone();

    /// <summary>(rows, length of the normalised axis, stride between its elements).</summary>
    private (int Rows, int D, int Inner) Layout(int[] shape)
    {
        int axis = Axis < 0 ? Axis + shape.Length : Axis;
        if (axis < 0 || axis >= Math.Max(shape.Length, 1))
            throw new ShapeException($"softmax: axis {Axis} out of range for {Tensor.ShapeString(shape)}");
        int outer = 1, d = 1, inner = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (i < axis) outer *= shape[i];
            else if (i == axis || Coerce2D) d *= shape[i];
            else inner *= shape[i];
        }
        return (outer * inner, d, inner);
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        var (rows, d, inner) = Layout(x.Shape);
        for (int r = 0; r < rows; r++)
        {
            int start = r / inner * d * inner + r % inner;
            float max = float.NegativeInfinity;
            for (int i = 0; i < d; i++) max = Math.Max(max, x.Data[start + i * inner]);
            float sum = 0;
            for (int i = 0; i < d; i++) sum += MathF.Exp(x.Data[start + i * inner] - max);
            for (int i = 0; i < d; i++)
            {
                float v = x.Data[start + i * inner] - max;
                output.Data[start + i * inner] = Log ? v - MathF.Log(sum) : MathF.Exp(v) / sum;
            }
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var (rows, d, inner) = Layout(inputs[0]!);
        return new KernelLaunch(Name, rows, [d, inner], null, Log ? "LOG_SOFTMAX" : "");
    }
}
