using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// One operation, named as its kernel files are (<see cref="Name"/> = <c>Shaders/&lt;name&gt;.comp</c> and <c>.cl</c>).
/// Its parameters are fixed at construction; it infers its output shape, computes the plain C# reference (the truth
/// every backend is tested against), and describes the GPU kernel launch for given shapes.
/// </summary>
public abstract class Op
{
    public abstract string Name { get; }

    /// <summary>
    /// Buffer slots the kernel declares for inputs when some are optional (Conv2d's bias, Gemm's C): GPU backends bind a
    /// dummy to slots the caller leaves out, so the output never lands on an input's binding. 0: exactly the inputs given.
    /// </summary>
    public virtual int InputSlots => 0;

    /// <summary>The output shape for these input shapes (null for an absent optional input); throws on invalid shapes.</summary>
    public abstract int[] OutputShape(IReadOnlyList<int[]?> inputs);

    /// <summary>The CPU reference: writes the result into <paramref name="output"/>, already of the output shape.</summary>
    public abstract void Reference(IReadOnlyList<Tensor?> inputs, Tensor output);

    /// <summary>The GPU kernel launch for these shapes.</summary>
    public abstract KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output);

    /// <summary>
    /// For an op that only moves a few whole runs of its inputs into its output (a channel concat of one image): the
    /// runs, which a GPU backend performs as buffer copies (the driver's copy path, a memcpy on CPU drivers) instead of
    /// a kernel; null when the op computes, or its runs are too many or too short to beat the kernel.
    /// </summary>
    public virtual IReadOnlyList<BlockCopy>? Copies(IReadOnlyList<int[]?> inputs, int[] output) => null;

    /// <summary>The reference with a freshly allocated output.</summary>
    public Tensor Reference(params Tensor?[] inputs)
    {
        var output = new Tensor(OutputShape(inputs.Select(t => t?.Shape).ToArray()));
        Reference(inputs, output);
        return output;
    }

    protected static int[] Require(IReadOnlyList<int[]?> inputs, int index, int rank, string what)
    {
        if (index >= inputs.Count || inputs[index] is not { } s)
            throw new ShapeException($"missing input {index} ({what})");
        if (rank >= 0 && s.Length != rank)
            throw new ShapeException($"input {index} ({what}) must have rank {rank}, got {Tensor.ShapeString(s)}");
        return s;
    }

    public override string ToString() => Name;
}
