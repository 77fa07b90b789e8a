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

    /// <summary>The inputs padded with nulls (absent optional inputs) up to the op's declared slots.</summary>
    internal static IReadOnlyList<DeviceTensor?> Slots(Op op, IReadOnlyList<DeviceTensor?> inputs)
    {
        if (inputs.Count >= op.InputSlots) return inputs;
        var padded = new DeviceTensor?[op.InputSlots];
        for (int i = 0; i < inputs.Count; i++) padded[i] = inputs[i];
        return padded;
    }

    public override string ToString() => $"{Op.Name}{Tensor.ShapeString(OutputShape)}";
}
