using Vision.Ops;
using Vision.Tensors;

namespace Vision.Backends;

/// <summary>An op bound to its tensors on one backend, ready to dispatch any number of times.</summary>
public abstract class PreparedKernel(Op op, int[] outputShape)
{
    public Op Op { get; } = op;
    public int[] OutputShape { get; } = outputShape;

    /// <summary>Checks the output tensor against the op's inferred shape; every backend's Prepare starts here.</summary>
    protected static int[] CheckShapes(Op op, IReadOnlyList<DeviceTensor?> inputs, DeviceTensor output)
    {
        var expected = op.OutputShape(inputs.Select(t => t?.Shape).ToArray());
        if (!expected.AsSpan().SequenceEqual(output.Shape))
            throw new ShapeException($"{op.Name}: output tensor is {Tensor.ShapeString(output.Shape)}, the op produces {Tensor.ShapeString(expected)}");
        return expected;
    }

    public override string ToString() => $"{Op.Name}{Tensor.ShapeString(OutputShape)}";
}
