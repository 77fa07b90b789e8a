using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX Reshape (and, with the target shape the compiler works out, Flatten, Squeeze and Unsqueeze): the same elements
/// in the same order under a new shape. A 0 in <see cref="Shape"/> copies x's dimension (unless
/// <see cref="AllowZero"/>), one -1 is inferred. Nothing needs to move, so the worker aliases the input buffer instead
/// of running this op; run on its own it copies with the <c>copy</c> kernel.
/// </summary>
public sealed class Reshape(int[] shape, bool allowZero = false) : Op
{
    public int[] Shape { get; } = shape;
    public bool AllowZero { get; } = allowZero;

    public override string Name => "reshape";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        Shapes.CheckInputCount(inputs, 1, Name);
        var x = Require(inputs, 0, -1, "x");
        var shape = new int[Shape.Length];
        int infer = -1;
        for (int d = 0; d < Shape.Length; d++)
        {
            int s = Shape[d];
            if (s == -1)
            {
                if (infer >= 0) throw new ShapeException($"reshape: more than one -1 in {Tensor.ShapeString(Shape)}");
                infer = d;
                shape[d] = 1;
            }
            else if (s == 0 && !AllowZero)
            {
                if (d >= x.Length) throw new ShapeException($"reshape: 0 at axis {d} of {Tensor.ShapeString(Shape)} but x is {Tensor.ShapeString(x)}");
                shape[d] = x[d];
            }
            else if (s < 0) throw new ShapeException($"reshape: invalid dimension {s} in {Tensor.ShapeString(Shape)}");
            else shape[d] = s;
        }
        int n = Tensor.ShapeLength(x), known = Tensor.ShapeLength(shape);
        if (infer >= 0)
        {
            if (known == 0 || n % known != 0)
                throw new ShapeException($"reshape: cannot infer the -1 in {Tensor.ShapeString(Shape)} for {Tensor.ShapeString(x)}");
            shape[infer] = n / known;
        }
        else if (known != n) throw new ShapeException($"reshape: {Tensor.ShapeString(x)} has {n} elements, {Tensor.ShapeString(Shape)} holds {known}");
        return shape;
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output) => inputs[0]!.Data.CopyTo(output.Data, 0);

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output) =>
        new("copy", Tensor.ShapeLength(output), []);
}
