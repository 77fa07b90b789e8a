using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX ArgMax along <see cref="Axis"/> (negative counts from the end): the index of the largest element, the first
/// one among equals unless <see cref="SelectLastIndex"/>. ONNX's output is int64; here the indices are float32 values
/// (exact up to 2^24), like every tensor on the device. <see cref="KeepDims"/> keeps the axis as 1.
/// </summary>
public sealed class ArgMax(int axis = 0, bool keepDims = true, bool selectLastIndex = false) : Op
{
    public int Axis { get; } = axis;
    public bool KeepDims { get; } = keepDims;
    public bool SelectLastIndex { get; } = selectLastIndex;

    public override string Name => "arg_max";

    private int NormalizedAxis(int[] shape)
    {
        int axis = Axis < 0 ? Axis + shape.Length : Axis;
        if (axis < 0 || axis >= shape.Length)
            throw new ShapeException($"arg_max: axis {Axis} out of range for {Tensor.ShapeString(shape)}");
        if (shape[axis] == 0) throw new ShapeException($"arg_max: axis {Axis} of {Tensor.ShapeString(shape)} is empty");
        return axis;
    }

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var x = Require(inputs, 0, -1, "x");
        int axis = NormalizedAxis(x);
        return KeepDims ? x.Select((d, i) => i == axis ? 1 : d).ToArray() : x.Where((_, i) => i != axis).ToArray();
    }

    /// <summary>(rows, length of the axis, stride between its elements).</summary>
    private (int Rows, int D, int Inner) Layout(int[] shape)
    {
        int axis = NormalizedAxis(shape);
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= shape[i];
        for (int i = axis + 1; i < shape.Length; i++) inner *= shape[i];
        return (outer * inner, shape[axis], inner);
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        var (rows, d, inner) = Layout(x.Shape);
        for (int r = 0; r < rows; r++)
        {
            int start = r / inner * d * inner + r % inner;
            float best = x.Data[start];
            int index = 0;
            for (int i = 1; i < d; i++)
            {
                float v = x.Data[start + i * inner];
                if (v > best || (SelectLastIndex && v == best)) { best = v; index = i; }
            }
            output.Data[r] = index;
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var (rows, d, inner) = Layout(inputs[0]!);
        return new KernelLaunch(Name, rows, [d, inner], null, SelectLastIndex ? "SELECT_LAST_INDEX" : "");
    }
}
